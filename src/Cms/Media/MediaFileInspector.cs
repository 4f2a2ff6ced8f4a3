using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace ChildProtection.Cms.Media;

public enum MediaFileProblem
{
    Empty,
    TooLarge,
    UnsupportedType,
    Corrupt,
    TooManyPixels,
}

/// <summary>What a file's bytes proved it to be, and those bytes with the metadata that could identify a child removed.</summary>
public sealed record InspectedFile(string Format, string Extension, string ContentType, int? Width, int? Height, byte[] Content);

/// <summary>
/// Decides what an upload is from its content, never its name: the signature of a JPEG, PNG, GIF, WebP or PDF (or a
/// well-formed SVG, kept only once <see cref="SvgSanitiser"/> has cleaned it), and
/// for an image a full decode with SkiaSharp, so a truncated or disguised file is refused. Images then lose EXIF
/// (with GPS), XMP, IPTC and comments; a JPEG turned by its EXIF orientation is redrawn upright first, since the
/// orientation goes with the EXIF.
/// </summary>
public static class MediaFileInspector
{
    public static (InspectedFile? File, MediaFileProblem? Problem) Inspect(byte[] content, MediaOptions options)
    {
        if (content.Length == 0)
        {
            return (null, MediaFileProblem.Empty);
        }

        if (content.Length > options.MaxFileBytes)
        {
            return (null, MediaFileProblem.TooLarge);
        }

        var format = Sniff(content);
        if (format is null && SvgSanitiser.LooksLikeSvg(content))
        {
            return SvgSanitiser.Sanitise(content) is var (svg, svgWidth, svgHeight)
                ? (new InspectedFile("svg", "svg", "image/svg+xml", svgWidth, svgHeight, svg), null)
                : (null, MediaFileProblem.Corrupt);
        }

        if (format is null)
        {
            return (null, MediaFileProblem.UnsupportedType);
        }

        if (format == "pdf")
        {
            // A PDF ends with %%EOF (maybe followed by a line break); a cut-off upload does not.
            var tail = Encoding.ASCII.GetString(content, Math.Max(0, content.Length - 1024), Math.Min(1024, content.Length));
            return tail.Contains("%%EOF", StringComparison.Ordinal)
                ? (new InspectedFile("pdf", "pdf", "application/pdf", null, null, content), null)
                : (null, MediaFileProblem.Corrupt);
        }

        using var codec = SKCodec.Create(new SKMemoryStream(content));
        if (codec is null)
        {
            return (null, MediaFileProblem.Corrupt);
        }

        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0)
        {
            return (null, MediaFileProblem.Corrupt);
        }

        if (info.Width > options.MaxImageDimension || info.Height > options.MaxImageDimension)
        {
            return (null, MediaFileProblem.TooManyPixels);
        }

        using var bitmap = new SKBitmap(new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        if (codec.GetPixels(bitmap.Info, bitmap.GetPixels()) != SKCodecResult.Success)
        {
            return (null, MediaFileProblem.Corrupt);
        }

        var (width, height) = (info.Width, info.Height);
        byte[] cleaned;
        if (format == "jpeg" && codec.EncodedOrigin != SKEncodedOrigin.TopLeft)
        {
            using var upright = Orient(bitmap, codec.EncodedOrigin);
            (width, height) = (upright.Width, upright.Height);
            cleaned = upright.Encode(SKEncodedImageFormat.Jpeg, 92).ToArray();
        }
        else
        {
            cleaned = format switch
            {
                "jpeg" => StripJpeg(content),
                "png" => StripPng(content),
                "webp" => StripWebP(content),
                _ => content,
            };
        }

        var (extension, contentType) = format switch
        {
            "jpeg" => ("jpg", "image/jpeg"),
            "png" => ("png", "image/png"),
            "webp" => ("webp", "image/webp"),
            _ => ("gif", "image/gif"),
        };
        return (new InspectedFile(format, extension, contentType, width, height, cleaned), null);
    }

    private static string? Sniff(byte[] b)
    {
        bool StartsWith(int offset, string ascii) =>
            b.Length >= offset + ascii.Length && Encoding.ASCII.GetString(b, offset, ascii.Length) == ascii;

        if (b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
        {
            return "jpeg";
        }

        if (b.Length >= 8 && b[0] == 0x89 && StartsWith(1, "PNG\r\n\u001a\n"))
        {
            return "png";
        }

        if (StartsWith(0, "GIF87a") || StartsWith(0, "GIF89a"))
        {
            return "gif";
        }

        if (StartsWith(0, "RIFF") && StartsWith(8, "WEBP"))
        {
            return "webp";
        }

        return StartsWith(0, "%PDF-") ? "pdf" : null;
    }

    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var result = new SKBitmap(swap ? source.Height : source.Width, swap ? source.Width : source.Height);
        using var canvas = new SKCanvas(result);
        var (w, h) = (result.Width, result.Height);

        // Each case maps the stored pixels onto the upright picture (EXIF orientations 2 to 8).
        switch (origin)
        {
            case SKEncodedOrigin.TopRight: canvas.Translate(w, 0); canvas.Scale(-1, 1); break;
            case SKEncodedOrigin.BottomRight: canvas.Translate(w, h); canvas.RotateDegrees(180); break;
            case SKEncodedOrigin.BottomLeft: canvas.Translate(0, h); canvas.Scale(1, -1); break;
            case SKEncodedOrigin.LeftTop: canvas.Translate(w, 0); canvas.Scale(-1, 1); canvas.Translate(w, 0); canvas.RotateDegrees(90); break;
            case SKEncodedOrigin.RightTop: canvas.Translate(w, 0); canvas.RotateDegrees(90); break;
            case SKEncodedOrigin.RightBottom: canvas.Translate(w, 0); canvas.Scale(-1, 1); canvas.Translate(0, h); canvas.RotateDegrees(270); break;
            case SKEncodedOrigin.LeftBottom: canvas.Translate(0, h); canvas.RotateDegrees(270); break;
        }

        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        return result;
    }

    /// <summary>Keeps JFIF (APP0), the colour profile (APP2) and Adobe's colour marker (APP14); drops every other APPn and comments.</summary>
    private static byte[] StripJpeg(byte[] b)
    {
        using var output = new MemoryStream(b.Length);
        output.Write(b, 0, 2);
        var i = 2;
        while (i + 4 <= b.Length && b[i] == 0xFF)
        {
            var marker = b[i + 1];
            if (marker == 0xDA)
            {
                break;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(i + 2));
            var keep = marker is not (>= 0xE1 and <= 0xEF and not 0xE2 and not 0xEE) and not 0xFE;
            if (keep)
            {
                output.Write(b, i, length + 2);
            }

            i += length + 2;
        }

        output.Write(b, i, b.Length - i);
        return output.ToArray();
    }

    private static readonly HashSet<string> PngMetadataChunks = ["eXIf", "tEXt", "zTXt", "iTXt", "tIME"];

    private static byte[] StripPng(byte[] b)
    {
        using var output = new MemoryStream(b.Length);
        output.Write(b, 0, 8);
        var i = 8;
        while (i + 12 <= b.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(i));
            var type = Encoding.ASCII.GetString(b, i + 4, 4);
            if (!PngMetadataChunks.Contains(type))
            {
                output.Write(b, i, length + 12);
            }

            i += length + 12;
        }

        return output.ToArray();
    }

    private static byte[] StripWebP(byte[] b)
    {
        using var output = new MemoryStream(b.Length);
        output.Write(b, 0, 12);
        var i = 12;
        while (i + 8 <= b.Length)
        {
            var type = Encoding.ASCII.GetString(b, i, 4);
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(i + 4));
            var padded = size + (size & 1);
            if (type is not ("EXIF" or "XMP "))
            {
                var start = output.Position;
                output.Write(b, i, Math.Min(8 + padded, b.Length - i));
                if (type == "VP8X")
                {
                    // The extended header's flags announce EXIF (0x08) and XMP (0x04): they are gone now.
                    var buffer = output.GetBuffer();
                    buffer[start + 8] &= unchecked((byte)~0x0C);
                }
            }

            i += 8 + padded;
        }

        var result = output.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(4), (uint)(result.Length - 8));
        return result;
    }
}
