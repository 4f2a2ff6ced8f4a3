using ChildProtection.Core;
using ChildProtection.Training.DependencyInjection;
using ChildProtection.Training.Persistence;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Attempts;
using ChildProtection.Training.Quizzes.Questions;
using ChildProtection.Training.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Training.Tests.Quizzes;

/// <summary>Attempts on a real database, run against each provider by the subclasses below.</summary>
public abstract class QuizServiceTests(TrainingDatabase database) : IAsyncLifetime
{
    private TrainingFixture _training = null!;
    private Guid _quiz;

    public async Task InitializeAsync()
    {
        _training = await TrainingFixture.StartAsync(database);
        var questions = Enumerable.Range(1, 12).Select(i => new Question(
            "Luật Trẻ em", $"Câu {i}", $"Câu hỏi số {i}?", new ChoiceBody([new("Đáp án đúng", 1), new("Sai một", 0), new("Sai hai", 0)], false))).ToList();
        _quiz = await Service(async quizzes =>
        {
            var bank = await quizzes.SaveBankAsync("Luật Trẻ em 2016", questions);
            return (await quizzes.CreateQuizAsync(bank.Id, "Vòng 1", new QuizDefinition([new CategoryDraw("Luật Trẻ em", 10)], TimeSpan.FromMinutes(15), MaxAttempts: 1))).Key;
        });
    }

    public async Task DisposeAsync() => await _training.DisposeAsync();

    [Fact]
    public async Task Descriptions_AreNeverDrawn_AndShowBeforeTheFirstQuestionOfTheirCategory()
    {
        Question[] questions =
        [
            new("Đọc hiểu", "Đoạn văn", "Đọc đoạn trích Luật Trẻ em rồi trả lời các câu sau.", new DescriptionBody()),
            new("Đọc hiểu", "Câu 1", "Trẻ em là người dưới 16 tuổi.", new TrueFalseBody(true)),
            new("Đọc hiểu", "Câu 2", "Trẻ em có quyền được bảo vệ.", new TrueFalseBody(true)),
            new("Chung", "Câu 3", "Số 111 miễn phí.", new TrueFalseBody(true)),
        ];
        var quiz = await Service(async quizzes => (await quizzes.CreateQuizAsync((await quizzes.SaveBankAsync("Đọc hiểu", questions)).Id, "Đọc hiểu",
            new QuizDefinition([new CategoryDraw("Chung", 1), new CategoryDraw("Đọc hiểu", 2)]))).Key);

        var view = (await Service(q => q.StartAttemptAsync(quiz, "gv-002"))).Result!;
        var state = (await Service(q => q.GetStateAsync(view.Key)))!;

        Assert.Equal(3, view.Questions.Count);
        Assert.DoesNotContain(view.Questions, q => q.Type == QuestionType.Description);
        var (before, intros) = Assert.Single(state.Descriptions);
        Assert.Equal(view.Questions[1].QuestionId, before);
        Assert.Equal("Đọc đoạn trích Luật Trẻ em rồi trả lời các câu sau.", Assert.Single(intros).Text);
    }

    [Fact]
    public async Task Start_ViewHasTenShuffledQuestionsAndNoAnswerKey()
    {
        var started = await Service(q => q.StartAttemptAsync(_quiz, "hs-001"));

        Assert.Equal(AttemptStatus.Success, started.Status);
        var view = started.Result!;
        Assert.Equal(10, view.Questions.Count);
        Assert.Equal(_training.Clock.GetUtcNow().UtcDateTime.AddMinutes(15), view.DeadlineUtc);
        var serialized = System.Text.Json.JsonSerializer.Serialize(view);
        Assert.DoesNotContain("fraction", serialized, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("IsCorrect", serialized);
        Assert.Contains(view.Questions, q => q.Options[0] != "Đáp án đúng");
    }

    [Fact]
    public async Task Start_SecondAttemptBeyondTheLimit_IsRefused()
    {
        await Service(q => q.StartAttemptAsync(_quiz, "hs-001"));

        Assert.Equal(AttemptStatus.NoAttemptsLeft, (await Service(q => q.StartAttemptAsync(_quiz, "hs-001"))).Status);
        Assert.Equal(AttemptStatus.Success, (await Service(q => q.StartAttemptAsync(_quiz, "hs-002"))).Status);
    }

    [Fact]
    public async Task SaveAndSubmit_AnswersInDisplayOrder_ScoredOnTheServer()
    {
        var view = (await Service(q => q.StartAttemptAsync(_quiz, "hs-001"))).Result!;
        foreach (var question in view.Questions.Take(9))
        {
            var right = question.Options.ToList().IndexOf("Đáp án đúng");
            Assert.Equal(AttemptStatus.Success, (await Service(q => q.SaveAnswerAsync(view.Key, question.QuestionId, new ChoiceResponse(new HashSet<int> { right }), 1))).Status);
        }

        var submitted = await Service(q => q.SubmitAsync(view.Key));

        Assert.Equal(AttemptStatus.Success, submitted.Status);
        Assert.Equal(9, submitted.Result!.CorrectCount);
        Assert.True(submitted.Result.Passed);
    }

    [Fact]
    public async Task Save_ReplayedOrOlderRevision_ChangesNothing()
    {
        var view = (await Service(q => q.StartAttemptAsync(_quiz, "hs-001"))).Result!;
        var question = view.Questions[0];
        var right = new ChoiceResponse(new HashSet<int> { question.Options.ToList().IndexOf("Đáp án đúng") });
        var wrong = new ChoiceResponse(new HashSet<int> { question.Options.ToList().IndexOf("Sai một") });

        await Service(q => q.SaveAnswerAsync(view.Key, question.QuestionId, right, 2));
        Assert.Equal(AttemptStatus.Success, (await Service(q => q.SaveAnswerAsync(view.Key, question.QuestionId, right, 2))).Status);
        Assert.Equal(AttemptStatus.StaleRevision, (await Service(q => q.SaveAnswerAsync(view.Key, question.QuestionId, wrong, 1))).Status);

        Assert.Equal(1, (await Service(q => q.SubmitAsync(view.Key))).Result!.CorrectCount);
    }

    [Fact]
    public async Task Submit_Twice_SameScoreAndNoChange()
    {
        var view = (await Service(q => q.StartAttemptAsync(_quiz, "hs-001"))).Result!;
        var first = await Service(q => q.SubmitAsync(view.Key));
        _training.Clock.Advance(TimeSpan.FromMinutes(1));

        var second = await Service(q => q.SubmitAsync(view.Key));

        Assert.Equal(AttemptStatus.AlreadySubmitted, second.Status);
        Assert.Equal(first.Result!.Marks, second.Result!.Marks);
        Assert.Equal(AttemptStatus.AlreadySubmitted, (await Service(q => q.SaveAnswerAsync(view.Key, view.Questions[0].QuestionId, new ChoiceResponse(new HashSet<int> { 0 }), 5))).Status);
    }

    [Fact]
    public async Task Save_SameFirstAnswerTwiceAtOnce_BothTakenAndOneRowKept()
    {
        var view = (await Service(q => q.StartAttemptAsync(_quiz, "hs-001"))).Result!;

        // Ten races (any one may let a request finish before the others start): a save, its replay, and a submitted form carrying the same answer.
        foreach (var question in view.Questions)
        {
            var answer = new ChoiceResponse(new HashSet<int> { 1 });
            var results = await Task.WhenAll(
                Task.Run(() => Service(q => q.SaveAnswerAsync(view.Key, question.QuestionId, answer, 1))),
                Task.Run(() => Service(q => q.SaveAnswerAsync(view.Key, question.QuestionId, answer, 1))),
                Task.Run(() => Service(q => q.SaveAnswersAsync(view.Key, new Dictionary<long, QuestionResponse> { [question.QuestionId] = answer }))));
            Assert.All(results, r => Assert.Equal(AttemptStatus.Success, r.Status));
        }

        var rows = await _training.InScopeAsync<TrainingDbContext, List<AttemptAnswer>>(db =>
            db.AttemptAnswers.Where(a => db.QuizAttempts.Any(t => t.Id == a.AttemptId && t.Key == view.Key)).ToListAsync());
        Assert.Equal(view.Questions.Select(q => q.QuestionId).Order(), rows.Select(r => r.QuestionId).Order());
        Assert.All(rows, r => Assert.Equal(1, r.Revision));
    }

    [Fact]
    public async Task Save_NewerAndOlderRevisionsAtOnce_TheNewerStays()
    {
        var view = (await Service(q => q.StartAttemptAsync(_quiz, "hs-001"))).Result!;
        foreach (var question in view.Questions)
        {
            await Service(q => q.SaveAnswerAsync(view.Key, question.QuestionId, new ChoiceResponse(new HashSet<int> { 0 }), 1));
        }

        foreach (var question in view.Questions)
        {
            await Task.WhenAll(
                Task.Run(() => Service(q => q.SaveAnswerAsync(view.Key, question.QuestionId, new ChoiceResponse(new HashSet<int> { 2 }), 3))),
                Task.Run(() => Service(q => q.SaveAnswerAsync(view.Key, question.QuestionId, new ChoiceResponse(new HashSet<int> { 1 }), 2))));
        }

        var state = (await Service(q => q.GetStateAsync(view.Key)))!;
        Assert.All(view.Questions, q => Assert.Equal((2, 3), (((ChoiceResponse)state.Answers[q.QuestionId]).Selected.Single(), state.Revisions[q.QuestionId])));
    }

    [Fact]
    public async Task Submit_TwiceAtOnce_OneClosesItAndTheOtherGetsTheSameScore()
    {
        // Ten learners, each submitting twice at once (a double click, or the job at the deadline): ten races.
        for (var i = 0; i < 10; i++)
        {
            var view = (await Service(q => q.StartAttemptAsync(_quiz, $"hs-{i:000}"))).Result!;
            await SaveRightAsync(view, 0);
            _training.Clock.Advance(TimeSpan.FromSeconds(30));

            var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => Service(q => q.SubmitAsync(view.Key)))));

            Assert.Equal([AttemptStatus.Success, AttemptStatus.AlreadySubmitted], results.Select(r => r.Status).Order());
            Assert.All(results, r => Assert.Equal((1, 0.1m), (r.Result!.CorrectCount, r.Result.Share)));
            var attempt = await _training.InScopeAsync<TrainingDbContext, QuizAttempt>(db => db.QuizAttempts.SingleAsync(a => a.Key == view.Key));
            Assert.Equal((1, false), (attempt.CorrectCount, attempt.SubmittedByServer));
        }
    }

    [Fact]
    public async Task Deadline_AnswerInGraceTakenLaterOneRefusedAndServerSubmitsWithWhatWasSaved()
    {
        var view = (await Service(q => q.StartAttemptAsync(_quiz, "hs-001"))).Result!;
        _training.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(AttemptStatus.Success, (await SaveRightAsync(view, 0)).Status);

        // Past the 15-minute limit but inside the grace period: still taken.
        _training.Clock.Advance(TimeSpan.FromMinutes(1.5));
        Assert.Equal(AttemptStatus.Success, (await SaveRightAsync(view, 1)).Status);
        _training.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(AttemptStatus.DeadlinePassed, (await SaveRightAsync(view, 2)).Status);

        Assert.Equal(1, await Service(q => q.SubmitOverdueAsync()));
        var result = await Service(q => q.SubmitAsync(view.Key));
        Assert.Equal(AttemptStatus.AlreadySubmitted, result.Status);
        Assert.Equal(2, result.Result!.CorrectCount);
        Assert.Equal(0, await Service(q => q.SubmitOverdueAsync()));
    }

    [Theory]
    [InlineData(ReviewPolicy.AfterAttempt)]
    [InlineData(ReviewPolicy.Never)]
    [InlineData(ReviewPolicy.AfterClose)]
    public async Task Review_RightAnswersAndFeedbackOfEveryType_OnlyWhenThePolicyAllows(ReviewPolicy policy)
    {
        Question[] questions =
        [
            new("Ôn tập", "Gọi ai", "Khi thấy trẻ bị xâm hại, bạn làm gì?",
                new ChoiceBody([new("Gọi 111", 1, "Đúng vậy."), new("Im lặng", 0, "Không nên im lặng."), new("Chờ xem", 0)], false), "Tổng đài 111 miễn phí."),
            new("Ôn tập", "Quyền", "Chọn các quyền của trẻ em.", new ChoiceBody([new("Học tập", .5m), new("Vui chơi", .5m), new("Lao động nặng", -1)], true)),
            new("Ôn tập", "Tuổi", "Trẻ em là người dưới 16 tuổi.", new TrueFalseBody(true, "Chưa đúng.", "Chính xác.")),
            new("Ôn tập", "Ghép", "Ghép khái niệm với độ tuổi.", new MatchingBody([new("Trẻ em", "dưới 16 tuổi"), new("Người chưa thành niên", "dưới 18 tuổi"), new("Thanh niên", "từ 16 đến 30 tuổi")])),
            new("Ôn tập", "Số", "Tổng đài quốc gia bảo vệ trẻ em là số mấy?", new ShortAnswerBody([new("111", 1), new("113", 0)])),
            new("Ôn tập", "Ngày", "Báo cáo bằng văn bản trong bao nhiêu ngày?", new NumericalBody([new NumericAnswer(3, .5m, 1)])),
        ];
        var closes = _training.Clock.GetUtcNow().UtcDateTime.AddHours(1);
        var quiz = await Service(async quizzes => (await quizzes.CreateQuizAsync((await quizzes.SaveBankAsync("Ôn tập", questions)).Id, "Ôn tập",
            new QuizDefinition([new CategoryDraw("Ôn tập", 6)], Review: policy, ReviewOpensUtc: closes.AddHours(1)), closesUtc: closes)).Key);
        var view = (await Service(q => q.StartAttemptAsync(quiz, "gv-001"))).Result!;
        var single = view.Questions.Single(q => q.Type == QuestionType.SingleChoice);
        await Service(q => q.SaveAnswerAsync(view.Key, single.QuestionId, new ChoiceResponse(new HashSet<int> { single.Options.ToList().IndexOf("Im lặng") }), 1));
        var truth = view.Questions.Single(q => q.Type == QuestionType.TrueFalse);
        await Service(q => q.SaveAnswerAsync(view.Key, truth.QuestionId, new TrueFalseResponse(true), 1));
        Assert.Null((await Service(q => q.GetStateAsync(view.Key)))!.Review);

        await Service(q => q.SubmitAsync(view.Key));
        var review = (await Service(q => q.GetStateAsync(view.Key)))!.Review;

        if (policy != ReviewPolicy.AfterAttempt)
        {
            Assert.Null(review);
            _training.Clock.Advance(TimeSpan.FromHours(3));
            review = (await Service(q => q.GetStateAsync(view.Key)))!.Review;
            if (policy == ReviewPolicy.Never)
            {
                Assert.Null(review);
                return;
            }
        }

        Assert.NotNull(review);
        Assert.Equal(view.Questions.Select(q => q.QuestionId), review.Select(r => r.Question.QuestionId));
        string[] Shown(ReviewedQuestion item) => item.RightOptions.Select(i => item.Question.Options[i]).ToArray();
        var chosen = review.Single(r => r.Question.Type == QuestionType.SingleChoice);
        Assert.Equal(["Gọi 111"], Shown(chosen));
        Assert.False(chosen.Grade.IsCorrect);
        Assert.Equal(["Không nên im lặng."], chosen.Grade.Feedback);
        Assert.Equal("Tổng đài 111 miễn phí.", chosen.GeneralFeedback);
        Assert.Equal(["Học tập", "Vui chơi"], Shown(review.Single(r => r.Question.Type == QuestionType.MultipleChoice)).Order());
        var answeredTruth = review.Single(r => r.Question.Type == QuestionType.TrueFalse);
        Assert.Equal((true, true, "Chính xác."), (answeredTruth.RightTruth!.Value, answeredTruth.Grade.IsCorrect, answeredTruth.Grade.Feedback.Single()));
        var matching = review.Single(r => r.Question.Type == QuestionType.Matching);
        Assert.Equal(["dưới 16 tuổi", "dưới 18 tuổi", "từ 16 đến 30 tuổi"], Shown(matching));
        Assert.Equal(["Trẻ em", "Người chưa thành niên", "Thanh niên"], matching.Question.Prompts);
        Assert.Equal("111", review.Single(r => r.Question.Type == QuestionType.ShortAnswer).RightText);
        Assert.Equal((3m, .5m), review.Single(r => r.Question.Type == QuestionType.Numerical).RightNumber is { } n ? (n.Value, n.Tolerance) : default);
        Assert.Null(review.Single(r => r.Question.Type == QuestionType.Numerical).Answer);
    }

    private Task<Attempt<AttemptStatus>> SaveRightAsync(AttemptView view, int index)
    {
        var question = view.Questions[index];
        var right = new ChoiceResponse(new HashSet<int> { question.Options.ToList().IndexOf("Đáp án đúng") });
        return Service(q => q.SaveAnswerAsync(view.Key, question.QuestionId, right, 1));
    }

    private Task<T> Service<T>(Func<QuizService, Task<T>> action) => _training.InScopeAsync(action);
}

public sealed class SqliteQuizServiceTests() : QuizServiceTests(TrainingDatabase.Sqlite);

public sealed class PostgresQuizServiceTests() : QuizServiceTests(TrainingDatabase.PostgreSql);
