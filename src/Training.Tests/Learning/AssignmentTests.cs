using ChildProtection.Core;
using ChildProtection.Training.DependencyInjection;
using ChildProtection.Training.Learning;
using ChildProtection.Training.Persistence;
using ChildProtection.Training.Tests.Infrastructure;
using ChildProtection.Training.Units;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Training.Tests.Learning;

/// <summary>Assignments to a unit subtree and their reminders, on a real database (each provider below).</summary>
public abstract class AssignmentTests(TrainingDatabase database) : IAsyncLifetime
{
    private static readonly CourseOutline Course = new(Guid.NewGuid(), "Báo tin và hỗ trợ trẻ", [new(Guid.NewGuid(), "Bài 1")], null, 0, 0.8m);

    private TrainingFixture _training = null!;
    private readonly Dictionary<string, int> _units = [];
    private readonly Dictionary<string, Learner> _learners = [];

    public async Task InitializeAsync()
    {
        _training = await TrainingFixture.StartAsync(database, new StaticCourseCatalog([Course]));
        // Province → commune → school, and a second commune beside the first.
        await AddUnitAsync("tinh", null);
        await AddUnitAsync("xa-a", "tinh");
        await AddUnitAsync("truong-a1", "xa-a");
        await AddUnitAsync("xa-b", "tinh");
        await AddLearnerAsync("gv-a1", "truong-a1", LearnerRole.Teacher);
        await AddLearnerAsync("doan-a1", "truong-a1", LearnerRole.YouthOfficer);
        await AddLearnerAsync("gv-b", "xa-b", LearnerRole.Teacher);
    }

    public async Task DisposeAsync() => await _training.DisposeAsync();

    private async Task AddUnitAsync(string code, string? parent) =>
        _units[code] = (await _training.AddUnitAsync(code, parent is null ? null : _units[parent])).Id;

    private async Task AddLearnerAsync(string name, string unit, LearnerRole role) =>
        _learners[name] = (await _training.InScopeAsync<LearningService, Attempt<Learner, LearningStatus>>(l => l.RegisterAsync(name, name, $"{name}@example.vn", role, _units[unit]))).Result!;

    private Task<T> Assignments<T>(Func<Assignments, Task<T>> action) => _training.InScopeAsync(action);

    private DateTime Now => _training.Clock.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task AssignmentToAUnit_ReachesItsSubtreeAndRoleOnly()
    {
        Assert.Equal(AssignmentStatus.DeadlineInPast, await Assignments(a => a.AssignAsync(UnitScope.Everything, Course.Key, _units["xa-a"], null, Now.AddDays(-1), false, "quanly")));
        Assert.Equal(AssignmentStatus.Success, await Assignments(a => a.AssignAsync(UnitScope.Everything, Course.Key, _units["xa-a"], LearnerRole.Teacher, Now.AddDays(20), true, "quanly")));

        Assert.Single(await Assignments(a => a.ForAsync(_learners["gv-a1"])));
        Assert.Empty(await Assignments(a => a.ForAsync(_learners["doan-a1"])));
        Assert.Empty(await Assignments(a => a.ForAsync(_learners["gv-b"])));
    }

    [Fact]
    public async Task AManagerOfOneCommune_AssignsAndSeesOnlyWithinIt()
    {
        var communeA = await _training.InScopeAsync<TrainingDbContext, Unit>(db => db.Units.SingleAsync(u => u.Id == _units["xa-a"]));
        var scope = UnitScope.Under(communeA);

        Assert.Equal(AssignmentStatus.UnitNotFound, await Assignments(a => a.AssignAsync(scope, Course.Key, _units["xa-b"], null, Now.AddDays(20), false, "quanly-a")));
        Assert.Equal(AssignmentStatus.UnitNotFound, await Assignments(a => a.AssignAsync(scope, Course.Key, _units["tinh"], null, Now.AddDays(20), false, "quanly-a")));
        Assert.Equal(AssignmentStatus.Success, await Assignments(a => a.AssignAsync(scope, Course.Key, _units["xa-a"], null, Now.AddDays(20), false, "quanly-a")));
        Assert.Equal(AssignmentStatus.Success, await Assignments(a => a.AssignAsync(UnitScope.Everything, Course.Key, _units["xa-b"], null, Now.AddDays(20), false, "quanly-tinh")));

        Assert.Equal(["quanly-a"], (await Assignments(a => a.AllAsync(scope))).Select(a => a.CreatedBy));
        Assert.Equal(2, (await Assignments(a => a.AllAsync(UnitScope.Everything))).Count);
    }

    [Fact]
    public async Task Reminders_SevenDaysAndOneDayBefore_EachOnce_NotToCompletedOrOptedOutLearners()
    {
        await Assignments(a => a.AssignAsync(UnitScope.Everything, Course.Key, _units["tinh"], null, Now.AddDays(10), mandatory: false, "quanly"));
        Assert.Empty(await Assignments(a => a.DueRemindersAsync()));

        // gv-b finished the course; doan-a1 turned optional reminders off.
        await _training.InScopeAsync<LearningService, LearningStatus>(l => l.RecordLessonViewAsync(_learners["gv-b"], Course.Key, Course.Lessons[0].Key));
        await Assignments(async a => { await a.SetOptionalRemindersOffAsync(_learners["doan-a1"], true); return 0; });

        _training.Clock.Advance(TimeSpan.FromDays(3.5));
        var week = await Assignments(a => a.DueRemindersAsync());
        var only = Assert.Single(week);
        Assert.Equal(("gv-a1", ReminderKind.WeekBefore), (only.Learner.FullName, only.Kind));
        Assert.True(await Assignments(a => a.ClaimAsync(only)));
        Assert.False(await Assignments(a => a.ClaimAsync(only)));
        Assert.Empty(await Assignments(a => a.DueRemindersAsync()));

        _training.Clock.Advance(TimeSpan.FromDays(6));
        var day = Assert.Single(await Assignments(a => a.DueRemindersAsync()));
        Assert.Equal(("gv-a1", ReminderKind.DayBefore), (day.Learner.FullName, day.Kind));

        _training.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Empty(await Assignments(a => a.DueRemindersAsync()));
    }
}

public sealed class SqliteAssignmentTests() : AssignmentTests(TrainingDatabase.Sqlite);

public sealed class PostgresAssignmentTests() : AssignmentTests(TrainingDatabase.PostgreSql);
