using ChildProtection.Core;
using ChildProtection.Training.DependencyInjection;
using ChildProtection.Training.Learning;
using ChildProtection.Training.Persistence;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Attempts;
using ChildProtection.Training.Quizzes.Questions;
using ChildProtection.Training.Tests.Infrastructure;
using ChildProtection.Training.Units;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Training.Tests.Learning;

/// <summary>The course a test uses, as the site's catalogue of published courses would give it.</summary>
public sealed class StaticCourseCatalog(IReadOnlyList<CourseOutline> courses) : ICourseCatalog
{
    public IReadOnlyList<CourseOutline> Courses => courses;

    public CourseOutline? Find(Guid courseKey) => courses.FirstOrDefault(c => c.Key == courseKey);
}

/// <summary>Completion rules and certificates on a real database, run against each provider by the subclasses below.</summary>
public abstract class LearningServiceTests(TrainingDatabase database) : IAsyncLifetime
{
    private static readonly CourseOutline WithQuiz = new(Guid.NewGuid(), "Kỷ luật tích cực", [new(Guid.NewGuid(), "Bài 1"), new(Guid.NewGuid(), "Bài 2")], "ngan-hang-thu", 5, 0.8m);
    private static readonly CourseOutline WithoutQuiz = new(Guid.NewGuid(), "An toàn trên mạng", [new(Guid.NewGuid(), "Bài duy nhất")], null, 0, 0.8m);
    private static readonly CourseOutline Timed = new(Guid.NewGuid(), "Báo tin và hỗ trợ", [new(Guid.NewGuid(), "Bài 1")], "ngan-hang-thu", 3, 0.8m, TimeSpan.FromMinutes(20), MaxAttempts: 2);

    private TrainingFixture _training = null!;
    private Learner _learner = null!;

    public async Task InitializeAsync()
    {
        _training = await TrainingFixture.StartAsync(database, new StaticCourseCatalog([WithQuiz, WithoutQuiz, Timed]));
        // Every question's right answer is "true": a test answers false to get one wrong.
        var questions = Enumerable.Range(1, 5).Select(i => new Question("Kỷ luật", $"Câu {i}", $"Khẳng định số {i}.", new TrueFalseBody(true))).ToList();
        await _training.InScopeAsync<QuizService, QuestionBank>(quizzes => quizzes.SaveBankAsync("ngan-hang-thu", questions));
        var unitId = await _training.InScopeAsync<TrainingDbContext, int>(async db =>
        {
            var unit = new Unit { Code = "TH-01", Name = "Trường Tiểu học Ninh Phước", Kind = UnitKind.School, Path = "", Level = 0 };
            db.Units.Add(unit);
            await db.SaveChangesAsync();
            return unit.Id;
        });
        _learner = (await _training.InScopeAsync<LearningService, Attempt<Learner, LearningStatus>>(l => l.RegisterAsync("tai-khoan-1", "Nguyễn Thị Hoa", "hoa@example.vn", LearnerRole.Teacher, unitId))).Result!;
    }

    public async Task DisposeAsync() => await _training.DisposeAsync();

    private Task<T> Learning<T>(Func<LearningService, Task<T>> action) => _training.InScopeAsync(action);

    private async Task<Attempt<AttemptScore, AttemptStatus>> TakeQuizAsync(int wrong)
    {
        var (_, started) = await Learning(l => l.StartFinalQuizAsync(_learner, WithQuiz.Key));
        var view = started!.Result!;
        for (var i = 0; i < view.Questions.Count; i++)
        {
            var answer = new TrueFalseResponse(i >= wrong);
            await _training.InScopeAsync<QuizService, Attempt<AttemptStatus>>(q => q.SaveAnswerAsync(view.Key, view.Questions[i].QuestionId, answer, 1));
        }

        return await Learning(l => l.SubmitFinalQuizAsync(_learner, view.Key));
    }

    [Fact]
    public async Task Completion_NeedsEveryLessonAndAPassedQuiz_AndIssuesOneCertificate()
    {
        await Learning(l => l.RecordLessonViewAsync(_learner, WithQuiz.Key, WithQuiz.Lessons[0].Key));
        var afterOne = (await Learning(l => l.ProgressAsync(_learner, WithQuiz.Key)))!;
        Assert.Equal((1, 33, false), (afterOne.LessonsViewed, afterOne.Percent, afterOne.Completed));

        // Every lesson but a failed quiz (4 of 5 = 80% passes, 3 of 5 does not): not complete.
        await Learning(l => l.RecordLessonViewAsync(_learner, WithQuiz.Key, WithQuiz.Lessons[1].Key));
        var failed = await TakeQuizAsync(wrong: 2);
        Assert.False(failed.Result!.Passed);
        var afterFail = (await Learning(l => l.ProgressAsync(_learner, WithQuiz.Key)))!;
        Assert.Equal((66, false), (afterFail.Percent, afterFail.Completed));
        Assert.Null(await _training.InScopeAsync<Certificates, Certificate?>(c => c.ForAsync(_learner, WithQuiz.Key)));

        var passed = await TakeQuizAsync(wrong: 1);
        Assert.True(passed.Result!.Passed);
        var done = (await Learning(l => l.ProgressAsync(_learner, WithQuiz.Key)))!;
        Assert.Equal((100, true), (done.Percent, done.Completed));
        var certificate = (await _training.InScopeAsync<Certificates, Certificate?>(c => c.ForAsync(_learner, WithQuiz.Key)))!;
        Assert.Equal(("Nguyễn Thị Hoa", "Trường Tiểu học Ninh Phước", "Kỷ luật tích cực"), (certificate.LearnerName, certificate.UnitName, certificate.CourseTitle));
        Assert.Matches("^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$", certificate.Code);

        // Opening a lesson again changes nothing: still one certificate, with the same code.
        await Learning(l => l.RecordLessonViewAsync(_learner, WithQuiz.Key, WithQuiz.Lessons[0].Key));
        Assert.Equal(1, await _training.InScopeAsync<TrainingDbContext, int>(db => db.Certificates.CountAsync()));
        Assert.Equal(certificate.Code, (await _training.InScopeAsync<Certificates, Certificate?>(c => c.FindAsync(certificate.Code.ToLowerInvariant().Replace("-", ""))))!.Code);
    }

    [Fact]
    public async Task FinalQuiz_TheCoursesTimeLimitAndMaximumAttempts_Hold()
    {
        var (_, first) = await Learning(l => l.StartFinalQuizAsync(_learner, Timed.Key));
        Assert.Equal(_training.Clock.GetUtcNow().UtcDateTime.AddMinutes(20), first!.Result!.DeadlineUtc);
        // An attempt still open is taken up again and does not use up another.
        Assert.Equal(first.Result.Key, (await Learning(l => l.StartFinalQuizAsync(_learner, Timed.Key))).Result!.Result!.Key);
        await Learning(l => l.SubmitFinalQuizAsync(_learner, first.Result.Key));
        var (_, second) = await Learning(l => l.StartFinalQuizAsync(_learner, Timed.Key));
        Assert.Equal(AttemptStatus.Success, second!.Status);
        Assert.False((await Learning(l => l.ProgressAsync(_learner, Timed.Key)))!.NoAttemptsLeft);
        await Learning(l => l.SubmitFinalQuizAsync(_learner, second.Result!.Key));

        var (_, third) = await Learning(l => l.StartFinalQuizAsync(_learner, Timed.Key));

        Assert.Equal(AttemptStatus.NoAttemptsLeft, third!.Status);
        var progress = (await Learning(l => l.ProgressAsync(_learner, Timed.Key)))!;
        Assert.Equal((2, true), (progress.Attempts, progress.NoAttemptsLeft));
        // The course without limits keeps none.
        var (_, untimed) = await Learning(l => l.StartFinalQuizAsync(_learner, WithQuiz.Key));
        Assert.Null(untimed!.Result!.DeadlineUtc);
    }

    [Fact]
    public async Task CourseWithoutQuiz_CompleteOnceEveryLessonIsViewed_AndRevokedStaysRevoked()
    {
        Assert.Equal(LearningStatus.LessonNotInCourse, await Learning(l => l.RecordLessonViewAsync(_learner, WithoutQuiz.Key, WithQuiz.Lessons[0].Key)));
        await Learning(l => l.RecordLessonViewAsync(_learner, WithoutQuiz.Key, WithoutQuiz.Lessons[0].Key));

        Assert.True((await Learning(l => l.ProgressAsync(_learner, WithoutQuiz.Key)))!.Completed);
        var code = (await _training.InScopeAsync<Certificates, Certificate?>(c => c.ForAsync(_learner, WithoutQuiz.Key)))!.Code;
        Assert.Equal(CertificateStatus.ReasonRequired, await _training.InScopeAsync<Certificates, CertificateStatus>(c => c.RevokeAsync(UnitScope.Everything, code, "quanly", " ")));
        Assert.Equal(CertificateStatus.Success, await _training.InScopeAsync<Certificates, CertificateStatus>(c => c.RevokeAsync(UnitScope.Everything, code, "quanly", "Cấp nhầm.")));
        Assert.Equal(CertificateStatus.AlreadyRevoked, await _training.InScopeAsync<Certificates, CertificateStatus>(c => c.RevokeAsync(UnitScope.Everything, code, "quanly", "Lần nữa.")));
        Assert.True((await _training.InScopeAsync<Certificates, Certificate?>(c => c.FindAsync(code)))!.Revoked);
    }
}

public sealed class SqliteLearningServiceTests() : LearningServiceTests(TrainingDatabase.Sqlite);

public sealed class PostgresLearningServiceTests() : LearningServiceTests(TrainingDatabase.PostgreSql);
