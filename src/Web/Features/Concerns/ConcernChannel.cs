using ChildProtection.Concerns.DependencyInjection;
using ChildProtection.Concerns.Reports;
using ChildProtection.Core;
using ChildProtection.Training.Limits;
using ChildProtection.Web.Features.Email;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.Concerns;

/// <summary>
/// The channel's steps that join modules: a report is routed to its unit's officers and saved together with the
/// e-mails that tell them (one transaction: no report without its notice, no notice without its report). A notice
/// says only that a report arrived and how urgent it is, with a link: no content, no names.
/// </summary>
public sealed class ConcernChannel(
    ConcernReports reports,
    ConcernCases cases,
    CaseDeadlines deadlines,
    ConcernRouting routing,
    ClientRequestLimiter limiter,
    IOptions<ConcernOptions> options,
    OutboxTransaction transaction,
    IEmailOutbox outbox,
    IStringLocalizer<ConcernsText> text,
    ILogger<ConcernChannel> logger)
{
    private const string ReportPurpose = "concern-report";

    /// <summary>
    /// Counts the report against its client's limit, saves it and queues its notices, all in one transaction: a report
    /// refused for any reason counts for nothing, and a busy PostgreSQL waits for one commit, not two.
    /// </summary>
    /// <param name="clientAddress">The sender's address, for the per-client limit (only its hash is kept, for an hour).</param>
    /// <param name="siteAddress">The site's trusted address for the link; null sends the notice without one.</param>
    public async Task<Attempt<ReceivedConcern, ConcernResult>> SubmitAsync(NewConcern concern, string clientAddress, string? siteAddress, CancellationToken ct)
    {
        var unit = await routing.ResponsibleUnitAsync(concern.PlaceUnitId, ct);
        var (recipients, toOfficers) = await routing.NoticeRecipientsAsync(unit, ct);
        return await transaction.RunAsync(async token =>
        {
            if (!await limiter.TryTakeAsync(ReportPurpose, clientAddress, options.Value.ReportsPerClientPerHour, token))
            {
                return Attempt.Fail(ConcernResult.TooManyReports);
            }

            var received = await reports.SubmitAsync(concern with { UnitId = unit }, token);
            if (received.Success)
            {
                var urgency = text[$"Urgency{received.Result.Urgency}"];
                var body = toOfficers ? text["NoticeNewBody", urgency] : text["NoticeNoOfficerBody", urgency];
                await NotifyAsync(recipients, text["NoticeNewSubject", urgency], body, CaseUrl(siteAddress, received.Result.Key), token);
            }

            return received;
        }, received => received.Success, ct);
    }

    /// <summary>The reporter's answer, and a notice to the case's officers that there is one.</summary>
    /// <remarks>The code is looked up once (its hash is the slow part): the officers are found from the case it opened.</remarks>
    public async Task<Attempt<CaseSummary, ConcernResult>> AnswerAsync(string code, string? message, string? siteAddress, CancellationToken ct) =>
        await transaction.RunAsync(async token =>
        {
            var answered = await reports.AnswerAsync(code, message, token);
            if (answered.Success)
            {
                var officers = await routing.OfficerAddressesAsync(answered.Result.UnitId, token);
                await NotifyAsync(officers, text["NoticeAnswerSubject"], text["NoticeAnswerBody"], CaseUrl(siteAddress, answered.Result.Key), token);
            }

            return answered;
        }, answered => answered.Success, ct);

    /// <summary>Hands the case to the unit an officer chose (or the nearest above it with officers), and tells that unit's officers.</summary>
    public async Task<Attempt<ConcernResult>> TransferAsync(
        Guid key, CaseScope scope, CaseActor actor, int version, int chosenUnitId, string? reason, string? siteAddress, CancellationToken ct)
    {
        var unit = await routing.ResponsibleUnitAsync(chosenUnitId, ct);
        var officers = await routing.OfficerAddressesAsync(unit, ct);
        return await transaction.RunAsync(async token =>
        {
            var moved = await cases.TransferAsync(key, scope, actor, version, unit, reason, token);
            if (moved.Success)
            {
                await NotifyAsync(officers, text["NoticeTransferredSubject"], text["NoticeTransferredBody"], CaseUrl(siteAddress, key), token);
            }

            return moved;
        }, moved => moved.Success, ct);
    }

    /// <summary>Assigns the case to a colleague who may see it, and tells them; null takes it back from everyone.</summary>
    public async Task<Attempt<ConcernResult>> AssignAsync(
        Guid key, CaseScope scope, CaseActor actor, int version, int? caseUnitId, string? assigneeId, string? siteAddress, CancellationToken ct)
    {
        var colleague = assigneeId is null ? null : (await routing.ColleaguesAsync(caseUnitId, ct)).FirstOrDefault(c => c.Id == assigneeId);
        if (assigneeId is not null && colleague is null)
        {
            return Attempt.Fail(ConcernResult.NotAColleague);
        }

        return await transaction.RunAsync(async token =>
        {
            var assigned = await cases.AssignAsync(key, scope, actor, version, colleague is null ? null : new CaseActor(colleague.Id, colleague.Name), token);
            if (assigned.Success && colleague?.Email is { } email && colleague.Id != actor.Id)
            {
                await NotifyAsync([email], text["NoticeAssignedSubject"], text["NoticeAssignedBody"], CaseUrl(siteAddress, key), token);
            }

            return assigned;
        }, assigned => assigned.Success, ct);
    }

    /// <summary>
    /// Moves every report past its time to be acknowledged up to the nearest unit above with officers, and tells them;
    /// the number moved. Run by a recurring job on whichever node takes it.
    /// </summary>
    public async Task<int> EscalateOverdueAsync(string? siteAddress, CancellationToken ct)
    {
        var moved = 0;
        foreach (var overdue in await deadlines.OverdueAsync(100, ct))
        {
            var above = await routing.UnitAboveAsync(overdue.UnitId, ct);
            var (recipients, _) = await routing.NoticeRecipientsAsync(above, ct);
            var escalated = await transaction.RunAsync(async token =>
            {
                var done = await deadlines.EscalateAsync(overdue.Key, above, token);
                if (done.Success)
                {
                    var urgency = text[$"Urgency{overdue.Urgency}"];
                    await NotifyAsync(recipients, text["NoticeEscalatedSubject", urgency], text["NoticeEscalatedBody", urgency], CaseUrl(siteAddress, overdue.Key), token);
                }

                return done;
            }, done => done.Success, ct);
            moved += escalated.Success ? 1 : 0;
        }

        if (moved > 0)
        {
            logger.LogWarning("Reports of concern: {Count} not acknowledged in time moved up a unit.", moved);
        }

        return moved;
    }

    private async Task NotifyAsync(IReadOnlyList<string> recipients, string subject, string body, string? url, CancellationToken ct)
    {
        var withLink = url is null ? $"{body}\n\n{text["NoticeNoLink"]}" : $"{body}\n\n{url}";
        foreach (var to in recipients)
        {
            await outbox.EnqueueAsync(to, subject, $"{withLink}\n\n{text["NoticeFooter"]}", ct: ct);
        }
    }

    private static string? CaseUrl(string? siteAddress, Guid key) => siteAddress is null ? null : $"{siteAddress}/backoffice/bao-tin/{key}";
}
