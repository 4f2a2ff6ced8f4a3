using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ChildProtection.Web.Persistence;
using Microsoft.AspNetCore.DataProtection;

namespace ChildProtection.Web.Hosting;

/// <summary>
/// Where the Data Protection key ring is kept, and how it is protected at rest (<c>DataProtection:*</c>).
/// </summary>
public sealed class SharedKeysOptions
{
    public const string Section = "DataProtection";

    /// <summary>A PKCS#12 (.pfx) file whose certificate encrypts every key before it is stored; none stores them as the database keeps them.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}

/// <summary>
/// The Data Protection key ring (what signs and encrypts the staff and learner cookies, the anti-forgery tokens, the
/// preview, invitation and password links and a contest attempt's browser cookie) in the site's database under one
/// application name: every node reads what another made, and a redeploy or a new container signs nobody out.
/// </summary>
public static class SharedKeys
{
    public const string ApplicationName = "ChildProtection";

    public static WebApplicationBuilder AddSharedKeys(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SharedKeysOptions.Section).Get<SharedKeysOptions>() ?? new();
        var keys = builder.Services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<SiteDbContext>();
        if (options.CertificatePath is { Length: > 0 } path)
        {
            keys.ProtectKeysWithCertificate(Certificate(path, options.CertificatePassword));
        }

        return builder;
    }

    private static X509Certificate2 Certificate(string path, string? password)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
            return certificate.HasPrivateKey
                ? certificate
                : throw new InvalidOperationException($"DataProtection:CertificatePath: {path} has no private key; the keys could be encrypted but never read back.");
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"DataProtection:CertificatePath: {path} cannot be read as a PKCS#12 (.pfx) file with DataProtection:CertificatePassword ({e.Message}).", e);
        }
    }
}
