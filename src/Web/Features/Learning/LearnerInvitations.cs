using System.Globalization;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Features.Email;
using ChildProtection.Web.Infrastructure;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.Learning;

/// <summary>The e-mail a learner enrolled by a training manager gets: a one-time link to set their first password.</summary>
public sealed class LearnerInvitations(
    PasswordLinks<LearnerUser> links,
    IEmailOutbox outbox,
    IOptions<SiteOptions> site,
    IOptions<LearnerAccountOptions> options,
    IStringLocalizer<SharedResource> text)
{
    public const string SetPasswordPath = "/hoc-tap/dat-mat-khau";

    /// <param name="baseUrl">The site's absolute address, without a trailing slash.</param>
    public async Task SendAsync(LearnerUser account, string fullName, string baseUrl, CancellationToken ct)
    {
        var link = await links.CreateAsync(account, baseUrl + SetPasswordPath);
        var days = ((int)options.Value.LinkLifetime.TotalDays).ToString(CultureInfo.InvariantCulture);
        await outbox.EnqueueAsync(account.Email!, text["LearnerInvitationSubject"], text["LearnerInvitationBody", fullName, link, days, site.Value.SiteName], ct: ct);
    }
}
