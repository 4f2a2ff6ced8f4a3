using ChildProtection.Web.Features.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.Backoffice.Shell;

public sealed record SignInForm(string? Email, string? Password, string? ReturnUrl, string? Error = null);

/// <summary>Staff sign-in and sign-out on the backoffice's own cookie, with Identity's lockout.</summary>
[Route("backoffice"), AllowWithoutTwoFactor]
public sealed class SignInController(
    UserManager<StaffUser> users,
    SignInManager<StaffUser> signIn,
    StaffSignIn staffSignIn,
    IOptions<IdentityOptions> identity,
    IStringLocalizer<SharedResource> text) : Controller
{
    private const string SignInView = "~/Features/Backoffice/Shell/SignIn.cshtml";

    [HttpGet("dang-nhap"), AllowAnonymous]
    public IActionResult Form(string? returnUrl) => View(SignInView, new SignInForm(null, null, returnUrl));

    [HttpPost("dang-nhap"), AllowAnonymous, ValidateAntiForgeryToken]
    public async Task<IActionResult> SignIn([FromForm] SignInForm form)
    {
        var user = string.IsNullOrWhiteSpace(form.Email) ? null : await users.FindByEmailAsync(form.Email.Trim());
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.CheckPasswordSignInAsync(user, form.Password ?? "", lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return Refuse(form, text["SignInLockedOut", (int)identity.Value.Lockout.DefaultLockoutTimeSpan.TotalMinutes]);
        }

        if (!result.Succeeded)
        {
            return Refuse(form, text["SignInFailed"]);
        }

        var returnUrl = Url.IsLocalUrl(form.ReturnUrl) && form.ReturnUrl!.StartsWith("/backoffice", StringComparison.Ordinal) ? form.ReturnUrl : "/backoffice";
        if (user!.TwoFactorEnabled)
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
