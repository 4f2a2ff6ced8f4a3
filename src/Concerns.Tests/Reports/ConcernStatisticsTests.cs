using ChildProtection.Concerns.DependencyInjection;
using ChildProtection.Concerns.Reports;
using ChildProtection.Concerns.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChildProtection.Concerns.Tests.Reports;

/// <summary>
/// The yearly statistics counted by the database, SQLite then PostgreSQL, from reports whose every figure is known: a
/// scope's units only, the period's edges in Vietnam's time, erased reports counted, and the time to acknowledge.
/// </summary>
public abstract class ConcernStatisticsTests : IAsyncLifetime
{
    private const int Commune = 10;
    private const int School = 11;
    private const int OtherCommune = 12;

    /// <summary>1 January to 31 March 2026 in Vietnam (UTC+7), the last millisecond included.</summary>
    private static readonly DateTime From = new(2025, 12, 31, 17, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime To = new DateTime(2026, 3, 31, 17, 0, 0, DateTimeKind.Utc).AddMilliseconds(-1);
    private static readonly CaseScope CommuneScope = new(new HashSet<int> { Commune, School });

    /// <summary>Ten days after the period: every report's time to be acknowledged is up.</summary>
    private static readonly TimeProvider AfterThePeriod = new FakeTimeProvider(new DateTimeOffset(2026, 4, 10, 0, 0, 0, TimeSpan.Zero));
    private ConcernsDatabase _database = null!;

    protected abstract bool OnPostgreSql { get; }

    public async Task InitializeAsync()
    {
        _database = await ConcernsDatabase.CreateAsync(OnPostgreSql);
        await using var db = _database.Open();
        db.Reports.AddRange(
            Report(Commune, ConcernCategory.PhysicalViolence, ReporterRole.Child, ConcernUrgency.Emergency, CaseStatus.Acknowledged, Utc(1, 5, 2), TimeSpan.FromMinutes(30)),
            // 1 February 01:00 in Vietnam: February's, though still January in UTC. Erased, and still counted.
            Erased(Report(Commune, ConcernCategory.SchoolBullying, ReporterRole.Child, ConcernUrgency.Normal, CaseStatus.Closed, Utc(1, 31, 18), TimeSpan.FromHours(2))),
            Report(School, ConcernCategory.OnlineBullying, ReporterRole.Teacher, ConcernUrgency.High, CaseStatus.InProgress, Utc(2, 10, 5), TimeSpan.FromHours(13)),
            // Never acknowledged, and its three days are long past on 10 April: late.
            Report(School, ConcernCategory.Neglect, ReporterRole.ParentOrCarer, ConcernUrgency.Normal, CaseStatus.New, Utc(3, 20, 0), null),
            // 31 March 23:30 in Vietnam: the period's last day.
            Report(Commune, ConcernCategory.SchoolBullying, ReporterRole.Child, ConcernUrgency.Normal, CaseStatus.Acknowledged, Utc(3, 31, 16, 30), TimeSpan.FromHours(4)),
            // Outside the commune's scope, counted for the province only.
            Report(OtherCommune, ConcernCategory.PhysicalViolence, ReporterRole.SomeoneElse, ConcernUrgency.Normal, CaseStatus.New, Utc(2, 1, 0), null),
            Report(null, ConcernCategory.SexualAbuse, ReporterRole.SomeoneElse, ConcernUrgency.Emergency, CaseStatus.Acknowledged, Utc(2, 2, 0), TimeSpan.FromHours(3)),
            // 31 December 23:30 and 1 April 00:30 in Vietnam: outside the period.
            Report(Commune, ConcernCategory.PhysicalViolence, ReporterRole.Child, ConcernUrgency.Normal, CaseStatus.New, new DateTime(2025, 12, 31, 16, 30, 0, DateTimeKind.Utc), null),
            Report(Commune, ConcernCategory.PhysicalViolence, ReporterRole.Child, ConcernUrgency.Normal, CaseStatus.New, Utc(3, 31, 17, 30), null));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task CountAsync_CommuneScope_CountsItsUnitsWithinThePeriodOnly()
    {
        var report = await CountAsync(CommuneScope);

        Assert.Equal(5, report.Total);
        Assert.Equal([new(Commune, 3), new(School, 2)], report.Units);
        Assert.Equal(
            [(ConcernCategory.PhysicalViolence, 1), (ConcernCategory.EmotionalAbuse, 0), (ConcernCategory.SexualAbuse, 0), (ConcernCategory.SchoolBullying, 2),
             (ConcernCategory.OnlineBullying, 1), (ConcernCategory.Neglect, 1), (ConcernCategory.ChildLabour, 0), (ConcernCategory.SomethingElse, 0)],
            report.Categories.Select(c => (c.Key, c.Count)));
        Assert.Equal(
            [(ReporterRole.Child, 3), (ReporterRole.ParentOrCarer, 1), (ReporterRole.Teacher, 1), (ReporterRole.SomeoneElse, 0)],
            report.Reporters.Select(c => (c.Key, c.Count)));
        Assert.Equal([new(2026, 1, 1), new(2026, 2, 2), new(2026, 3, 2)], report.Months);
        Assert.Equal(
            [(ConcernUrgency.Emergency, 1), (ConcernUrgency.High, 1), (ConcernUrgency.Normal, 3)],
            report.Urgencies.Select(c => (c.Key, c.Count)));
        Assert.Equal(
            [(CaseStatus.New, 1), (CaseStatus.Acknowledged, 2), (CaseStatus.InProgress, 1), (CaseStatus.Referred, 0), (CaseStatus.Closed, 1)],
            report.Statuses.Select(c => (c.Key, c.Count)));
    }

    [Fact]
    public async Task CountAsync_CommuneScope_MedianAndShareAcknowledgedWithinTheUrgencysLimit()
    {
        var report = await CountAsync(CommuneScope);

        // Acknowledged after 30 minutes, 2, 4 and 13 hours; one more is late unacknowledged; only the 13 hours of a
        // report of high urgency (12 hours allowed) is over its limit.
        Assert.Equal(new AcknowledgeFigures(null, 5, 4, TimeSpan.FromHours(3), 3, 5), report.AllAcknowledgement);
        Assert.Equal(60, report.AllAcknowledgement.PercentWithin);
        Assert.Equal(
            [
                new(ConcernUrgency.Emergency, 1, 1, TimeSpan.FromMinutes(30), 1, 1),
                new(ConcernUrgency.High, 1, 1, TimeSpan.FromHours(13), 0, 1),
                new(ConcernUrgency.Normal, 3, 2, TimeSpan.FromHours(3), 2, 3),
            ],
            report.Acknowledgement);
    }

    [Fact]
    public async Task CountAsync_NewReportWithinItsLimit_NotJudgedYet()
    {
        var report = await CountAsync(CommuneScope, new FakeTimeProvider(new DateTimeOffset(Utc(3, 20, 1))));

        // The neglect report of 20 March has had one hour of its three days: neither late nor in time yet.
        Assert.Equal(new AcknowledgeFigures(null, 5, 4, TimeSpan.FromHours(3), 3, 4), report.AllAcknowledgement);
    }

    [Fact]
    public async Task CountAsync_WholeProvince_CountsOtherCommunesAndTheProvincesOwn()
    {
        var report = await CountAsync(CaseScope.Everything);

        Assert.Equal(7, report.Total);
        Assert.Equal([new(Commune, 3), new(School, 2), new(null, 1), new(OtherCommune, 1)], report.Units);
        Assert.Equal(1, report.Categories.Single(c => c.Key == ConcernCategory.SexualAbuse).Count);
        Assert.Equal([new(2026, 1, 1), new(2026, 2, 4), new(2026, 3, 2)], report.Months);
    }

    private async Task<ConcernStatisticsReport> CountAsync(CaseScope scope, TimeProvider? now = null)
    {
        await using var db = _database.Open();
        return await new ConcernStatistics(db, Options.Create(new ConcernOptions()), now ?? AfterThePeriod).CountAsync(scope, From, To);
    }

    private static DateTime Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, DateTimeKind.Utc);

    private static ConcernReport Report(
        int? unit, ConcernCategory category, ReporterRole reporter, ConcernUrgency urgency, CaseStatus status, DateTime received, TimeSpan? acknowledgedAfter) =>
        new()
        {
            Key = Guid.NewGuid(),
            ReceiptHash = Guid.NewGuid().ToString("n"),
            UnitId = unit,
            PlaceUnitId = unit,
            Category = category,
            Reporter = reporter,
            Urgency = urgency,
            Status = status,
            ReceivedUtc = received,
            AcknowledgeByUtc = received + new ConcernOptions().AcknowledgeWithin(urgency),
            AcknowledgedUtc = received + acknowledgedAfter,
            // Not a real sealed key: the statistics must never need one.
            SealedKey = [1, 2, 3],
            Content = [4, 5, 6],
        };

    private static ConcernReport Erased(ConcernReport report)
    {
        report.SealedKey = null;
        report.Content = [];
        report.ClosedUtc = report.AcknowledgedUtc;
        report.ErasedUtc = report.AcknowledgedUtc;
        return report;
    }
}

public sealed class SqliteConcernStatisticsTests : ConcernStatisticsTests
{
    protected override bool OnPostgreSql => false;
}

public sealed class PostgresConcernStatisticsTests : ConcernStatisticsTests
{
    protected override bool OnPostgreSql => true;
}
