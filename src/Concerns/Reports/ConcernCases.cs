using System.Globalization;
using System.Text;
using System.Text.Json;
using ChildProtection.Concerns.DependencyInjection;
using ChildProtection.Concerns.Persistence;
using ChildProtection.Concerns.Protection;
using ChildProtection.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NSec.Cryptography;

namespace ChildProtection.Concerns.Reports;

/// <summary>
/// The officers' side (cán bộ tiếp nhận: the staff who receive reports): the list of their units' reports, opening
/// one (recorded every time), and handling it. Every decision is a new line of the case log; a change made on an
/// older version of the case than the stored one is refused, so two officers acting at once cannot overwrite each other.
/// </summary>
public sealed class ConcernCases(ConcernsDbContext db, ReportSealer sealer, IOptions<ConcernOptions> options, TimeProvider clock)
{
    /// <summary>The reports of the scope: open ones first, the most urgent and the oldest at the top.</summary>
    public async Task<IReadOnlyList<CaseSummary>> ListAsync(CaseScope scope, bool includeClosed, CancellationToken ct = default)
    {
        var reports = Within(db.Reports.AsNoTracking(), scope);
        if (!includeClosed)
        {
            reports = reports.Where(r => r.Status != CaseStatus.Closed);
        }

        var rows = await reports.OrderBy(r => r.Status == CaseStatus.Closed).ThenByDescending(r => r.Urgency).ThenBy(r => r.ReceivedUtc).Take(500).ToListAsync(ct);
        return rows.Select(CaseQueries.Summary).ToList();
    }

    /// <summary>
    /// The case with what was written, opened by <paramref name="actor"/>; the opening (or the export) is recorded first.
    /// The page shown again after the officer's own change, which the log already records, records nothing (null).
    /// </summary>
    public async Task<CaseView?> OpenAsync(Guid key, CaseScope scope, CaseActor actor, CaseEntryKind? record = CaseEntryKind.Opened, CancellationToken ct = default)
    {
        if (await Within(db.Reports, scope).SingleOrDefaultAsync(r => r.Key == key, ct) is not { } report)
        {
            return null;
        }

        if (record is { } kind)
        {
            report.Entries.Add(Entry(kind, actor));
            await db.SaveChangesAsync(ct);
        }

        var entries = await db.CaseEntries.AsNoTracking().Where(e => e.ReportId == report.Id).OrderBy(e => e.Id).ToListAsync(ct);
        var attachments = await db.Attachments.Where(a => a.ReportId == report.Id).OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(ct);
        using var dataKey = OpenKey(report);
        var story = dataKey is not null && sealer.Open(dataKey, key, ConcernReports.StoryPurpose, report.Content) is { } plain
            ? JsonSerializer.Deserialize<ConcernStory>(plain)
            : null;
        var log = entries.Select(e => new CaseLogLine(e.AtUtc, e.Kind, e.ActorName, e.Detail,
            e.Sealed is not null && dataKey is not null && sealer.Open(dataKey, key, ConcernReports.MessagePurpose, e.Sealed) is { } text
                ? Encoding.UTF8.GetString(text)
                : null)).ToList();
        return new CaseView(CaseQueries.Summary(report), report.Version, story, report.ReferredTo, report.Outcome, dataKey is null ? [] : attachments, log);
    }

    /// <summary>The case without what was written, if the scope holds it; its opening is not recorded, as nothing is read.</summary>
    public async Task<CaseSummary?> SummaryAsync(Guid key, CaseScope scope, CancellationToken ct = default) =>
        await Within(db.Reports.AsNoTracking(), scope).SingleOrDefaultAsync(r => r.Key == key, ct) is { } report ? CaseQueries.Summary(report) : null;

    /// <summary>Whether a report exists at all, whatever its unit: an officer asking for another unit's is told no, not "missing".</summary>
    public Task<bool> ExistsAsync(Guid key, CancellationToken ct = default) => db.Reports.AnyAsync(r => r.Key == key, ct);

    /// <summary>A picture of the case, opened for an officer who may see the case.</summary>
    public async Task<(string ContentType, byte[] Content)?> AttachmentAsync(Guid key, CaseScope scope, long id, CancellationToken ct = default)
    {
        if (await Within(db.Reports.AsNoTracking(), scope).SingleOrDefaultAsync(r => r.Key == key, ct) is not { } report
            || await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.ReportId == report.Id, ct) is not { } attachment)
        {
            return null;
        }

        using var dataKey = OpenKey(report);
        return dataKey is not null && sealer.Open(dataKey, key, ConcernReports.AttachmentPurpose, attachment.Sealed) is { } content
            ? (attachment.ContentType, content)
            : null;
    }

    public Task<Attempt<ConcernResult>> AcknowledgeAsync(Guid key, CaseScope scope, CaseActor actor, int version, CancellationToken ct = default) =>
        ChangeAsync(key, scope, actor, version, report =>
        {
            Acknowledge(report, actor);
            return ConcernResult.Done;
        }, ct);

    public Task<Attempt<ConcernResult>> SetUrgencyAsync(Guid key, CaseScope scope, CaseActor actor, int version, ConcernUrgency urgency, CancellationToken ct = default) =>
        ChangeAsync(key, scope, actor, version, report =>
        {
            report.Urgency = urgency;
            if (report.Status == CaseStatus.New)
            {
                report.AcknowledgeByUtc = report.ReceivedUtc + options.Value.AcknowledgeWithin(urgency);
            }

            report.Entries.Add(Entry(CaseEntryKind.UrgencyChanged, actor, urgency.ToString()));
            return ConcernResult.Done;
        }, ct);

    /// <summary>Moves the case on: in progress, referred (saying where to) or closed (saying how it ended).</summary>
    public Task<Attempt<ConcernResult>> SetStatusAsync(
        Guid key, CaseScope scope, CaseActor actor, int version, CaseStatus status, Referral? referral, CaseOutcome? outcome, CancellationToken ct = default) =>
        ChangeAsync(key, scope, actor, version, report =>
        {
            if (status == CaseStatus.Referred && referral is null)
            {
                return ConcernResult.ReferralMissing;
            }

            if (status == CaseStatus.Closed && outcome is null)
            {
                return ConcernResult.OutcomeMissing;
            }

            Acknowledge(report, actor);
            report.Status = status;
            report.ReferredTo = status == CaseStatus.Referred ? referral : report.ReferredTo;
            report.Outcome = status == CaseStatus.Closed ? outcome : null;
            report.ClosedUtc = status == CaseStatus.Closed ? clock.GetUtcNow().UtcDateTime : null;
            var detail = status switch
            {
                CaseStatus.Referred => $"{status}:{referral}",
                CaseStatus.Closed => $"{status}:{outcome}",
                _ => status.ToString(),
            };
            report.Entries.Add(Entry(CaseEntryKind.StatusChanged, actor, detail));
            return ConcernResult.Done;
        }, ct);

    /// <summary>A note for the officers only; the reporter never sees it.</summary>
    public Task<Attempt<ConcernResult>> AddNoteAsync(Guid key, CaseScope scope, CaseActor actor, string? text, CancellationToken ct = default) =>
        SealedEntryAsync(key, scope, actor, version: null, text, CaseEntryKind.Note, change: null, ct);

    /// <summary>A reply or a question to the reporter, read with their receipt code. Replying acknowledges a new report.</summary>
    public Task<Attempt<ConcernResult>> ReplyAsync(Guid key, CaseScope scope, CaseActor actor, string? text, CancellationToken ct = default) =>
        SealedEntryAsync(key, scope, actor, version: null, text, CaseEntryKind.ReplyToReporter, report =>
        {
            Acknowledge(report, actor);
            return null;
        }, ct);

    /// <summary>Gives the case to a colleague (the host checks that they may see it), or takes it back from everyone.</summary>
    public Task<Attempt<ConcernResult>> AssignAsync(Guid key, CaseScope scope, CaseActor actor, int version, CaseActor? assignee, CancellationToken ct = default) =>
        ChangeAsync(key, scope, actor, version, report =>
        {
            report.AssignedTo = assignee?.Id;
            report.Entries.Add(Entry(CaseEntryKind.Assigned, actor, assignee?.Name is { } name ? name[..Math.Min(name.Length, 200)] : null));
            return ConcernResult.Done;
        }, ct);

    /// <summary>
    /// Hands the case to another unit's officers (the host chose the unit that has some), with the reason sealed in the
    /// log; the assignment ends, as the new unit decides who handles it.
    /// </summary>
    public Task<Attempt<ConcernResult>> TransferAsync(Guid key, CaseScope scope, CaseActor actor, int version, int? toUnitId, string? reason, CancellationToken ct = default) =>
        SealedEntryAsync(key, scope, actor, version, reason, CaseEntryKind.Transferred, report =>
        {
            if (report.UnitId == toUnitId)
            {
                return ConcernResult.SameUnit;
            }

            report.Entries.Add(Entry(CaseEntryKind.Transferred, actor, CaseQueries.Move(report.UnitId, toUnitId)));
            report.UnitId = toUnitId;
            report.AssignedTo = null;
            return null;
        }, ct);

    /// <summary>
    /// Adds a line with a sealed text (a note, a reply, a transfer's reason), after <paramref name="change"/> made its
    /// own changes (it answers null, or why the change is refused; a change that writes its own line of
    /// <paramref name="kind"/> gets the text on that line).
    /// </summary>
    private Task<Attempt<ConcernResult>> SealedEntryAsync(
        Guid key, CaseScope scope, CaseActor actor, int? version, string? text, CaseEntryKind kind, Func<ConcernReport, ConcernResult?>? change, CancellationToken ct)
    {
        var message = text?.Trim();
        if (string.IsNullOrEmpty(message))
        {
            return Task.FromResult(Attempt.Fail(ConcernResult.MessageMissing));
        }

        if (message.Length > options.Value.MaxTextLength)
        {
            return Task.FromResult(Attempt.Fail(ConcernResult.TextTooLong));
        }

        // Without a version (a note, a reply) the line is added whatever else changed meanwhile: two at once both stay.
        return ChangeAsync(key, scope, actor, version, report =>
        {
            using var dataKey = OpenKey(report);
            if (dataKey is null)
            {
                return ConcernResult.NotFound;
            }

            if (change?.Invoke(report) is { } refused)
            {
                return refused;
            }

            var entry = report.Entries.LastOrDefault(e => e.Kind == kind) ?? Entry(kind, actor);
            entry.Sealed = sealer.Seal(dataKey, report.Key, ConcernReports.MessagePurpose, Encoding.UTF8.GetBytes(message));
            if (!report.Entries.Contains(entry))
            {
                report.Entries.Add(entry);
            }

            return ConcernResult.Done;
        }, ct);
    }

    private async Task<Attempt<ConcernResult>> ChangeAsync(
        Guid key, CaseScope scope, CaseActor actor, int? version, Func<ConcernReport, ConcernResult> change, CancellationToken ct)
    {
        if (await Within(db.Reports, scope).SingleOrDefaultAsync(r => r.Key == key && r.SealedKey != null, ct) is not { } report)
        {
            return Attempt.Fail(ConcernResult.NotFound);
        }

        if (version is { } expected && report.Version != expected)
        {
            return Attempt.Fail(ConcernResult.ChangedMeanwhile);
        }

        if (report.Status == CaseStatus.Closed)
        {
            return Attempt.Fail(ConcernResult.CaseClosed);
        }

        var result = change(report);
        if (result != ConcernResult.Done)
        {
            db.ChangeTracker.Clear();
            return Attempt.Fail(result);
        }

        report.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
            return Attempt.Succeed(ConcernResult.Done);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            // A note or a reply has nothing to lose by waiting its turn: it is one line more, whatever the other did.
            return version is null ? await ChangeAsync(key, scope, actor, version, change, ct) : Attempt.Fail(ConcernResult.ChangedMeanwhile);
        }
    }

    private void Acknowledge(ConcernReport report, CaseActor actor)
    {
        if (report.Status != CaseStatus.New)
        {
            return;
        }

        report.Status = CaseStatus.Acknowledged;
        report.AcknowledgedUtc = clock.GetUtcNow().UtcDateTime;
        report.Entries.Add(Entry(CaseEntryKind.Acknowledged, actor));
    }

    private CaseEntry Entry(CaseEntryKind kind, CaseActor? actor, string? detail = null) =>
        new() { AtUtc = clock.GetUtcNow().UtcDateTime, Kind = kind, ActorId = actor?.Id, ActorName = actor?.Name, Detail = detail };

    private Key? OpenKey(ConcernReport report) => report.SealedKey is { } sealedKey ? sealer.OpenDataKey(report.Key, sealedKey) : null;

    internal static IQueryable<ConcernReport> Within(IQueryable<ConcernReport> reports, CaseScope scope) =>
        scope.Units is { } units ? reports.Where(r => r.UnitId != null && units.Contains(r.UnitId.Value)) : reports;
}

internal static class CaseQueries
{
    /// <summary>A move between units as the log keeps it: "12>3", "-" for the province.</summary>
    public static string Move(int? from, int? to) => $"{from?.ToString(CultureInfo.InvariantCulture) ?? "-"}>{to?.ToString(CultureInfo.InvariantCulture) ?? "-"}";

    public static CaseSummary Summary(ConcernReport r) =>
        new(r.Key, r.ReceivedUtc, r.Reporter, r.Category, r.PlaceUnitId, r.UnitId, r.Urgency, r.Status, r.AcknowledgeByUtc, r.SealedKey is null, r.AssignedTo);
}
