using ChildProtection.Concerns.Reports;
using ChildProtection.Core;
using ChildProtection.Web.Features.Email;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Features.Concerns;

/// <summary>
/// The channel's steps that join modules: a report is routed to its unit's officers and saved together with the
/// e-mails that tell them (one transaction: no report without its notice, no notice without its report). A notice
/// says only that a report arrived and how urgent it is, with a link: no content, no names.
/// </summary>
public sealed class ConcernChannel(ConcernReports reports, ConcernRouting routing, OutboxTransaction transaction, IEmailOutbox outbox, IStringLocalizer<ConcernsText> text)
{
    /// <param name="siteAddress">The site's trusted address for the link; null sends the notice without one.</param>
    public async Task<Attempt<ReceivedConcern, ConcernResult>> SubmitAsync(NewConcern concern, string? siteAddress, CancellationToken ct)
    {
        var unit = await routing.ResponsibleUnitAsync(concern.PlaceUnitId, ct);
        var officers = await routing.OfficerAddressesAsync(unit, ct);
        // No officer anywhere yet: the administrators are told that a report waits and that someone must hold the role.
        var recipients = officers.Count > 0 ? officers : await routing.AdministratorAddressesAsync(ct);
        var noOfficer = officers.Count == 0;
        return await transaction.RunAsync(async token =>
        {
            var received = await reports.SubmitAsync(concern with { UnitId = unit }, token);
            if (received.Success)
            {
                var urgency = text[$"Urgency{received.Result.Urgency}"];
                var body = noOfficer ? text["NoticeNoOfficerBody", urgency] : text["NoticeNewBody", urgency];
                await NotifyAsync(recipients, text["NoticeNewSubject", urgency], body, CaseUrl(siteAddress, received.Result.Key), token);
            }

            return received;
        }, received => received.Success, ct);
    }

    /// <summary>The reporter's answer, and a notice to the case's officers that there is one.</summary>
    public async Task<Attempt<ConcernResult>> AnswerAsync(string code, string? message, string? siteAddress, CancellationToken ct)
    {
        if (await reports.SummaryAsync(code, ct) is not { } summary)
        {
            return Attempt.Fail(ConcernResult.NotFound);
        }

        var officers = await routing.OfficerAddressesAsync(summary.UnitId, ct);
        return await transaction.RunAsync(async token =>
        {
            var answered = await reports.AnswerAsync(code, message, token);
            if (answered.Success)
            {
                await NotifyAsync(officers, text["NoticeAnswerSubject"], text["NoticeAnswerBody"], CaseUrl(siteAddress, summary.Key), token);
            }

            return answered;
        }, answered => answered.Success, ct);
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
