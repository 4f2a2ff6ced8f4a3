using System.Text;
using ChildProtection.Training.Learning;
using ChildProtection.Training.Units;
using ChildProtection.Web.Features.Email;
using ChildProtection.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.Learning;

/// <summary>
/// A learner's own registration and "Quên mật khẩu". The account (Identity), the learner (training) and the
/// confirmation e-mail are committed in one transaction, so a failure leaves no account without its learner and no
/// e-mail for an account that does not exist. An address that already has an account gets the same answer as a new
/// one (after as much work); only its owner learns, by e-mail, that it was used again.
/// </summary>
public sealed class LearnerRegistration(
    UserManager<LearnerUser> accounts,
    LearningService learning,
    UnitDirectory units,
    LearnerPasswordEmails passwordEmails,
    IEmailOutbox outbox,
    OutboxTransaction transaction,
    SiteAddress address,
    IOptions<SiteOptions> site,
    IStringLocalizer<LearningText> text,
    ILogger<LearnerRegistration> logger)
{
    /// <returns>Why the form was refused, in the learner's language; empty once it is done.</returns>
    public async Task<IReadOnlyList<string>> RegisterAsync(RegisterForm form, HttpRequest request, CancellationToken ct)
    {
        var email = form.Email?.Trim() ?? "";
        if (await CheckAsync(form, email, ct) is { Count: > 0 } errors)
        {
            return errors;
        }

        // Hashed before the transaction, which holds SQLite's write turn; and hashed for a taken address as well, so
        // that both answers cost the same.
        var account = new LearnerUser { UserName = email, Email = email };
        account.PasswordHash = accounts.PasswordHasher.HashPassword(account, form.Password!);
        if (await accounts.FindByEmailAsync(email) is not null)
        {
            await SendAlreadyRegisteredAsync(email, request, ct);
            return [];
        }

        var baseUrl = await EmailAddressAsync(request, ct);
        IdentityResult created;
        try
        {
            created = await transaction.RunAsync(token => CreateAsync(account, form, baseUrl, token), result => result.Succeeded, ct);
        }
        catch (DbUpdateException e) when (!Cms.Persistence.DatabaseBusyException.IsBusy(e))
        {
            return [text["LearnerRegistrationNotSaved"]];
        }

        if (created.Succeeded)
        {
            return [];
        }

        if (created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
        {
            await SendAlreadyRegisteredAsync(email, request, ct);
            return [];
        }

        return [.. created.Errors.Select(e => e.Description)];
    }

    /// <summary>"Quên mật khẩu": a one-time link by e-mail to an account's learner. Whether one exists is never revealed.</summary>
    /// <returns>What the page says, the same in every case.</returns>
    public async Task<string> SendResetAsync(string? email, HttpRequest request, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(email) && await accounts.FindByEmailAsync(email.Trim()) is { } account
            && await learning.FindByAccountAsync(account.Id, ct) is { } learner
            && await EmailAddressAsync(request, ct) is { } baseUrl)
        {
            await passwordEmails.SendResetAsync(account, learner.FullName, baseUrl, ct);
        }

        return text["LearnerResetEmailSent", passwordEmails.LinkDays];
    }

    /// <summary>
    /// A password that would be refused is refused whether or not the address has an account, so that the answer tells
    /// nothing of who is registered.
    /// </summary>
    private async Task<List<string>> CheckAsync(RegisterForm form, string email, CancellationToken ct)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(form.FullName))
        {
            errors.Add(text["LearnerNameRequired"]);
        }

        if (!System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            errors.Add(text["LearnerEmailInvalid"]);
        }

        if (form.Role is null)
        {
            errors.Add(text["LearnerRoleRequired"]);
        }

        if (form.UnitId is not { } unitId || !await units.ExistsAsync(unitId, ct))
        {
            errors.Add(text["LearnerUnitRequired"]);
        }

        if (errors.Count == 0)
        {
            foreach (var validator in accounts.PasswordValidators)
            {
                errors.AddRange((await validator.ValidateAsync(accounts, new LearnerUser { UserName = email, Email = email }, form.Password ?? "")).Errors.Select(e => e.Description));
            }
        }

        return errors;
    }

    /// <summary>
    /// The account, its learner and the confirmation e-mail, inside the transaction. The same form sent twice at once
    /// meets the unique index, and is told the address is taken.
    /// </summary>
    private async Task<IdentityResult> CreateAsync(LearnerUser account, RegisterForm form, string? baseUrl, CancellationToken ct)
    {
        IdentityResult created;
        try
        {
            created = await accounts.CreateAsync(account);
        }
        catch (DbUpdateException)
        {
            return IdentityResult.Failed(accounts.ErrorDescriber.DuplicateEmail(account.Email!));
        }

        if (!created.Succeeded)
        {
            return created;
        }

        await learning.RegisterAsync(account.Id, form.FullName!, account.Email!, form.Role!.Value, form.UnitId!.Value, ct);
        if (baseUrl is not null)
        {
            var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await accounts.GenerateEmailConfirmationTokenAsync(account)));
            var link = $"{baseUrl}/hoc-tap/xac-nhan?email={Uri.EscapeDataString(account.Email!)}&token={token}";
            await outbox.EnqueueAsync(account.Email!, text["LearnerConfirmSubject"], text["LearnerConfirmBody", form.FullName!.Trim(), link, site.Value.SiteName], awaited: true, ct: ct);
        }

        return created;
    }

    private async Task SendAlreadyRegisteredAsync(string email, HttpRequest request, CancellationToken ct)
    {
        if (await EmailAddressAsync(request, ct) is { } baseUrl)
        {
            await outbox.EnqueueAsync(email, text["LearnerAlreadyRegisteredSubject"], text["LearnerAlreadyRegisteredBody", $"{baseUrl}/hoc-tap/dang-nhap", $"{baseUrl}/hoc-tap/quen-mat-khau", site.Value.SiteName], ct: ct);
        }
    }

    /// <summary>The trusted address for an e-mail's link (see <see cref="SiteAddress.ForEmailAsync"/>); null, and logged, when none is known.</summary>
    private async Task<string?> EmailAddressAsync(HttpRequest request, CancellationToken ct)
    {
        var baseUrl = await address.ForEmailAsync(request, ct);
        if (baseUrl is null)
        {
            logger.LogWarning(SiteAddress.UnknownForEmailWarning);
        }

        return baseUrl;
    }
}
