using ChildProtection.Core;
using ChildProtection.Training.DependencyInjection;
using ChildProtection.Training.Learning;
using ChildProtection.Training.Reports;
using ChildProtection.Training.Tests.Infrastructure;
using ChildProtection.Training.Tests.Learning;
using ChildProtection.Training.Units;

namespace ChildProtection.Training.Tests.Reports;

/// <summary>
/// The completion report's counts on a small province where every figure can be worked out by hand (each provider below).
/// Course A (one lesson) goes to commune A, every role, due in 10 days; course B (two lessons) to the whole province,
/// teachers only, due in 5 days, and the clock then moves 6 days on, so B is overdue.
/// </summary>
public abstract class CompletionReportTests(TrainingDatabase database) : IAsyncLifetime
{
    private static readonly CourseOutline CourseA = new(Guid.NewGuid(), "Kỷ luật tích cực", [new(Guid.NewGuid(), "Bài 1")], null, 0, 0.8m);
    private static readonly CourseOutline CourseB = new(Guid.NewGuid(), "An toàn trên mạng", [new(Guid.NewGuid(), "Bài 1"), new(Guid.NewGuid(), "Bài 2")], null, 0, 0.8m);

    private TrainingFixture _training = null!;
    private readonly Dictionary<string, Unit> _units = [];
    private readonly Dictionary<string, Learner> _learners = [];
    private DateTime _start;

    public async Task InitializeAsync()
    {
        _training = await TrainingFixture.StartAsync(database, new StaticCourseCatalog([CourseA, CourseB]));
        _start = Now;
        await AddUnitAsync("tinh", null);
        await AddUnitAsync("xa-a", "tinh");
        await AddUnitAsync("truong-a1", "xa-a");
        await AddUnitAsync("xa-b", "tinh");
        await AddLearnerAsync("gv-a1", "truong-a1", LearnerRole.Teacher);
        await AddLearnerAsync("gv-a2", "truong-a1", LearnerRole.Teacher);
        await AddLearnerAsync("doan-a1", "truong-a1", LearnerRole.YouthOfficer);
        await AddLearnerAsync("cb-xa-a", "xa-a", LearnerRole.SocialWorker);
        await AddLearnerAsync("gv-b", "xa-b", LearnerRole.Teacher);

        await _training.InScopeAsync<Assignments, AssignmentStatus>(a => a.AssignAsync(UnitScope.Everything, CourseA.Key, _units["xa-a"].Id, null, Now.AddDays(10), true, "quanly"));
        await _training.InScopeAsync<Assignments, AssignmentStatus>(a => a.AssignAsync(UnitScope.Everything, CourseB.Key, _units["tinh"].Id, LearnerRole.Teacher, Now.AddDays(5), true, "quanly"));

        await ViewAsync("gv-a1", CourseA, 0);
        await ViewAsync("gv-a2", CourseB, 0);
        await ViewAsync("gv-b", CourseB, 0);
        await ViewAsync("gv-b", CourseB, 1);
        _training.Clock.Advance(TimeSpan.FromDays(6));
    }

    public async Task DisposeAsync() => await _training.DisposeAsync();

    private DateTime Now => _training.Clock.GetUtcNow().UtcDateTime;

    private async Task AddUnitAsync(string code, string? parent) =>
        _units[code] = await _training.AddUnitAsync(code, parent is null ? null : _units[parent].Id);

    private async Task AddLearnerAsync(string name, string unit, LearnerRole role) =>
        _learners[name] = (await _training.InScopeAsync<LearningService, Attempt<Learner, LearningStatus>>(l => l.RegisterAsync(name, name, $"{name}@example.vn", role, _units[unit].Id))).Result!;

    private Task ViewAsync(string learner, CourseOutline course, int lesson) =>
        _training.InScopeAsync<LearningService, LearningStatus>(l => l.RecordLessonViewAsync(_learners[learner], course.Key, course.Lessons[lesson].Key));

    private ReportFilter Filter(string? unit = null, Guid? course = null, LearnerRole? role = null, DateTime? from = null, DateTime? to = null) =>
        new(unit is null ? null : _units[unit].Id, course, role, from ?? _start.AddDays(-1), to ?? _start.AddDays(30));

    private Task<CompletionReport?> ReportAsync(UnitScope scope, ReportFilter filter) =>
        _training.InScopeAsync<CompletionReports, CompletionReport?>(r => r.ReportAsync(scope, filter));

    [Fact]
    public async Task TheProvince_CountsAssignedStartedCompletedAndOverdue_PerCommune()
    {
        var report = (await ReportAsync(UnitScope.Everything, Filter("tinh")))!;

        Assert.Equal(new CompletionCounts(5, 7, 3, 2, 2, 2), report.Total);
        Assert.Equal(28.6, report.Total.Percent);
        Assert.Equal(["xa-a", "xa-b"], report.Units.Select(r => r.Unit.Code));
        Assert.Equal(new CompletionCounts(4, 6, 2, 1, 1, 2), report.Units[0].Counts);
        Assert.True(report.Units[0].HasChildren);
        Assert.Equal(new CompletionCounts(1, 1, 1, 1, 1, 0), report.Units[1].Counts);

        Assert.Equal(new CompletionCounts(5, 4, 1, 1, 1, 0), report.Courses.Single(c => c.Course.Key == CourseA.Key).Counts);
        Assert.Equal(new CompletionCounts(5, 3, 2, 1, 1, 2), report.Courses.Single(c => c.Course.Key == CourseB.Key).Counts);
        Assert.Equal(new CompletionCounts(3, 5, 3, 2, 2, 2), report.Roles.Single(r => r.Role == LearnerRole.Teacher).Counts);
        Assert.Equal(new CompletionCounts(1, 1, 0, 0, 0, 0), report.Roles.Single(r => r.Role == LearnerRole.SocialWorker).Counts);

        // Both completions happened on the first day; the line runs day by day up to today.
        Assert.Equal(DateOnly.FromDateTime(Now.AddHours(7)), report.Timeline[^1].Until);
        Assert.Equal(2, report.Timeline[^1].Cumulative);
        Assert.Equal(2, report.Timeline.Sum(p => p.Completed));
    }

    [Fact]
    public async Task TheWholeTree_HasTheProvinceAsItsRow_AndACommuneShowsItsOwnLearnersApart()
    {
        var whole = (await ReportAsync(UnitScope.Everything, Filter()))!;
        Assert.Null(whole.Unit);
        Assert.Equal("tinh", Assert.Single(whole.Units).Unit.Code);
        Assert.Equal(7, whole.Total.Assigned);

        var commune = (await ReportAsync(UnitScope.Everything, Filter("xa-a")))!;
        Assert.Equal(["tinh", "xa-a"], commune.Breadcrumb.Select(u => u.Code));
        Assert.Equal([(true, "xa-a"), (false, "truong-a1")], commune.Units.Select(r => (r.DirectOnly, r.Unit.Code)));
        Assert.Equal(new CompletionCounts(1, 1, 0, 0, 0, 0), commune.Units[0].Counts);
        Assert.Equal(new CompletionCounts(3, 5, 2, 1, 1, 2), commune.Units[1].Counts);
    }

    [Fact]
    public async Task Filters_ByCourseRoleAndPeriod()
    {
        Assert.Equal(new CompletionCounts(5, 3, 2, 1, 1, 2), (await ReportAsync(UnitScope.Everything, Filter("tinh", course: CourseB.Key)))!.Total);
        Assert.Equal(new CompletionCounts(3, 5, 3, 2, 2, 2), (await ReportAsync(UnitScope.Everything, Filter("tinh", role: LearnerRole.Teacher)))!.Total);

        // A later period: no deadline falls in it and nothing was completed in it; gv-a2 is still on course B.
        var later = (await ReportAsync(UnitScope.Everything, Filter("tinh", from: _start.AddDays(20), to: _start.AddDays(40))))!;
        Assert.Equal(new CompletionCounts(5, 0, 1, 0, 0, 0), later.Total);
        Assert.Null(later.Total.Percent);
    }

    [Fact]
    public async Task ACommunesManager_SeesOnlyTheirSubtree()
    {
        var scope = UnitScope.Under(_units["xa-a"]);

        Assert.Null(await ReportAsync(scope, Filter("xa-b")));
        Assert.Null(await ReportAsync(scope, Filter("tinh")));
        Assert.Equal("xa-a", (await ReportAsync(scope, Filter()))!.Unit!.Code);
        Assert.Equal(["xa-a"], (await ReportAsync(scope, Filter("truong-a1")))!.Breadcrumb.Take(1).Select(u => u.Code));
        Assert.Null(await _training.InScopeAsync<CompletionReports, UnitLearners?>(r => r.LearnersAsync(scope, Filter("xa-b"), 1)));
        Assert.Null(await _training.InScopeAsync<CompletionReports, (CompletionReport, IReadOnlyList<UnitTreeRow>)?>(r => r.ExportAsync(scope, Filter("tinh"))));
    }

    [Fact]
    public async Task TheTree_ListsEveryUnitWithItsSubtreeCounts()
    {
        var (report, tree) = (await _training.InScopeAsync<CompletionReports, (CompletionReport, IReadOnlyList<UnitTreeRow>)?>(r => r.ExportAsync(UnitScope.Everything, Filter())))!.Value;
        Assert.Empty(report.Timeline);
        Assert.Equal(tree[0].Counts, report.Total);

        Assert.Equal([("tinh", 0), ("xa-a", 1), ("truong-a1", 2), ("xa-b", 1)], tree.Select(r => (r.Unit.Code, r.Depth)));
        Assert.Equal(new CompletionCounts(5, 7, 3, 2, 2, 2), tree[0].Counts);
        Assert.Equal(new CompletionCounts(3, 5, 2, 1, 1, 2), tree[2].Counts);
    }

    [Fact]
    public async Task TheLearnersOfASchool_ShowWhereEachStandsInEachCourse()
    {
        var school = (await _training.InScopeAsync<CompletionReports, UnitLearners?>(r => r.LearnersAsync(UnitScope.Everything, Filter("truong-a1"), 1)))!;

        Assert.Equal(3, school.Total);
        Assert.Equal(["doan-a1", "gv-a1", "gv-a2"], school.Learners.Select(l => l.Learner.FullName));
        var states = school.Learners.ToDictionary(l => l.Learner.FullName, l => l.Courses.Select(c => (c.State, c.LessonsViewed)).ToList());
        Assert.Equal([(LearnerCourseState.Completed, 1), (LearnerCourseState.Overdue, 0)], states["gv-a1"]);
        Assert.Equal([(LearnerCourseState.NotStarted, 0), (LearnerCourseState.Overdue, 1)], states["gv-a2"]);
        Assert.Equal([(LearnerCourseState.NotStarted, 0), (LearnerCourseState.NotStarted, 0)], states["doan-a1"]);
    }
}

public sealed class SqliteCompletionReportTests() : CompletionReportTests(TrainingDatabase.Sqlite);

public sealed class PostgresCompletionReportTests() : CompletionReportTests(TrainingDatabase.PostgreSql);
