using ChildProtection.Concerns.DependencyInjection;
using ChildProtection.Concerns.Persistence;
using ChildProtection.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChildProtection.Concerns.Reports;

/// <summary>A report no one acknowledged in time, with the unit it waits at.</summary>
public sealed record OverdueReport(Guid Key, int UnitId, ConcernUrgency Urgency);

/// <summary>
/// The channel's clock-driven work, run by the host's recurring jobs: a report not acknowledged within its urgency's
/// time moves up to the unit above (recorded in its log), and a closed report is erased at the end of its retention
/// by destroying its data key, which leaves its statistics and its log's lines but nothing anyone can read.
/// </summary>
public sealed class CaseDeadlines(ConcernsDbContext db, IOptions<ConcernOptions> options, TimeProvider clock)
{
    /// <summary>The oldest reports past their time to be acknowledged; those already with the province have nowhere higher to go.</summary>
    public async Task<IReadOnlyList<OverdueReport>> OverdueAsync(int max, CancellationToken ct = default)
    {
        return await Overdue()
            .Where(r => r.UnitId != null)
            .OrderBy(r => r.AcknowledgeByUtc)
            .Take(max)
            .Select(r => new OverdueReport(r.Key, r.UnitId!.Value, r.Urgency))
            .ToListAsync(ct);
    }

    /// <summary>How many reports wait past their time to be acknowledged, the province's own included (for the site's metrics).</summary>
    public Task<int> CountOverdueAsync(CancellationToken ct = default) => Overdue().CountAsync(ct);

    private IQueryable<ConcernReport> Overdue()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Reports.AsNoTracking().Where(r => r.Status == CaseStatus.New && r.AcknowledgeByUtc <= now && r.SealedKey != null);
    }

    /// <summary>
    /// Moves an overdue report to <paramref name="toUnitId"/> with a new time to be acknowledged there. Refused when an
    /// officer acknowledged it meanwhile, or another node's run moved it first.
    /// </summary>
    public async Task<Attempt<ConcernResult>> EscalateAsync(Guid key, int? toUnitId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.Reports.SingleOrDefaultAsync(r => r.Key == key, ct) is not { Status: CaseStatus.New } report || report.AcknowledgeByUtc > now)
        {
            return Attempt.Fail(ConcernResult.ChangedMeanwhile);
        }

        report.Entries.Add(new CaseEntry { AtUtc = now, Kind = CaseEntryKind.Escalated, Detail = CaseQueries.Move(report.UnitId, toUnitId) });
        report.UnitId = toUnitId;
        report.AssignedTo = null;
        report.AcknowledgeByUtc = now + options.Value.AcknowledgeWithin(report.Urgency);
        report.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
            return Attempt.Succeed(ConcernResult.Done);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Attempt.Fail(ConcernResult.ChangedMeanwhile);
        }
    }

    /// <summary>Erases every report closed longer ago than the retention; the number erased.</summary>
    public async Task<int> EraseExpiredAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var closedBefore = now.AddMonths(-options.Value.RetentionMonths);
        var expired = await db.Reports.Where(r => r.Status == CaseStatus.Closed && r.ClosedUtc < closedBefore && r.SealedKey != null)
            .OrderBy(r => r.Id).Select(r => r.Id).Take(500).ToListAsync(ct);
        var erased = 0;
        foreach (var id in expired)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (await db.Reports.SingleOrDefaultAsync(r => r.Id == id && r.SealedKey != null, ct) is not { } report)
            {
                continue;
            }

            await db.Attachments.Where(a => a.ReportId == id).ExecuteDeleteAsync(ct);
            report.SealedKey = null;
            report.Content = [];
            report.ErasedUtc = now;
            report.Version++;
            report.Entries.Add(new CaseEntry { AtUtc = now, Kind = CaseEntryKind.Erased });
            try
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                erased++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another node's run erased it first.
                db.ChangeTracker.Clear();
            }
        }

        return erased;
    }
}
