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
/// The reporter's side of the channel: sending a report, and coming back with the receipt code to read the officer's
/// replies and answer them. No account, no name: the receipt code is the only key, and only its slow hash is kept.
/// </summary>
public sealed class ConcernReports(ConcernsDbContext db, ReportSealer sealer, ReceiptCodes receipts, IOptions<ConcernOptions> options, TimeProvider clock)
{
    internal const string StoryPurpose = "story";
    internal const string MessagePurpose = "message";
    internal const string AttachmentPurpose = "attachment";

    /// <summary>Characters of "when", "where" and the contact.</summary>
    public const int ShortTextLength = 200;

    public async Task<Attempt<ReceivedConcern, ConcernResult>> SubmitAsync(NewConcern concern, CancellationToken ct = default)
    {
        var limits = options.Value;
        var what = concern.What?.Trim();
        if (string.IsNullOrEmpty(what))
        {
            return Attempt.Fail(ConcernResult.StoryMissing);
        }

        if (what.Length > limits.MaxTextLength || concern.When?.Length > ShortTextLength || concern.Place?.Length > ShortTextLength || concern.Contact?.Length > ShortTextLength)
        {
            return Attempt.Fail(ConcernResult.TextTooLong);
        }

        if (concern.Attachments.Count > limits.MaxAttachments)
        {
            return Attempt.Fail(ConcernResult.TooManyAttachments);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var key = Guid.NewGuid();
        var (code, receiptHash) = receipts.Next();
        var (dataKey, sealedKey) = sealer.NewDataKey(key);
        using (dataKey)
        {
            var story = new ConcernStory(what, Blank(concern.When), Blank(concern.Place), Blank(concern.Contact));
            var report = new ConcernReport
            {
                Key = key,
                ReceiptHash = receiptHash,
                ReceivedUtc = now,
                Reporter = concern.Reporter,
                Category = concern.Category,
                PlaceUnitId = concern.PlaceUnitId,
                UnitId = concern.UnitId,
                Urgency = FirstUrgency(concern.Category),
                Status = CaseStatus.New,
                SealedKey = sealedKey,
                Content = sealer.Seal(dataKey, key, StoryPurpose, JsonSerializer.SerializeToUtf8Bytes(story)),
            };
            report.AcknowledgeByUtc = now + limits.AcknowledgeWithin(report.Urgency);
            report.Entries.Add(new CaseEntry { AtUtc = now, Kind = CaseEntryKind.Received, Detail = report.Urgency.ToString() });
            report.Attachments.AddRange(concern.Attachments.Select(a => new ConcernAttachment
            {
                ContentType = a.ContentType,
                Sealed = sealer.Seal(dataKey, key, AttachmentPurpose, a.Content),
            }));
            db.Reports.Add(report);
            await db.SaveChangesAsync(ct);
            return Attempt.SucceedWithStatus(ConcernResult.Done, new ReceivedConcern(key, code, report.Urgency, report.UnitId));
        }
    }

    /// <summary>The report a receipt code opens, as its reporter sees it; null for a code that opens nothing.</summary>
    public async Task<ReporterView?> FollowAsync(string code, CancellationToken ct = default)
    {
        if (await FindAsync(code, ct) is not { } report || OpenKey(report) is not { } dataKey)
        {
            return null;
        }

        using (dataKey)
        {
            var messages = await db.CaseEntries.AsNoTracking()
                .Where(e => e.ReportId == report.Id && (e.Kind == CaseEntryKind.ReplyToReporter || e.Kind == CaseEntryKind.ReporterMessage))
                .OrderBy(e => e.Id)
                .ToListAsync(ct);
            return new ReporterView(report.ReceivedUtc, report.Category, report.Status, messages
                .Select(e => new ConversationMessage(e.AtUtc, e.Kind == CaseEntryKind.ReporterMessage, OpenText(dataKey, report.Key, e.Sealed) ?? ""))
                .ToList());
        }
    }

    /// <summary>The reporter's answer to the officer, added to the case's log; the case it went to, for telling its officers.</summary>
    public async Task<Attempt<CaseSummary, ConcernResult>> AnswerAsync(string code, string? text, CancellationToken ct = default)
    {
        var message = text?.Trim();
        if (string.IsNullOrEmpty(message))
        {
            return Attempt.Fail(ConcernResult.MessageMissing);
        }

        if (message.Length > options.Value.MaxTextLength)
        {
            return Attempt.Fail(ConcernResult.TextTooLong);
        }

        if (await FindAsync(code, ct) is not { } report || OpenKey(report) is not { } dataKey)
        {
            return Attempt.Fail(ConcernResult.NotFound);
        }

        using (dataKey)
        {
            if (report.Status == CaseStatus.Closed)
            {
                return Attempt.Fail(ConcernResult.CaseClosed);
            }

            db.CaseEntries.Add(new CaseEntry
            {
                ReportId = report.Id,
                AtUtc = clock.GetUtcNow().UtcDateTime,
                Kind = CaseEntryKind.ReporterMessage,
                Sealed = sealer.Seal(dataKey, report.Key, MessagePurpose, Encoding.UTF8.GetBytes(message)),
            });
            await db.SaveChangesAsync(ct);
            return Attempt.SucceedWithStatus(ConcernResult.Done, CaseQueries.Summary(report));
        }
    }

    /// <summary>
    /// A first urgency from what happened, for the officer to correct: sexual abuse and physical violence are high,
    /// the rest normal. An emergency is a phone call to 111 or 113, which the form says before anything else.
    /// </summary>
    internal static ConcernUrgency FirstUrgency(ConcernCategory category) =>
        category is ConcernCategory.SexualAbuse or ConcernCategory.PhysicalViolence ? ConcernUrgency.High : ConcernUrgency.Normal;

    private async Task<ConcernReport?> FindAsync(string code, CancellationToken ct)
    {
        if (ReceiptCodes.Normalise(code) is not { } digits)
        {
            return null;
        }

        var hash = receipts.Hash(digits);
        return await db.Reports.AsNoTracking().SingleOrDefaultAsync(r => r.ReceiptHash == hash && r.SealedKey != null, ct);
    }

    private Key? OpenKey(ConcernReport report) => report.SealedKey is { } sealedKey ? sealer.OpenDataKey(report.Key, sealedKey) : null;

    private string? OpenText(Key dataKey, Guid report, byte[]? sealedText) =>
        sealedText is not null && sealer.Open(dataKey, report, MessagePurpose, sealedText) is { } plain ? Encoding.UTF8.GetString(plain) : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
