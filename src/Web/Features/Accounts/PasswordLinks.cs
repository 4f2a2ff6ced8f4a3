using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Features.Accounts;

public sealed record ForgotPasswordForm(string? Email, string? Message = null);

public sealed record ResetPasswordForm(string? Email, string? Token, string? Password, string? Confirm, IReadOnlyList<string>? Errors = null, bool Done = false);

/// <summary>
/// One-time links to set a password, for staff and learners alike: Identity's password-reset token travels in the
/// link, and setting the password changes the account's security stamp, which the token is bound to, so the link
/// works once. How long it works is the token provider's lifespan for <typeparamref name="TUser"/>.
/// </summary>
public sealed class PasswordLinks<TUser>(UserManager<TUser> users, IStringLocalizer<AccountsText> text)
    where TUser : class
{
    /// <param name="page">The absolute address of the page that sets the password.</param>
    public async Task<string> CreateAsync(TUser user, string page)
    {
        var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        return $"{page}?email={Uri.EscapeDataString(await users.GetEmailAsync(user) ?? "")}&token={token}";
    }

    /// <summary>Sets the password the form carries if its link is still good; the account is unlocked too.</summary>
    /// <returns>What is wrong, in the reader's language; empty once the password is set.</returns>
    public async Task<IReadOnlyList<string>> UseAsync(ResetPasswordForm form)
    {
        if (form.Password != form.Confirm)
        {
            return [text["PasswordsDiffer"]];
        }

        var user = string.IsNullOrWhiteSpace(form.Email) ? null : await users.FindByEmailAsync(form.Email);
        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(form.Token ?? ""));
        }
        catch (FormatException)
        {
            token = "";
        }

        var result = user is null ? IdentityResult.Failed(users.ErrorDescriber.InvalidToken()) : await users.ResetPasswordAsync(user, token, form.Password ?? "");
        if (!result.Succeeded)
        {
            return result.Errors.Select(e => e.Description).ToList();
        }

        await users.ResetAccessFailedCountAsync(user!);
        await users.SetLockoutEndDateAsync(user!, null);
        return [];
    }
}
