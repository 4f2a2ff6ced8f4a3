using System.ComponentModel.DataAnnotations;

namespace ChildProtection.Cms.Media;

/// <summary>The "Media" configuration section.</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>The largest file accepted, in bytes (a phone photo is 3–8 MB; a leaflet PDF rarely over 10).</summary>
    /// <remarks>An upload is read into memory, which holds at most 2 GB.</remarks>
    [Display(Name = $"{Section}:{nameof(MaxFileBytes)}"), Range(1L, int.MaxValue)]
    public long MaxFileBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>The largest image accepted, in pixels across and down, so that a tiny file cannot decode to gigabytes.</summary>
    [Display(Name = $"{Section}:{nameof(MaxImageDimension)}"), Range(1, 65_535)]
    public int MaxImageDimension { get; set; } = 12_000;

    /// <summary>
    /// The key image URLs are signed with (any text, at least 32 characters is wise). Empty: one is generated and
    /// kept in the data folder. Give every web node the same one.
    /// </summary>
    public string? SigningKey { get; set; }
}
