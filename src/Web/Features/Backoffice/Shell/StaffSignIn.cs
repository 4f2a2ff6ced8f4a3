using System.Security.Claims;
using ChildProtection.Web.Features.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace ChildProtection.Web.Features.Backoffice.Shell;

/// <summary>
/// Signs a staff user in on the backoffice cookie. An Administrator without two-factor sign-in gets a claim that
/// sends every backoffice page to the enrolment page (and that administration policies refuse) until it is set up.
/// </summary>
public sealed class StaffSignIn(IUserClaimsPrincipalFactory<StaffUser> principals, UserManager<StaffUser> users)
{
    public const string NeedsTwoFactorClaim = "cp:needs-2fa";

    public async Task SignInAsync(HttpContext context, StaffUser user)
    {
        var principal = await principals.CreateAsync(user);
        if (!user.TwoFactorEnabled && await users.IsInRoleAsync(user, StaffRoles.Administrator))
        {
            ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(NeedsTwoFactorClaim, "true"));
        }

        await context.SignOutAsync(StaffAccountsExtensions.TwoFactorScheme);
        await context.SignInAsync(StaffAccountsExtensions.Scheme, principal);
    }

    /// <summary>The password was right; the code is still to come. Remembered for a few minutes on a cookie of its own.</summary>
    public static Task RememberPasswordCheckedAsync(HttpContext context, StaffUser user) =>
        context.SignInAsync(StaffAccountsExtensions.TwoFactorScheme, new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id)], StaffAccountsExtensions.TwoFactorScheme)));
}
