using ChildProtection.Cms.Content;
using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.Persistence;
using ChildProtection.Cms.Publishing;
using ChildProtection.Core;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Features.Backoffice;
using ChildProtection.Web.Features.Email;
using ChildProtection.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.Backoffice.Content;

/// <summary>
/// The writer → editor review as the editor page does it: each step with the e-mails that tell its people (editors of a
/// request, the writer of the answer). A request or a rejection commits together with its e-mails; see
/// <see cref="PublishAsync"/> for the publish's.
/// </summary>
public sealed class ContentReviews(
    ContentService content,
    ContentApprovals approvals,
    OutboxTransaction transaction,
    UserManager<StaffUser> users,
    IEmailOutbox outbox,
    IPublishedSnapshotAccessor snapshots,
    IOptions<SiteOptions> site,
    IOptions<CmsOptions> cms,
    IStringLocalizer<BackofficeText> text)
{
    /// <summary>
    /// Saves the edit and publishes it, closing the waiting request, in one commit (<see cref="ContentService.SaveAndPublishAsync"/>).
    /// The writer's e-mail follows: it gives the page's public address, which exists only once the publish is committed
    /// and the published snapshot refreshed.
    /// </summary>
    public async Task<Attempt<ContentEditResult, ContentOperationStatus>> PublishAsync(Guid key, ContentEdit edit, string userName, HttpRequest http, CancellationToken ct)
    {
        var result = await content.SaveAndPublishAsync(key, edit, userName, ct);
        if (result is { Success: true, Result.Approved: { } approved })
        {
            await ApprovedAsync(approved, http, ct);
        }

        return result;
    }

    public Task<Attempt<ApprovalRequest, ApprovalStatus>> RequestAsync(Guid key, string userName, string? note, HttpRequest http, CancellationToken ct) =>
        WithEmailsAsync(token => approvals.RequestAsync(key, userName, note, token), request => RequestedAsync(request, http, ct), ct);

    public Task<Attempt<ApprovalRequest, ApprovalStatus>> RejectAsync(Guid key, string userName, string? comment, HttpRequest http, CancellationToken ct) =>
        WithEmailsAsync(token => approvals.RejectAsync(key, userName, comment, token), request => RejectedAsync(request, http, ct), ct);

    /// <summary>The review step and its e-mails in one transaction: neither is kept without the other.</summary>
    private Task<Attempt<ApprovalRequest, ApprovalStatus>> WithEmailsAsync(Func<CancellationToken, Task<Attempt<ApprovalRequest, ApprovalStatus>>> step, Func<ApprovalRequest, Task> tell, CancellationToken ct) =>
        transaction.RunAsync(
            async token =>
            {
                var result = await step(token);
                if (result.Success)
                {
                    await tell(result.Result!);
                }

                return result;
            },
            result => result.Success,
            ct);

    private async Task RequestedAsync(ApprovalRequest request, HttpRequest http, CancellationToken ct)
    {
        var (name, link) = await PageAsync(request, http, ct);
        var writer = await users.FindByNameAsync(request.RequestedBy);
        foreach (var editor in await users.GetUsersInRoleAsync(StaffRoles.Editor))
        {
            if (editor.Email is { } email && editor.UserName != request.RequestedBy)
            {
                await outbox.EnqueueAsync(email, text["ApprovalRequestedSubject", name], text["ApprovalRequestedBody", editor.DisplayName, writer?.DisplayName ?? request.RequestedBy, name, request.Note ?? "", link], ct: ct);
            }
        }
    }

    private async Task RejectedAsync(ApprovalRequest request, HttpRequest http, CancellationToken ct)
    {
        var (name, link) = await PageAsync(request, http, ct);
        if (await users.FindByNameAsync(request.RequestedBy) is { Email: { } email } writer)
        {
            var editor = await users.FindByNameAsync(request.DecidedBy!);
            await outbox.EnqueueAsync(email, text["ApprovalRejectedSubject", name], text["ApprovalRejectedBody", writer.DisplayName, editor?.DisplayName ?? request.DecidedBy!, name, request.DecisionComment!, link], ct: ct);
        }
    }

    private async Task ApprovedAsync(ApprovalRequest request, HttpRequest http, CancellationToken ct)
    {
        var (name, _) = await PageAsync(request, http, ct);
        var publicUrl = snapshots.Current.Get(request.NodeKey)?.Url(cms.Value.DefaultCulture) ?? "/";
        if (await users.FindByNameAsync(request.RequestedBy) is { Email: { } email } writer)
        {
            await outbox.EnqueueAsync(email, text["ApprovalApprovedSubject", name], text["ApprovalApprovedBody", writer.DisplayName, name, $"{site.Value.BaseUrl(http)}{publicUrl}"], ct: ct);
        }
    }

    private async Task<(string Name, string EditorLink)> PageAsync(ApprovalRequest request, HttpRequest http, CancellationToken ct)
    {
        var names = await content.GetNamesAsync([request.NodeKey], cms.Value.DefaultCulture, ct);
        return (names.GetValueOrDefault(request.NodeKey) ?? "", $"{site.Value.BaseUrl(http)}/backoffice/noi-dung/{request.NodeKey}");
    }
}
