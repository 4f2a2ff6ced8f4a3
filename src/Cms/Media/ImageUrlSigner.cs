using System.Security.Cryptography;
using System.Text;
using ChildProtection.Cms.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChildProtection.Cms.Media;

/// <summary>
/// Signs image URLs (HMAC-SHA256 over the media key and the canonical query), so that only sizes the site's own
/// pages ask for are drawn. The key comes from "Media:SigningKey"; without one, a random key is made once and kept
/// in the data folder, so that signed URLs in cached pages stay valid across restarts. Several web nodes must share
/// the setting (or the data folder).
/// </summary>
public sealed class ImageUrlSigner(IOptions<MediaOptions> options, CmsPaths paths)
{
    private const string KeyFileName = "media-signing.key";

    // 128 bits of the MAC are as hard to forge as any key we could be given, and keep srcset lists short.
    private const int SignatureBytes = 16;

    private readonly Lazy<byte[]> _key = new(() => LoadKey(options.Value.SigningKey, Path.Combine(paths.DataPath, KeyFileName)));

    public string Sign(Guid mediaKey, ImageVariantQuery query) =>
        Convert.ToBase64String(Mac(mediaKey, query)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public bool IsValid(Guid mediaKey, ImageVariantQuery query, string? signature)
    {
        if (signature is null || signature.Length > 64)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(mediaKey, query));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }

    /// <summary>The signed address of a variant of the item's current file.</summary>
    public string Url(MediaItem item, ImageVariantQuery query)
    {
        var current = query with { Version = item.FileVersion };
        return $"{item.Url}?{current.ToQueryString()}&{ImageVariantQuery.SignatureKey}={Sign(item.Key, current)}";
    }

    private byte[] Mac(Guid mediaKey, ImageVariantQuery query) =>
        HMACSHA256.HashData(_key.Value, Encoding.UTF8.GetBytes($"{mediaKey:N}?{query.ToQueryString()}"))[..SignatureBytes];

    private static byte[] LoadKey(string? configured, string file)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Encoding.UTF8.GetBytes(configured);
        }

        try
        {
            using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write);
            var key = RandomNumberGenerator.GetBytes(32);
            stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(key)));
            return key;
        }
        catch (IOException) when (File.Exists(file))
        {
            // Made by an earlier start (or by another process starting at the same moment).
            return Convert.FromBase64String(File.ReadAllText(file).Trim());
        }
    }
}
