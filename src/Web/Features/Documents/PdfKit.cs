using System.Text;
using QRCoder;
using SkiaSharp;

namespace ChildProtection.Web.Features.Documents;

/// <summary>
/// Noto Sans, shipped in Fonts/ with its OFL licence: SkiaSharp's native library here has no system fonts, and
/// Vietnamese needs every stacked diacritic. One instance for the process; leaflets and certificates share it.
/// </summary>
public sealed class PdfFonts : IDisposable
{
    public PdfFonts()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Features", "Documents", "Fonts");
        Regular = SKTypeface.FromFile(Path.Combine(folder, "NotoSans-Regular.ttf")) ?? throw new FileNotFoundException("Noto Sans is missing", folder);
        Bold = SKTypeface.FromFile(Path.Combine(folder, "NotoSans-Bold.ttf")) ?? throw new FileNotFoundException("Noto Sans Bold is missing", folder);
    }

    public SKTypeface Regular { get; }

    public SKTypeface Bold { get; }

    public void Dispose()
    {
        Regular.Dispose();
        Bold.Dispose();
    }
}

/// <summary>Drawing steps the site's PDFs share: text lines, word wrapping and QR codes.</summary>
public static class PdfDrawing
{
    /// <summary>A4 in PDF points, portrait.</summary>
    public const float A4Short = 595.28f;
    public const float A4Long = 841.89f;

    // Printed pages' colours: ink, the brand blue, grey for secondary text, and the hotline's red.
    public static readonly SKColor Ink = new(0x1a, 0x1a, 0x1a);
    public static readonly SKColor Brand = new(0x0b, 0x4f, 0x8a);
    public static readonly SKColor Muted = new(0x55, 0x55, 0x55);
    public static readonly SKColor Alert = new(0xb0, 0x1c, 0x1c);

    /// <summary>The QR code's dark modules, drawn as squares: sharp at any print size, and tiny in the file.</summary>
    public static IReadOnlyList<System.Collections.BitArray> QrModules(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return data.ModuleMatrix.ToList();
    }

    public static void DrawQr(SKCanvas canvas, IReadOnlyList<System.Collections.BitArray> modules, float left, float top, float qrSize)
    {
        var size = qrSize / modules.Count;
        using var white = new SKPaint { Color = SKColors.White };
        using var black = new SKPaint { Color = SKColors.Black };
        canvas.DrawRect(SKRect.Create(left, top, qrSize, qrSize), white);
        for (var row = 0; row < modules.Count; row++)
        {
            for (var column = 0; column < modules[row].Length; column++)
            {
                if (modules[row][column])
                {
                    // A hair wider than the module, so neighbouring squares meet without white seams in viewers.
                    canvas.DrawRect(SKRect.Create(left + column * size, top + row * size, size + 0.05f, size + 0.05f), black);
                }
            }
        }
    }

    public static SKFont Font(SKTypeface typeface, float size) => new(typeface, size) { Subpixel = true, Edging = SKFontEdging.Antialias };

    /// <summary>Draws a line with its top at <paramref name="top"/>.</summary>
    public static void DrawText(SKCanvas canvas, string text, float left, float top, SKFont font, SKColor colour)
    {
        using var paint = new SKPaint { Color = colour, IsAntialias = true };
        canvas.DrawText(text, left, top - font.Metrics.Ascent, SKTextAlign.Left, font, paint);
    }

    /// <summary>Words to lines no wider than <paramref name="width"/>; a word longer than a line (a URL) is cut.</summary>
    public static List<string> Wrap(string text, SKFont font, float width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : $"{line} {word}";
            if (font.MeasureText(candidate) <= width)
            {
                line.Clear().Append(candidate);
                continue;
            }

            if (line.Length > 0)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            var rest = word;
            while (font.MeasureText(rest) > width)
            {
                var fits = 1;
                while (fits < rest.Length && font.MeasureText(rest[..(fits + 1)]) <= width)
                {
                    fits++;
                }

                lines.Add(rest[..fits]);
                rest = rest[fits..];
            }

            line.Append(rest);
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }

        return lines;
    }
}

/// <summary>
/// Pages as lists of drawing steps, with a cursor that moves down and starts a new page when full: laid out first, so
/// that each page's footer can say "page 2 of 3", then written.
/// </summary>
public sealed class PdfLayout
{
    private readonly List<IDisposable> _resources = [];
    private readonly float _top;
    private readonly float _bottom;

    /// <param name="top">Where a page's content starts.</param>
    /// <param name="bottom">Where it must end.</param>
    public PdfLayout(float top, float bottom)
    {
        (_top, _bottom) = (top, bottom);
        NewPage();
    }

    public List<List<Action<SKCanvas>>> Pages { get; } = [];

    public float Y { get; private set; }

    public void Draw(Action<SKCanvas> step) => Pages[^1].Add(step);

    public void Dispose(IDisposable resource) => _resources.Add(resource);

    public void Space(float height) => Y = Math.Min(Y + height, _bottom);

    public void EnsureSpace(float height)
    {
        if (Y + height > _bottom && Y > _top)
        {
            NewPage();
        }
    }

    public void NewPage()
    {
        Pages.Add([]);
        Y = _top;
    }

    public void Text(IEnumerable<string> lines, SKFont font, SKColor colour, float left, float lineHeight)
    {
        foreach (var line in lines)
        {
            EnsureSpace(lineHeight);
            var top = Y;
            Draw(canvas => PdfDrawing.DrawText(canvas, line, left, top, font, colour));
            Y += lineHeight;
        }
    }

    /// <summary>Writes the pages as a PDF of <paramref name="width"/> × <paramref name="height"/> points, each ended by <paramref name="footer"/>(page, pages).</summary>
    public void WritePdf(Stream output, SKDocumentPdfMetadata metadata, float width, float height, Action<SKCanvas, int, int> footer)
    {
        using var document = SKDocument.CreatePdf(output, metadata);
        for (var number = 1; number <= Pages.Count; number++)
        {
            var canvas = document.BeginPage(width, height);
            foreach (var draw in Pages[number - 1])
            {
                draw(canvas);
            }

            footer(canvas, number, Pages.Count);
            document.EndPage();
        }

        document.Close();
        _resources.ForEach(r => r.Dispose());
    }
}

