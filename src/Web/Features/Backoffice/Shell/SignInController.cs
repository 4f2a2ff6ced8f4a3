using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Features.Backoffice;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Features.Backoffice.Shell;

public sealed record SignInForm(string? Email, string? Password, string? ReturnUrl, string? Error = null);

/// <summary>Staff sign-in and sign-out on the backoffice's own cookie, with Identity's lockout.</summary>
[Route("backoffice"), AllowWithoutTwoFactor]
public sealed class SignInController(
    PasswordSignInCheck<StaffUser> passwords,
    StaffSignIn staffSignIn,
    IStringLocalizer<BackofficeText> text) : Controller
{
    private const string SignInView = "~/Features/Backoffice/Shell/SignIn.cshtml";

    [HttpGet("dang-nhap"), AllowAnonymous]
    public IActionResult Form(string? returnUrl) => View(SignInView, new SignInForm(null, null, returnUrl));

    [HttpPost("dang-nhap"), AllowAnonymous, ValidateAntiForgeryToken]
    public async Task<IActionResult> SignIn([FromForm] SignInForm form)
    {
        if (await passwords.CheckAsync(form.Email, form.Password) is not { } user)
        {
            return Refuse(form, text["SignInFailed", passwords.LockoutMinutes]);
        }

        var returnUrl = Url.IsLocalUrl(form.ReturnUrl) && form.ReturnUrl!.StartsWith("/backoffice", StringComparison.Ordinal) ? form.ReturnUrl : "/backoffice";
        if (user.TwoFactorEnabled)
        {
            await StaffSignIn.RememberPasswordCheckedAsync(HttpContext, user);
            return LocalRedirect($"/backoffice/xac-thuc?returnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        await staffSignIn.SignInAsync(HttpContext, user);
        return LocalRedirect(returnUrl);
    }

    [HttpPost("dang-xuat"), Authorize(Policy = BackofficePolicies.Staff), ValidateAntiForgeryToken]
    public async Task<IActionResult> SignOutOfBackoffice()
    {
        await AccountSessions.SignOutEverywhereAsync<StaffUser>(HttpContext, StaffAccountsExtensions.Scheme);
        return LocalRedirect("/backoffice/dang-nhap");
    }

    // The password is never sent back into the form.
    private ViewResult Refuse(SignInForm form, string error)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(SignInView, form with { Password = null, Error = error });
    }
}
