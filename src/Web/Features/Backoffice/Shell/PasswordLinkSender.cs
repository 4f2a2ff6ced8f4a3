using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Features.Backoffice;
using ChildProtection.Web.Features.Email;
using ChildProtection.Web.Infrastructure;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.Backoffice.Shell;

/// <summary>E-mails a one-time link to set a password: for "forgot my password" and for a new account's first one.</summary>
public sealed class PasswordLinkSender(
    PasswordLinks<StaffUser> links,
    IEmailOutbox outbox,
    SiteAddress address,
    IOptions<SiteOptions> site,
    IStringLocalizer<BackofficeText> text,
    ILogger<PasswordLinkSender> logger)
{
    public async Task SendAsync(StaffUser user, HttpRequest request, bool newAccount, CancellationToken ct)
    {
        if (await address.ForEmailAsync(request, ct) is not { } baseUrl)
        {
            logger.LogWarning(SiteAddress.UnknownForEmailWarning);
            return;
        }

        var link = await links.CreateAsync(user, $"{baseUrl}/backoffice/dat-lai-mat-khau");
        var (subject, body) = newAccount ? ("NewAccountEmailSubject", "NewAccountEmailBody") : ("ResetEmailSubject", "ResetEmailBody");
        await outbox.EnqueueAsync(user.Email!, text[subject], text[body, user.DisplayName, link, site.Value.SiteName], awaited: true, ct: ct);
    }
}
