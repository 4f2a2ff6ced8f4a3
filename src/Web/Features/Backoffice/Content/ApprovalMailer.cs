using ChildProtection.Cms.Content;
using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.Publishing;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Features.Email;
using ChildProtection.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.Backoffice.Content;

/// <summary>Tells the people of a review what happened, through the outbox: editors of a request, the writer of the answer.</summary>
public sealed class ApprovalMailer(
    UserManager<StaffUser> users,
    IEmailOutbox outbox,
    ContentService content,
    IPublishedSnapshotAccessor snapshots,
    IOptions<SiteOptions> site,
    IOptions<CmsOptions> cms,
    IStringLocalizer<SharedResource> text)
{
    public async Task RequestedAsync(ApprovalRequest request, HttpRequest http, CancellationToken ct)
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

    public async Task RejectedAsync(ApprovalRequest request, HttpRequest http, CancellationToken ct)
    {
        var (name, link) = await PageAsync(request, http, ct);
        if (await users.FindByNameAsync(request.RequestedBy) is { Email: { } email } writer)
        {
            var editor = await users.FindByNameAsync(request.DecidedBy!);
            await outbox.EnqueueAsync(email, text["ApprovalRejectedSubject", name], text["ApprovalRejectedBody", writer.DisplayName, editor?.DisplayName ?? request.DecidedBy!, name, request.DecisionComment!, link], ct: ct);
        }
    }

    public async Task ApprovedAsync(ApprovalRequest request, HttpRequest http, CancellationToken ct)
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
