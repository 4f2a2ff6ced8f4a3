using System.Globalization;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Features.Email;
using ChildProtection.Web.Infrastructure;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.Learning;

/// <summary>
/// The e-mails that carry a learner's one-time link to set a password: the invitation of a learner enrolled by a
/// training manager, and "Quên mật khẩu". Both links open the same page.
/// </summary>
public sealed class LearnerPasswordEmails(
    PasswordLinks<LearnerUser> links,
    IEmailOutbox outbox,
    IOptions<SiteOptions> site,
    IOptions<LearnerAccountOptions> options,
    IStringLocalizer<LearningText> text)
{
    public const string SetPasswordPath = "/hoc-tap/dat-mat-khau";

    /// <summary>How many days a link works, as the e-mails and pages say it.</summary>
    public string LinkDays => ((int)options.Value.LinkLifetime.TotalDays).ToString(CultureInfo.InvariantCulture);

    /// <param name="baseUrl">The site's absolute address, without a trailing slash.</param>
    public async Task SendInvitationAsync(LearnerUser account, string fullName, string baseUrl, CancellationToken ct)
    {
        var link = await links.CreateAsync(account, baseUrl + SetPasswordPath);
        await outbox.EnqueueAsync(account.Email!, text["LearnerInvitationSubject"], text["LearnerInvitationBody", fullName, link, LinkDays, site.Value.SiteName], ct: ct);
    }

    /// <param name="baseUrl">The site's absolute address, without a trailing slash.</param>
    public async Task SendResetAsync(LearnerUser account, string fullName, string baseUrl, CancellationToken ct)
    {
        var link = await links.CreateAsync(account, baseUrl + SetPasswordPath);
        await outbox.EnqueueAsync(account.Email!, text["LearnerResetSubject"], text["LearnerResetBody", fullName, link, LinkDays, site.Value.SiteName], awaited: true, ct: ct);
    }
}
