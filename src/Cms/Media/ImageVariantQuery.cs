using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;

namespace ChildProtection.Cms.Media;

public enum ImageResizeMode
{
    /// <summary>Fits inside the size asked for, keeping the proportions; never enlarges.</summary>
    Max,

    /// <summary>Fills exactly the size asked for, cutting what is outside around the focal point.</summary>
    Crop,

    /// <summary>Fits inside the size asked for and fills the rest with white (JPEG) or transparency.</summary>
    Pad,
}

/// <summary>A point of a picture, from the left and from the top, each 0 to 1 (ImageSharp.Web's "rxy").</summary>
public readonly record struct FocalPoint(double X, double Y)
{
    public static readonly FocalPoint Centre = new(0.5, 0.5);

    /// <summary>Rounded to a thousandth: finer than a pixel of any picture we keep, and a short, stable URL.</summary>
    public static FocalPoint Create(double x, double y) => new(Math.Round(Math.Clamp(x, 0, 1), 3), Math.Round(Math.Clamp(y, 0, 1), 3));

    public static bool TryParse(string? text, out FocalPoint point)
    {
        point = Centre;
        var parts = text?.Split(',');
        if (parts is not { Length: 2 }
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var y)
            || x is < 0 or > 1 || y is < 0 or > 1)
        {
            return false;
        }

        point = Create(x, y);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{X:0.###},{Y:0.###}");
}

/// <summary>
/// What an image URL's query asks for (<c>?width=&amp;height=&amp;mode=&amp;rxy=&amp;crop=&amp;format=&amp;quality=&amp;v=</c>),
/// read strictly: a value out of range makes the whole query invalid rather than silently changed, and
/// <see cref="ToQueryString"/> writes it back in one canonical order, which is what the signature covers.
/// </summary>
public sealed partial record ImageVariantQuery(
    int? Width = null,
    int? Height = null,
    ImageResizeMode? Mode = null,
    FocalPoint? FocalPoint = null,
    string? Crop = null,
    string? Format = null,
    int? Quality = null,
    int? Version = null)
{
    /// <summary>The largest side a variant may have: enough for any screen, small enough that nobody can make the server draw gigapixels.</summary>
    public const int MaxDimension = 4000;

    public const string SignatureKey = "hmac";

    private static readonly HashSet<string> Keys = ["width", "height", "mode", "rxy", "crop", "format", "quality", "v"];

    /// <summary>True when the query changes nothing about the picture (the original is served).</summary>
    public bool IsEmpty => Width is null && Height is null && Mode is null && FocalPoint is null && Crop is null && Format is null && Quality is null;

    /// <summary>The query, or null when a parameter is repeated, unknown in value or out of range.</summary>
    public static ImageVariantQuery? Parse(IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        var result = new ImageVariantQuery();
        foreach (var (name, values) in query)
        {
            var key = name.ToLowerInvariant();
            if (!Keys.Contains(key))
            {
                // Anything else (a campaign's tracking tag, the signature) is not part of the picture.
                continue;
            }

            if (values.Count != 1)
            {
                return null;
            }

            var value = values[0] ?? "";
            result = key switch
            {
                "width" => Dimension(value) is { } width ? result with { Width = width } : null,
                "height" => Dimension(value) is { } height ? result with { Height = height } : null,
                "mode" => ParseMode(value) is { } mode ? result with { Mode = mode } : null,
                "rxy" => Media.FocalPoint.TryParse(value, out var point) ? result with { FocalPoint = point } : null,
                "crop" => CropAlias().IsMatch(value) ? result with { Crop = value } : null,
                "format" => NormaliseFormat(value) is { } format ? result with { Format = format } : null,
                "quality" => Number(value) is { } quality and >= 1 and <= 100 ? result with { Quality = quality } : null,
                _ => Number(value) is { } version ? result with { Version = version } : null,
            };
            if (result is null)
            {
                return null;
            }
        }

        return result;
    }

    /// <summary>The parameters in their canonical order and spelling, without the signature.</summary>
    public string ToQueryString()
    {
        var query = new StringBuilder();
        void Add(string name, object? value)
        {
            if (value is not null)
            {
                query.Append(query.Length == 0 ? "" : "&").Append(name).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture)!.ToLowerInvariant());
            }
        }

        Add("width", Width);
        Add("height", Height);
        Add("mode", Mode);
        Add("rxy", FocalPoint);
        Add("crop", Crop);
        Add("format", Format);
        Add("quality", Quality);
        Add("v", Version);
        return query.ToString();
    }

    /// <summary>
    /// What to draw, or null when it depends on the media item and <paramref name="item"/> is not given: the
    /// original's format (no format asked, WebP not accepted) or its focal point (a crop without "rxy").
    /// A named crop gives the size and the crop mode; a width or height beside it scales the crop down.
    /// </summary>
    public ImageRenderSpec? Resolve(ImageCrop? crop, MediaItem? item, bool acceptsWebp)
    {
        var (width, height, mode) = (Width, Height, Mode ?? ImageResizeMode.Max);
        if (crop is not null)
        {
            var scale = Math.Min(1, Math.Min((double)(Width ?? crop.Width) / crop.Width, (double)(Height ?? crop.Height) / crop.Height));
            (width, height, mode) = (Math.Max(1, (int)Math.Round(crop.Width * scale)), Math.Max(1, (int)Math.Round(crop.Height * scale)), ImageResizeMode.Crop);
        }

        if (width is null || height is null)
        {
            // With one side only there is nothing to cut or pad: the picture is scaled to it.
            mode = ImageResizeMode.Max;
        }

        var focalPoint = mode == ImageResizeMode.Crop ? FocalPoint ?? item?.FocalPoint : Media.FocalPoint.Centre;
        var format = Format ?? (acceptsWebp ? "webp" : item?.Format is "gif" ? "png" : item?.Format);
        if (focalPoint is null || format is null)
        {
            return null;
        }

        var quality = format == "png" ? 100 : Quality ?? (format == "webp" ? 80 : 85);
        return new ImageRenderSpec(width, height, mode, focalPoint.Value, format, quality);
    }

    private static int? Number(string value) =>
        value.Length is > 0 and <= 6 && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static int? Dimension(string value) => Number(value) is { } number and >= 1 and <= MaxDimension ? number : null;

    private static ImageResizeMode? ParseMode(string value) => value.ToLowerInvariant() switch
    {
        "max" => ImageResizeMode.Max,
        "crop" => ImageResizeMode.Crop,
        "pad" => ImageResizeMode.Pad,
        _ => null,
    };

    private static string? NormaliseFormat(string value) => value.ToLowerInvariant() switch
    {
        "webp" => "webp",
        "jpeg" or "jpg" => "jpeg",
        "png" => "png",
        _ => null,
    };

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,49}$")]
    private static partial Regex CropAlias();
}

/// <summary>A variant fully decided: the size, how to fit, where to cut, the format and its quality.</summary>
public sealed record ImageRenderSpec(int? Width, int? Height, ImageResizeMode Mode, FocalPoint FocalPoint, string Format, int Quality)
{
    /// <summary>The cached file's name, which says everything that makes the variant what it is.</summary>
    public string FileName => string.Create(CultureInfo.InvariantCulture,
        $"{Width?.ToString(CultureInfo.InvariantCulture) ?? "auto"}x{Height?.ToString(CultureInfo.InvariantCulture) ?? "auto"}-{Mode.ToString().ToLowerInvariant()}-{FocalPoint}-q{Quality}.{Extension}");

    public string Extension => Format == "jpeg" ? "jpg" : Format;

    public string ContentType => $"image/{Format}";
}
