using ChildProtection.Core;
using ChildProtection.Training.DependencyInjection;
using ChildProtection.Training.Learning;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Paper;
using ChildProtection.Training.Quizzes.Questions;
using ChildProtection.Training.Reports;
using ChildProtection.Training.Tests.Infrastructure;
using ChildProtection.Training.Units;

namespace ChildProtection.Training.Tests.Learning;

/// <summary>A course's final quiz sat on paper at a training day, on a real database, run against each provider below.</summary>
public abstract class CoursePaperResultsTests(TrainingDatabase database) : IAsyncLifetime
{
    private static readonly CourseOutline Course = new(
        Guid.NewGuid(), "Phòng, chống xâm hại trẻ em", [new(Guid.NewGuid(), "Bài 1"), new(Guid.NewGuid(), "Bài 2")], "giay-khoa-hoc", 3, 0.8m, TimeSpan.FromMinutes(15));

    private TrainingFixture _training = null!;
    private Unit _district = null!;
    private Learner _hoa = null!;
    private Learner _nam = null!;
    private Learner _elsewhere = null!;
    private PaperQuiz _paper = null!;

    public async Task InitializeAsync()
    {
        _training = await TrainingFixture.StartAsync(database, new StaticCourseCatalog([Course]));
        await _training.InScopeAsync<QuizService, QuestionBank>(q => q.SaveBankAsync(Course.QuestionBank!,
        [
            new Question("Luật", "Tuổi", "Trẻ em là người dưới bao nhiêu tuổi?", new ChoiceBody([new("16 tuổi", 1), new("18 tuổi", 0), new("15 tuổi", 0)], false)),
            new Question("Luật", "Tổng đài", "Tổng đài quốc gia bảo vệ trẻ em là số nào?", new ChoiceBody([new("111", 1), new("113", 0), new("115", 0)], false)),
            new Question("Luật", "Ghép nối", "Ghép mỗi số điện thoại với việc của nó.", new MatchingBody(
                [new("111", "Bảo vệ trẻ em"), new("113", "Công an"), new("115", "Cấp cứu")], ["Cứu hỏa"])),
        ]));
        _district = await _training.AddUnitAsync("PGD-LH", null);
        var school = await _training.AddUnitAsync("THCS-LH", _district.Id);
        var other = await _training.AddUnitAsync("PGD-KHAC", null);
        _hoa = await RegisterAsync("hoa", "Nguyễn Thị Hoa", "hoa@truong.edu.vn", school);
        _nam = await RegisterAsync("nam", "Trần Văn Nam", "nam@truong.edu.vn", school);
        _elsewhere = await RegisterAsync("khac", "Lê Khác", "khac@truong.edu.vn", other);
        Assert.NotNull(await Learning(l => l.FinalQuizAsync(Course)));
        _paper = (await _training.InScopeAsync<QuizService, PaperQuiz?>(q => q.MakePaperVersionsAsync(Course.Key, 2)))!;
    }

    public async Task DisposeAsync() => await _training.DisposeAsync();

    [Fact]
    public async Task PapersMarkedByTheirKey_DecideThePass_AndWithLessonsAttendedInPerson_TheCompletionAndTheReport()
    {
        var import = await ImportAsync(
        [
            // The e-mail address as a clerk types it: capitals and spaces are the same learner.
            new CoursePaperRow(2, " HOA@truong.edu.vn ", "101", Answers(_paper.Versions[0], right: 3)),
            new CoursePaperRow(3, "nam@truong.edu.vn", "102", Answers(_paper.Versions[1], right: 1)),
        ], attendedInPerson: true);

        Assert.Equal((2, 0), (import!.Imported, import.Errors.Count));
        var hoa = (await Learning(l => l.ProgressAsync(_hoa, Course.Key)))!;
        Assert.Equal((2, true, true, 3m), (hoa.LessonsViewed, hoa.QuizPassed, hoa.Completed, hoa.BestAttempt!.Marks!.Value));
        Assert.Equal(101, hoa.BestAttempt.PaperCode);
        Assert.NotNull(await _training.InScopeAsync<Certificates, Certificate?>(c => c.ForAsync(_hoa, Course.Key)));
        var nam = (await Learning(l => l.ProgressAsync(_nam, Course.Key)))!;
        Assert.Equal((2, false, false), (nam.LessonsViewed, nam.QuizPassed, nam.Completed));

        var now = _training.Clock.GetUtcNow().UtcDateTime;
        var report = (await _training.InScopeAsync<CompletionReports, CompletionReport?>(r => r.ReportAsync(
            UnitScope.Under(_district), new ReportFilter(null, Course.Key, null, now.AddDays(-1), now.AddDays(1)))))!;
        Assert.Equal((2, 1), (report.Total.Started, report.Total.Completed));
    }

    [Fact]
    public async Task WithoutLessonsAttended_APassingPaperPassesTheQuiz_ButTheCourseWaitsForItsLessons()
    {
        await ImportAsync([new CoursePaperRow(2, "hoa@truong.edu.vn", "101", Answers(_paper.Versions[0], right: 3))], attendedInPerson: false);

        var hoa = (await Learning(l => l.ProgressAsync(_hoa, Course.Key)))!;
        Assert.Equal((0, true, false), (hoa.LessonsViewed, hoa.QuizPassed, hoa.Completed));
        await Learning(l => l.RecordLessonViewAsync(_hoa, Course.Key, Course.Lessons[0].Key));
        await Learning(l => l.RecordLessonViewAsync(_hoa, Course.Key, Course.Lessons[1].Key));
        Assert.True((await Learning(l => l.ProgressAsync(_hoa, Course.Key)))!.Completed);
    }

    [Fact]
    public async Task ALearnerOfAnotherUnit_AnUnknownAddress_OrARowTwice_ImportsNothing_AndSaysWhichRow()
    {
        var import = await ImportAsync(
        [
            new CoursePaperRow(2, "hoa@truong.edu.vn", "101", Answers(_paper.Versions[0], right: 3)),
            new CoursePaperRow(3, "khac@truong.edu.vn", "101", Answers(_paper.Versions[0], right: 3)),
            new CoursePaperRow(4, "ai-do@truong.edu.vn", "101", Answers(_paper.Versions[0], right: 3)),
            new CoursePaperRow(5, "hoa@truong.edu.vn", "101", Answers(_paper.Versions[0], right: 2)),
            new CoursePaperRow(6, "nam@truong.edu.vn", "999", "A,A,a-1 b-2 c-3"),
        ], attendedInPerson: true);

        Assert.Equal(0, import!.Imported);
        Assert.Equal(
            [(3, PaperRowProblem.UnknownLearner), (4, PaperRowProblem.UnknownLearner), (5, PaperRowProblem.DuplicateRow), (6, PaperRowProblem.UnknownCode)],
            import.Errors.Select(e => (e.Row, e.Problem)));
        Assert.Null((await Learning(l => l.ProgressAsync(_hoa, Course.Key)))!.Enrolment);
        Assert.Null((await Learning(l => l.ProgressAsync(_elsewhere, Course.Key)))!.Enrolment);
    }

    [Fact]
    public async Task TheSameSheetTwiceAtOnce_ImportsItOnce_AndAgainLater_IsRefusedAsImportedBefore()
    {
        CoursePaperRow[] rows = [new(2, "hoa@truong.edu.vn", "101", Answers(_paper.Versions[0], right: 3)), new(3, "nam@truong.edu.vn", "102", Answers(_paper.Versions[1], right: 2))];

        var imports = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => ImportAsync(rows, attendedInPerson: true))));

        Assert.Equal([0, 2], imports.Select(i => i!.Imported).Order());
        Assert.Equal(PaperRowProblem.AlreadyImported, imports.Single(i => i!.Imported == 0)!.Errors.Single().Problem);
        Assert.Equal(PaperRowProblem.AlreadyImported, (await ImportAsync(rows, attendedInPerson: true))!.Errors.Single().Problem);
        Assert.Equal(1, (await Learning(l => l.ProgressAsync(_hoa, Course.Key)))!.Attempts);
    }

    /// <summary>The row's answers, the first <paramref name="right"/> questions right and the others wrong, as a clerk types them.</summary>
    private static string Answers(PrintedVersion version, int right) => string.Join(",", version.Questions.Select((q, i) => q.Question.Body switch
    {
        // The matching's key as the key table prints it ("a-2 b-1 c-3"), or every prompt given the extra answer.
        MatchingBody matching => string.Join(" ", matching.Pairs.Select((pair, p) =>
            $"{(char)('a' + p)}-{1 + q.Order.ToList().IndexOf(i < right ? matching.Options.ToList().IndexOf(pair.Answer) : matching.Options.ToList().IndexOf("Cứu hỏa"))}")),
        _ => PaperKey.Letters(i < right ? q.Right : [q.Right[0] == 0 ? 1 : 0]),
    }));

    private async Task<Learner> RegisterAsync(string account, string name, string email, Unit unit) =>
        (await Learning(l => l.RegisterAsync(account, name, email, LearnerRole.Teacher, unit.Id))).Result!;

    private Task<PaperImport?> ImportAsync(IReadOnlyList<CoursePaperRow> rows, bool attendedInPerson) =>
        _training.InScopeAsync<CoursePaperResults, PaperImport?>(p => p.ImportAsync(UnitScope.Under(_district), Course, rows, attendedInPerson));

    private Task<T> Learning<T>(Func<LearningService, Task<T>> action) => _training.InScopeAsync(action);
}

public sealed class SqliteCoursePaperResultsTests() : CoursePaperResultsTests(TrainingDatabase.Sqlite);

public sealed class PostgresCoursePaperResultsTests() : CoursePaperResultsTests(TrainingDatabase.PostgreSql);
