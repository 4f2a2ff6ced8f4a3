using ChildProtection.Concerns.DependencyInjection;
using ChildProtection.Concerns.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChildProtection.Concerns.Reports;

/// <summary>How many reports had one value of a dimension (a unit, a category, a reporter role…).</summary>
public sealed record ConcernCount<TKey>(TKey Key, int Count);

/// <summary>Reports received in one calendar month in Vietnam.</summary>
public sealed record MonthCount(int Year, int Month, int Count);

/// <summary>
/// How fast reports were acknowledged. <paramref name="Due"/> counts the reports whose time is up: those acknowledged and
/// those still unacknowledged past the urgency's limit; one still new within its limit is not judged yet.
/// </summary>
/// <param name="Urgency">The urgency these figures are for; null for all reports.</param>
public sealed record AcknowledgeFigures(ConcernUrgency? Urgency, int Reports, int Acknowledged, TimeSpan? Median, int WithinLimit, int Due)
{
    public double? PercentWithin => Due == 0 ? null : 100.0 * WithinLimit / Due;
}

/// <summary>The counts of a scope's reports over a period; nothing of what was written.</summary>
/// <param name="Units">Per handling unit (null: the province's officers), most reports first.</param>
/// <param name="Months">Every month of the period, in order, months without reports included.</param>
/// <param name="Acknowledgement">Per urgency, the most urgent first.</param>
public sealed record ConcernStatisticsReport(
    int Total,
    IReadOnlyList<ConcernCount<int?>> Units,
    IReadOnlyList<ConcernCount<ConcernCategory>> Categories,
    IReadOnlyList<ConcernCount<ReporterRole>> Reporters,
    IReadOnlyList<ConcernCount<ConcernUrgency>> Urgencies,
    IReadOnlyList<ConcernCount<CaseStatus>> Statuses,
    IReadOnlyList<MonthCount> Months,
    IReadOnlyList<AcknowledgeFigures> Acknowledgement,
    AcknowledgeFigures AllAcknowledgement);

/// <summary>
/// Statistics without content for the yearly reports the province's plans ask for: counts per unit, category, who wrote,
/// month, urgency and status, and the time to acknowledge. Only the columns kept in the clear are read; no sealed item is
/// opened, so no master key is needed. Erased reports still count: erasing destroys what was written, not that it was.
/// </summary>
public sealed class ConcernStatistics(ConcernsDbContext db, IOptions<ConcernOptions> options, TimeProvider clock)
{
    /// <summary>Vietnam's offset from UTC: the country keeps no summer time, so a month there is this far from UTC's.</summary>
    private const int VietnamHours = 7;

    /// <summary>The reports of <paramref name="scope"/> received from <paramref name="fromUtc"/> to <paramref name="toUtc"/>, both included.</summary>
    public async Task<ConcernStatisticsReport> CountAsync(CaseScope scope, DateTime fromUtc, DateTime toUtc, CancellationToken ct = default)
    {
        var from = DateTime.SpecifyKind(fromUtc, DateTimeKind.Utc);
        var to = DateTime.SpecifyKind(toUtc, DateTimeKind.Utc);
        var reports = ConcernCases.Within(db.Reports.AsNoTracking(), scope).Where(r => r.ReceivedUtc >= from && r.ReceivedUtc <= to);

        // One grouping over every small dimension at once: a few hundred rows at most, summed per dimension below.
        var groups = await reports
            .GroupBy(r => new { r.UnitId, r.Category, r.Reporter, r.Urgency, r.Status })
            .Select(g => new { g.Key.UnitId, g.Key.Category, g.Key.Reporter, g.Key.Urgency, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);
        var months = await reports
            .GroupBy(r => new { r.ReceivedUtc.AddHours(VietnamHours).Year, r.ReceivedUtc.AddHours(VietnamHours).Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Count = g.Count() })
            .ToListAsync(ct);
        // A median needs the times themselves; two dates per acknowledged report, none of its content.
        var acknowledged = await reports
            .Where(r => r.AcknowledgedUtc != null)
            .Select(r => new { r.Urgency, r.ReceivedUtc, AcknowledgedUtc = r.AcknowledgedUtc!.Value })
            .ToListAsync(ct);
        var times = acknowledged.Select(a => (a.Urgency, Time: a.AcknowledgedUtc - a.ReceivedUtc)).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var limits = options.Value;
        var emergencyLate = now - limits.AcknowledgeWithin(ConcernUrgency.Emergency);
        var highLate = now - limits.AcknowledgeWithin(ConcernUrgency.High);
        var normalLate = now - limits.AcknowledgeWithin(ConcernUrgency.Normal);
        var late = await reports
            .Where(r => r.AcknowledgedUtc == null && (
                (r.Urgency == ConcernUrgency.Emergency && r.ReceivedUtc < emergencyLate)
                || (r.Urgency == ConcernUrgency.High && r.ReceivedUtc < highLate)
                || (r.Urgency == ConcernUrgency.Normal && r.ReceivedUtc < normalLate)))
            .GroupBy(r => r.Urgency)
            .Select(g => new { Urgency = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Urgency, g => g.Count, ct);

        List<ConcernCount<T>> Every<T>(Func<T, int> count) where T : struct, Enum =>
            Enum.GetValues<T>().Select(value => new ConcernCount<T>(value, count(value))).ToList();

        AcknowledgeFigures Figures(ConcernUrgency? urgency)
        {
            var these = times.Where(a => urgency is null || a.Urgency == urgency).ToList();
            return new AcknowledgeFigures(
                urgency,
                groups.Where(g => urgency is null || g.Urgency == urgency).Sum(g => g.Count),
                these.Count,
                Median(these.Select(a => a.Time)),
                these.Count(a => a.Time <= limits.AcknowledgeWithin(a.Urgency)),
                these.Count + late.Where(l => urgency is null || l.Key == urgency).Sum(l => l.Value));
        }

        return new ConcernStatisticsReport(
            groups.Sum(g => g.Count),
            groups.GroupBy(g => g.UnitId).Select(g => new ConcernCount<int?>(g.Key, g.Sum(x => x.Count))).OrderByDescending(c => c.Count).ThenBy(c => c.Key).ToList(),
            Every<ConcernCategory>(value => groups.Where(g => g.Category == value).Sum(g => g.Count)),
            Every<ReporterRole>(value => groups.Where(g => g.Reporter == value).Sum(g => g.Count)),
            Every<ConcernUrgency>(value => groups.Where(g => g.Urgency == value).Sum(g => g.Count)).OrderByDescending(c => c.Key).ToList(),
            Every<CaseStatus>(value => groups.Where(g => g.Status == value).Sum(g => g.Count)),
            MonthsOf(from, to).Select(m => new MonthCount(m.Year, m.Month, months.Where(x => x.Year == m.Year && x.Month == m.Month).Sum(x => x.Count))).ToList(),
            Enum.GetValues<ConcernUrgency>().OrderDescending().Select(u => Figures(u)).ToList(),
            Figures(null));
    }

    private static TimeSpan? Median(IEnumerable<TimeSpan> times)
    {
        var sorted = times.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : sorted[middle - 1] + (sorted[middle] - sorted[middle - 1]) / 2;
    }

    /// <summary>The calendar months in Vietnam from the one holding <paramref name="fromUtc"/> to the one holding <paramref name="toUtc"/>.</summary>
    private static IEnumerable<DateOnly> MonthsOf(DateTime fromUtc, DateTime toUtc)
    {
        var first = DateOnly.FromDateTime(fromUtc.AddHours(VietnamHours));
        var last = DateOnly.FromDateTime(toUtc.AddHours(VietnamHours));
        for (var month = new DateOnly(first.Year, first.Month, 1); month <= last; month = month.AddMonths(1))
        {
            yield return month;
        }
    }
}
