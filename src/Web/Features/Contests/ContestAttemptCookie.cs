using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace ChildProtection.Web.Features.Contests;

/// <summary>
/// The cookie that ties a contest attempt to the browser which confirmed the code: one per attempt, sent only to that
/// attempt's addresses, protected so that it cannot be made from the attempt's key.
/// </summary>
internal static class ContestAttemptCookie
{
    private const string Name = "cp-bai-thi";

    /// <summary>A day outlasts any attempt's time limit.</summary>
    public static void Give(HttpContext context, IDataProtectionProvider protection, Guid attempt) =>
        context.Response.Cookies.Append(Name, Protector(protection).Protect(attempt.ToString("N")), new CookieOptions
        {
            Path = $"/cuoc-thi/bai-lam/{attempt}",
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            MaxAge = TimeSpan.FromDays(1),
            IsEssential = true,
        });

    /// <summary>Whether the request comes from the browser that confirmed the code and so started the attempt.</summary>
    public static bool Holds(HttpRequest request, IDataProtectionProvider protection, Guid attempt)
    {
        if (request.Cookies[Name] is not { } cookie)
        {
            return false;
        }

        try
        {
            return Protector(protection).Unprotect(cookie) == attempt.ToString("N");
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static IDataProtector Protector(IDataProtectionProvider protection) => protection.CreateProtector("ChildProtection.Contests.AttemptBrowser");
}
