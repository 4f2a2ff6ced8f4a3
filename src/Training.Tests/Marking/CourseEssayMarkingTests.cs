using ChildProtection.Core;
using ChildProtection.Training.DependencyInjection;
using ChildProtection.Training.Learning;
using ChildProtection.Training.Marking;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Attempts;
using ChildProtection.Training.Quizzes.Questions;
using ChildProtection.Training.Tests.Infrastructure;
using ChildProtection.Training.Tests.Learning;
using ChildProtection.Training.Units;

namespace ChildProtection.Training.Tests.Marking;

/// <summary>A course's reflection marked by a training manager of the learner's unit, on a real database, run against each provider below.</summary>
public abstract class CourseEssayMarkingTests(TrainingDatabase database) : IAsyncLifetime
{
    private static readonly CourseOutline Course = new(Guid.NewGuid(), "Kỷ luật tích cực", [new(Guid.NewGuid(), "Bài 1")], "suy-ngam", 3, 0.8m);
    private TrainingFixture _training = null!;
    private Learner _learner = null!;
    private Unit _district = null!;
    private Unit _otherDistrict = null!;

    public async Task InitializeAsync()
    {
        _training = await TrainingFixture.StartAsync(database, new StaticCourseCatalog([Course]));
        var questions = Enumerable.Range(1, 2).Select(i => new Question("Kỷ luật", $"Câu {i}", $"Khẳng định số {i}.", new TrueFalseBody(true)))
            .Append(new Question("Suy ngẫm", "Bài học rút ra", "Em sẽ áp dụng kỷ luật tích cực thế nào trong lớp?", new EssayBody(MinWords: 5), Settings: new QuestionSettings(DefaultMark: 8)))
            .ToList();
        await _training.InScopeAsync<QuizService, QuestionBank>(q => q.SaveBankAsync("suy-ngam", questions));
        _district = await _training.AddUnitAsync("PGD-NP", null);
        _otherDistrict = await _training.AddUnitAsync("PGD-TC", null);
        var school = await _training.AddUnitAsync("TH-01", _district.Id);
        _learner = (await _training.InScopeAsync<LearningService, Attempt<Learner, LearningStatus>>(l => l.RegisterAsync("tai-khoan-1", "Nguyễn Thị Hoa", "hoa@example.vn", LearnerRole.Teacher, school.Id))).Result!;
    }

    public async Task DisposeAsync() => await _training.DisposeAsync();

    [Fact]
    public async Task TheEssayWaitsForAManagerOfTheLearnersUnit_WhoseMarkDecidesThePassAndTheCertificate()
    {
        await Learning(l => l.RecordLessonViewAsync(_learner, Course.Key, Course.Lessons[0].Key));
        var handedIn = await TakeQuizAsync("Em lắng nghe học sinh, nhắc nhở nhẹ nhàng và khen ngợi kịp thời.");
        Assert.True(handedIn.AwaitingMarks);
        Assert.False(handedIn.Passed);
        var waiting = (await Learning(l => l.ProgressAsync(_learner, Course.Key)))!;
        Assert.Equal((true, false, false), (waiting.AwaitingMarks, waiting.QuizPassed, waiting.Completed));

        // Another district's manager sees nothing and may mark nothing of it.
        var elsewhere = UnitScope.Under(_otherDistrict);
        Assert.Equal(0, await Marking(m => m.CourseEssaysWaitingAsync(elsewhere)));
        Assert.Null(await Marking(m => m.NextCourseEssayAsync(elsewhere)));
        var here = UnitScope.Under(_district);
        var essay = (await Marking(m => m.NextCourseEssayAsync(here)))!;
        Assert.Equal(("Kỷ luật tích cực", 14), (essay.CourseTitle, essay.Essay.Words));
        Assert.Equal(MarkingStatus.NotFound, await Marking(m => m.MarkCourseEssayAsync(elsewhere, "ql-2", "Quản lý khác", essay.Essay.AttemptId, essay.Essay.QuestionId, 8, null)));
        Assert.Equal(MarkingStatus.MarksOutOfRange, await Marking(m => m.MarkCourseEssayAsync(here, "ql-1", "Quản lý", essay.Essay.AttemptId, essay.Essay.QuestionId, 9, null)));

        // 2 of 2 right and 6 of 8 for the essay: 8/10, the course's pass mark.
        Assert.Equal(MarkingStatus.Success, await Marking(m => m.MarkCourseEssayAsync(here, "ql-1", "Quản lý", essay.Essay.AttemptId, essay.Essay.QuestionId, 6, "Cụ thể, dễ áp dụng.")));
        Assert.Equal(MarkingStatus.NoMoreMarksNeeded, await Marking(m => m.MarkCourseEssayAsync(UnitScope.Everything, "so", "Sở", essay.Essay.AttemptId, essay.Essay.QuestionId, 2, null)));
        var done = (await Learning(l => l.ProgressAsync(_learner, Course.Key)))!;
        Assert.Equal((false, true, true), (done.AwaitingMarks, done.QuizPassed, done.Completed));
        Assert.Equal(8m, done.BestAttempt!.Marks);
        Assert.NotNull(await _training.InScopeAsync<Certificates, Certificate?>(c => c.ForAsync(_learner, Course.Key)));
        Assert.Equal(0, await Marking(m => m.CourseEssaysWaitingAsync(UnitScope.Everything)));
    }

    [Fact]
    public async Task TwoManagersMarkingOneEssayAtOnce_OneMarkIsTaken()
    {
        await TakeQuizAsync("Em lắng nghe học sinh và khen ngợi kịp thời.");
        var essay = (await Marking(m => m.NextCourseEssayAsync(UnitScope.Everything)))!.Essay;

        var results = await Task.WhenAll(new[] { "ql-1", "ql-2" }.Select(manager => Task.Run(() =>
            Marking(m => m.MarkCourseEssayAsync(UnitScope.Everything, manager, manager, essay.AttemptId, essay.QuestionId, 5, null)))));

        Assert.Equal([MarkingStatus.Success, MarkingStatus.NoMoreMarksNeeded], results.Order());
    }

    /// <summary>Answers both true/false questions right, writes <paramref name="essay"/> and hands in.</summary>
    private async Task<AttemptScore> TakeQuizAsync(string essay)
    {
        var (_, started) = await Learning(l => l.StartFinalQuizAsync(_learner, Course.Key));
        var view = started!.Result!;
        foreach (var question in view.Questions)
        {
            QuestionResponse answer = question.Type == QuestionType.Essay ? new TextResponse(essay) : new TrueFalseResponse(true);
            await _training.InScopeAsync<QuizService, Attempt<AttemptStatus>>(q => q.SaveAnswerAsync(view.Key, question.QuestionId, answer, 1));
        }

        return (await Learning(l => l.SubmitFinalQuizAsync(_learner, view.Key))).Result!;
    }

    private Task<T> Learning<T>(Func<LearningService, Task<T>> action) => _training.InScopeAsync(action);

    private Task<T> Marking<T>(Func<EssayMarking, Task<T>> action) => _training.InScopeAsync(action);
}

public sealed class SqliteCourseEssayMarkingTests() : CourseEssayMarkingTests(TrainingDatabase.Sqlite);

public sealed class PostgresCourseEssayMarkingTests() : CourseEssayMarkingTests(TrainingDatabase.PostgreSql);
