using ChildProtection.Training.DependencyInjection;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Questions;
using ChildProtection.Training.Tests.Infrastructure;

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
    public async Task Start_ViewHasTenShuffledQuestionsAndNoAnswerKey()
    {
        var started = await Service(q => q.StartAttemptAsync(_quiz, "hs-001"));

        Assert.Equal(AttemptStatus.Success, started.Status);
        var view = started.Attempt!;
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
        var view = (await Service(q => q.StartAttemptAsync(_quiz, "hs-001"))).Attempt!;
        foreach (var question in view.Questions.Take(9))
        {
            var right = question.Options.ToList().IndexOf("Đáp án đúng");
            Assert.Equal(AttemptStatus.Success, (await Service(q => q.SaveAnswerAsync(view.Key, question.QuestionId, new ChoiceResponse(new HashSet<int> { right }), 1))).Status);
        }

        var submitted = await Service(q => q.SubmitAsync(view.Key));

        Assert.Equal(AttemptStatus.Success, submitted.Status);
        Assert.Equal(9, submitted.Score!.CorrectCount);
        Assert.True(submitted.Score.Passed);
    }

    [Fact]
    public async Task Save_ReplayedOrOlderRevision_ChangesNothing()
    {
        var view = (await Service(q => q.StartAttemptAsync(_quiz, "hs-001"))).Attempt!;
        var question = view.Questions[0];
        var right = new ChoiceResponse(new HashSet<int> { question.Options.ToList().IndexOf("Đáp án đúng") });
        var wrong = new ChoiceResponse(new HashSet<int> { question.Options.ToList().IndexOf("Sai một") });

        await Service(q => q.SaveAnswerAsync(view.Key, question.QuestionId, right, 2));
        Assert.Equal(AttemptStatus.Success, (await Service(q => q.SaveAnswerAsync(view.Key, question.QuestionId, right, 2))).Status);
        Assert.Equal(AttemptStatus.StaleRevision, (await Service(q => q.SaveAnswerAsync(view.Key, question.QuestionId, wrong, 1))).Status);

        Assert.Equal(1, (await Service(q => q.SubmitAsync(view.Key))).Score!.CorrectCount);
    }

    [Fact]
    public async Task Submit_Twice_SameScoreAndNoChange()
    {
        var view = (await Service(q => q.StartAttemptAsync(_quiz, "hs-001"))).Attempt!;
        var first = await Service(q => q.SubmitAsync(view.Key));
        _training.Clock.Advance(TimeSpan.FromMinutes(1));

        var second = await Service(q => q.SubmitAsync(view.Key));

        Assert.Equal(AttemptStatus.AlreadySubmitted, second.Status);
        Assert.Equal(first.Score!.Marks, second.Score!.Marks);
        Assert.Equal(AttemptStatus.AlreadySubmitted, (await Service(q => q.SaveAnswerAsync(view.Key, view.Questions[0].QuestionId, new ChoiceResponse(new HashSet<int> { 0 }), 5))).Status);
    }

    [Fact]
    public async Task Deadline_AnswerInGraceTakenLaterOneRefusedAndServerSubmitsWithWhatWasSaved()
    {
        var view = (await Service(q => q.StartAttemptAsync(_quiz, "hs-001"))).Attempt!;
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
        Assert.Equal(2, result.Score!.CorrectCount);
        Assert.Equal(0, await Service(q => q.SubmitOverdueAsync()));
    }

    private Task<AttemptResult> SaveRightAsync(AttemptView view, int index)
    {
        var question = view.Questions[index];
        var right = new ChoiceResponse(new HashSet<int> { question.Options.ToList().IndexOf("Đáp án đúng") });
        return Service(q => q.SaveAnswerAsync(view.Key, question.QuestionId, right, 1));
    }

    private Task<T> Service<T>(Func<QuizService, Task<T>> action) => _training.InScopeAsync(action);
}

public sealed class SqliteQuizServiceTests() : QuizServiceTests(TrainingDatabase.Sqlite);

public sealed class PostgresQuizServiceTests() : QuizServiceTests(TrainingDatabase.PostgreSql);
