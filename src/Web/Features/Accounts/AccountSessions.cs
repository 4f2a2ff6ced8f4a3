using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace ChildProtection.Web.Features.Accounts;

/// <summary>
/// Sign-in cookies that end when their account says so. Every request checks the cookie's security stamp against the
/// account's: locking an account, changing its roles, setting its password, turning two-factor sign-in on and signing
/// out all give the account a new stamp, so every cookie issued before (on any device, or copied) stops working at its
/// next request rather than living on for its full lifetime. One indexed read per signed-in request buys that.
/// Identity's own SecurityStampValidator is not used: it serves one user type on Identity's own cookie scheme, and the
/// site has two of each (staff and learners).
/// </summary>
public static class AccountSessions
{
    /// <summary>For a cookie scheme's <see cref="CookieAuthenticationEvents.OnValidatePrincipal"/>.</summary>
    public static async Task ValidateAsync<TUser>(CookieValidatePrincipalContext context)
        where TUser : class
    {
        var users = context.HttpContext.RequestServices.GetRequiredService<UserManager<TUser>>();
        var stamp = context.Principal?.FindFirstValue(users.Options.ClaimsIdentity.SecurityStampClaimType);
        var user = context.Principal is { } principal ? await users.GetUserAsync(principal) : null;
        if (user is null || string.IsNullOrEmpty(stamp) || stamp != await users.GetSecurityStampAsync(user))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
        }
    }

    /// <summary>Signs the current request out of <paramref name="scheme"/> and ends every other session of the account too.</summary>
    public static async Task SignOutEverywhereAsync<TUser>(HttpContext context, string scheme)
        where TUser : class
    {
        var users = context.RequestServices.GetRequiredService<UserManager<TUser>>();
        if (await users.GetUserAsync(context.User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await context.SignOutAsync(scheme);
    }
}
