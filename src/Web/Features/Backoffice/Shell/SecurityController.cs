using System.Security.Claims;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Features.Backoffice;
using ChildProtection.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using QRCoder;

namespace ChildProtection.Web.Features.Backoffice.Shell;

public sealed record SecurityViewModel(bool Enabled, bool Required, string? Key, string? QrSvg, IReadOnlyList<string>? RecoveryCodes, string? Error);

public sealed record TwoFactorCodeForm(string? Code, string? ReturnUrl, string? Error = null);

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP, Identity's authenticator provider): set-up with a QR code
/// and recovery codes, and the code step after the password. Required for Administrators, open to everyone.
/// </summary>
[Route("backoffice"), AllowWithoutTwoFactor]
public sealed class SecurityController(
    UserManager<StaffUser> users,
    StaffSignIn staffSignIn,
    IOptions<SiteOptions> site,
    IStringLocalizer<BackofficeText> text) : Controller
{
    private const string SecurityView = "~/Features/Backoffice/Shell/Security.cshtml";
    private const string CodeView = "~/Features/Backoffice/Shell/TwoFactorCode.cshtml";

    [HttpGet("bao-mat"), Authorize(Policy = BackofficePolicies.Staff)]
    public async Task<IActionResult> Security() => View(SecurityView, await ModelAsync(await CurrentUserAsync(), null, null));

    [HttpPost("bao-mat/bat-xac-thuc"), Authorize(Policy = BackofficePolicies.Staff), ValidateAntiForgeryToken]
    public async Task<IActionResult> Enable([FromForm] string? code)
    {
        var user = await CurrentUserAsync();
        if (!await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, Digits(code)))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(SecurityView, await ModelAsync(user, null, text["TwoFactorWrongCode"]));
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var recovery = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();
        await staffSignIn.SignInAsync(HttpContext, user);
        return View(SecurityView, await ModelAsync(user, recovery, null));
    }

    [HttpGet("xac-thuc"), AllowAnonymous]
    public async Task<IActionResult> Code(string? returnUrl) =>
        await PendingUserAsync() is null ? LocalRedirect("/backoffice/dang-nhap") : View(CodeView, new TwoFactorCodeForm(null, returnUrl));

    [HttpPost("xac-thuc"), AllowAnonymous, ValidateAntiForgeryToken]
    public async Task<IActionResult> Code([FromForm] TwoFactorCodeForm form)
    {
        if (await PendingUserAsync() is not { } user)
        {
            return LocalRedirect("/backoffice/dang-nhap");
        }

        if (await users.IsLockedOutAsync(user))
        {
            return Refuse(form, text["SignInLockedOut", 15]);
        }

        var code = (form.Code ?? "").Trim();
        var valid = await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, Digits(code))
            || (await users.RedeemTwoFactorRecoveryCodeAsync(user, code.Replace(" ", "", StringComparison.Ordinal))).Succeeded;
        if (!valid)
        {
            await users.AccessFailedAsync(user);
            return Refuse(form, text["TwoFactorWrongCode"]);
        }

        await users.ResetAccessFailedCountAsync(user);
        await staffSignIn.SignInAsync(HttpContext, user);
        return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) && form.ReturnUrl!.StartsWith("/backoffice", StringComparison.Ordinal) ? form.ReturnUrl : "/backoffice");
    }

    private ViewResult Refuse(TwoFactorCodeForm form, string error)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(CodeView, form with { Code = null, Error = error });
    }

    private async Task<StaffUser> CurrentUserAsync() => (await users.GetUserAsync(User))!;

    private async Task<StaffUser?> PendingUserAsync()
    {
        var pending = await HttpContext.AuthenticateAsync(StaffAccountsExtensions.TwoFactorScheme);
        return pending.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? await users.FindByIdAsync(id) : null;
    }

    private async Task<SecurityViewModel> ModelAsync(StaffUser user, IReadOnlyList<string>? recoveryCodes, string? error)
    {
        var required = await users.IsInRoleAsync(user, StaffRoles.Administrator);
        if (user.TwoFactorEnabled)
        {
            return new SecurityViewModel(true, required, null, null, recoveryCodes, error);
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            // A new key gives the account a new security stamp, which ends its sessions: this one is renewed.
            await staffSignIn.SignInAsync(HttpContext, user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        var issuer = Uri.EscapeDataString(site.Value.SiteName);
        var uri = $"otpauth://totp/{issuer}:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer={issuer}&digits=6";
        using var qr = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(qr).GetGraphic(4);
        return new SecurityViewModel(false, required, key, svg, null, error);
    }

    // Apps show the code as "123 456"; people type it with the space.
    private static string Digits(string? code) => new((code ?? "").Where(char.IsAsciiDigit).ToArray());
}
