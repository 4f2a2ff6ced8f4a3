using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Features.Backoffice;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Features.Backoffice.Shell;

/// <summary>
/// "Quên mật khẩu": a link by e-mail (through the outbox) to set a new password. The link works once: resetting
/// changes the account's security stamp, which the token is bound to. Whether an address has an account is never
/// revealed.
/// </summary>
[Route("backoffice"), AllowAnonymous, AllowWithoutTwoFactor]
public sealed class PasswordResetController(
    UserManager<StaffUser> users,
    PasswordLinkSender links,
    IStringLocalizer<BackofficeText> text) : Controller
{
    private const string ForgotView = "~/Features/Backoffice/Shell/ForgotPassword.cshtml";
    private const string ResetView = "~/Features/Backoffice/Shell/ResetPassword.cshtml";

    [HttpGet("quen-mat-khau")]
    public IActionResult Forgot() => View(ForgotView, new ForgotPasswordForm(null));

    [HttpPost("quen-mat-khau"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Forgot([FromForm] ForgotPasswordForm form, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(form.Email) && await users.FindByEmailAsync(form.Email.Trim()) is { } user)
        {
            await links.SendAsync(user, Request, newAccount: false, ct);
        }

        return View(ForgotView, new ForgotPasswordForm(null, text["ResetEmailSent"]));
    }

    [HttpGet("dat-lai-mat-khau")]
    public IActionResult Reset(string? email, string? token) => View(ResetView, new ResetPasswordForm(email, token, null, null));

    [HttpPost("dat-lai-mat-khau"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Reset([FromForm] ResetPasswordForm form, [FromServices] PasswordLinks<StaffUser> passwords) =>
        await passwords.UseAsync(form) is { Count: > 0 } errors ? Refuse(form, errors) : View(ResetView, new ResetPasswordForm(null, null, null, null, Done: true));

    private ViewResult Refuse(ResetPasswordForm form, IReadOnlyList<string> errors)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(ResetView, form with { Password = null, Confirm = null, Errors = errors });
    }
}
