using Microsoft.Extensions.Caching.Memory;

namespace ChildProtection.Web.Features.Media;

/// <summary>
/// The bytes of small cached variants kept in memory, so a hot picture is not read from disk on every request.
/// A variant file never changes (its path names the file version and the variant), so its bytes stay right for as
/// long as the file exists; callers check that first.
/// </summary>
public sealed class VariantBytes : IDisposable
{
    private const long MaxFileBytes = 512 * 1024;
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 64 * 1024 * 1024 });

    /// <summary>The file's bytes, or null for a file too large to keep (serve it from disk).</summary>
    public byte[]? Get(string path)
    {
        if (_cache.TryGetValue(path, out byte[]? bytes))
        {
            return bytes;
        }

        var info = new FileInfo(path);
        if (!info.Exists || info.Length > MaxFileBytes)
        {
            return null;
        }

        bytes = File.ReadAllBytes(path);
        _cache.Set(path, bytes, new MemoryCacheEntryOptions { Size = bytes.Length, SlidingExpiration = TimeSpan.FromHours(1) });
        return bytes;
    }

    public void Dispose() => _cache.Dispose();
}
