using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.PublicSite;

/// <summary>
/// Signed, expiring links to a draft as the public page ("/xem-truoc/{token}"): an editor can send one to a
/// reviewer without an account; a link that was changed or has expired shows nothing.
/// </summary>
public sealed class PreviewLinks(IDataProtectionProvider protection, IOptions<PublicSiteOptions> options)
{
    private ITimeLimitedDataProtector Protector => protection.CreateProtector("ChildProtection.DraftPreview").ToTimeLimitedDataProtector();

    public string Create(Guid key, string culture) =>
        $"/xem-truoc/{Protector.Protect($"{key:N}|{culture}", options.Value.PreviewLinkLifetime)}";

    public (Guid Key, string Culture)? Read(string token)
    {
        try
        {
            var parts = Protector.Unprotect(token).Split('|');
            return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out var key) ? (key, parts[1]) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
