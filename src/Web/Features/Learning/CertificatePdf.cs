using ChildProtection.Web.Features.Documents;
using SkiaSharp;
using static ChildProtection.Web.Features.Documents.PdfDrawing;

namespace ChildProtection.Web.Features.Learning;

/// <summary>Every word a certificate prints, already in the reader's language.</summary>
public sealed record CertificatePdfContent(
    string Issuer,
    string Heading,
    string Subheading,
    string LearnerName,
    string UnitLine,
    string CompletedLine,
    string CourseTitle,
    string DateLine,
    string CodeLine,
    string VerifyLine,
    string VerifyUrl);

/// <summary>A course certificate as one landscape A4 page, in the same Noto Sans as the leaflets, with a QR code to its check page.</summary>
public sealed class CertificatePdfRenderer(PdfFonts fonts)
{
    private const float Width = A4Long;
    private const float Height = A4Short;
    private const float Margin = 48;
    private const float QrSize = 96;

    public void Render(CertificatePdfContent content, Stream output, DateTime issuedUtc)
    {
        using var document = SKDocument.CreatePdf(output, new SKDocumentPdfMetadata
        {
            Title = $"{content.Heading} – {content.LearnerName}",
            Author = content.Issuer,
            Creator = content.Issuer,
            Creation = issuedUtc,
            Modified = issuedUtc,
        });
        var canvas = document.BeginPage(Width, Height);
        using (var frame = new SKPaint { Color = Brand, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 3 })
        {
            canvas.DrawRect(SKRect.Create(Margin / 2, Margin / 2, Width - Margin, Height - Margin), frame);
        }

        using var small = Font(fonts.Regular, 11);
        using var heading = Font(fonts.Bold, 32);
        using var subheading = Font(fonts.Regular, 15);
        using var name = Font(fonts.Bold, 28);
        using var body = Font(fonts.Regular, 14);
        using var course = Font(fonts.Bold, 18);

        var y = Margin + 8;
        y = Centred(canvas, content.Issuer, small, Muted, y) + 28;
        y = Centred(canvas, content.Heading, heading, Brand, y) + 8;
        y = Centred(canvas, content.Subheading, subheading, Ink, y) + 28;
        y = Centred(canvas, content.LearnerName, name, Ink, y) + 8;
        y = Centred(canvas, content.UnitLine, body, Muted, y) + 22;
        y = Centred(canvas, content.CompletedLine, body, Ink, y) + 6;
        foreach (var line in Wrap(content.CourseTitle, course, Width - 4 * Margin))
        {
            y = Centred(canvas, line, course, Brand, y) + 4;
        }

        Centred(canvas, content.DateLine, body, Ink, y + 20);

        var bottom = Height - Margin - QrSize;
        DrawQr(canvas, QrModules(content.VerifyUrl), Width - Margin - QrSize, bottom, QrSize);
        DrawText(canvas, content.CodeLine, Margin + 8, bottom + 30, body, Ink);
        var urlTop = bottom + 52;
        foreach (var line in Wrap($"{content.VerifyLine} {content.VerifyUrl}", small, Width - 3 * Margin - QrSize))
        {
            DrawText(canvas, line, Margin + 8, urlTop, small, Muted);
            urlTop += 14;
        }

        document.EndPage();
        document.Close();
    }

    /// <summary>Draws one centred line with its top at <paramref name="top"/>; returns where the next line starts.</summary>
    private static float Centred(SKCanvas canvas, string text, SKFont font, SKColor colour, float top)
    {
        DrawText(canvas, text, (Width - font.MeasureText(text)) / 2, top, font, colour);
        return top + font.Spacing;
    }
}
