using ChildProtection.Cms.Text;
using ChildProtection.Web.Features.Documents;
using SkiaSharp;
using static ChildProtection.Web.Features.Documents.PdfDrawing;

namespace ChildProtection.Web.Features.Leaflets;

/// <summary>What a leaflet's PDF shows: the published page's text and picture, and the site's words in its culture.</summary>
public sealed record LeafletPdfContent(
    string Title,
    string? Summary,
    IReadOnlyList<TextBlock> Body,
    byte[]? Image,
    string PageUrl,
    string Hotline,
    string QrCaption,
    string Footer,
    string PageNumberFormat,
    string Author);

/// <summary>
/// Draws a leaflet as an A4 PDF with SkiaSharp's PDF backend, in the Noto Sans of PdfFonts (the native
/// library has no system fonts, and Vietnamese needs a font that has every stacked diacritic; see PdfFonts). Text is laid out
/// first, so each page's footer can say "page 2 of 3", then drawn.
/// </summary>
public sealed class LeafletPdfRenderer(PdfFonts fonts)
{
    private const float PageWidth = A4Short;
    private const float PageHeight = A4Long;
    private const float Margin = 56;
    private const float FooterHeight = 28;
    private const float ContentWidth = PageWidth - 2 * Margin;
    private const float Bottom = PageHeight - Margin - FooterHeight;
    private const float ListIndent = 16;
    private const float QrSize = 104;

    private static readonly SKColor Tint = new(0xf2, 0xf6, 0xfb);

    private readonly SKTypeface _regular = fonts.Regular;
    private readonly SKTypeface _bold = fonts.Bold;

    public void Render(LeafletPdfContent content, Stream output, DateTime createdUtc)
    {
        var layout = new PdfLayout(Margin, Bottom);
        using var titleFont = Font(_bold, 22);
        using var summaryFont = Font(_regular, 12.5f);
        using var headingFont = Font(_bold, 14.5f);
        using var subheadingFont = Font(_bold, 12.5f);
        using var bodyFont = Font(_regular, 11);
        using var hotlineFont = Font(_bold, 14);
        using var smallFont = Font(_regular, 9);

        layout.Text(Wrap(content.Title, titleFont, ContentWidth), titleFont, Brand, Margin, 29);
        layout.Space(6);
        if (content.Summary is { Length: > 0 } summary)
        {
            layout.Text(Wrap(summary, summaryFont, ContentWidth), summaryFont, Muted, Margin, 18);
            layout.Space(10);
        }

        if (content.Image is { } encoded && SKImage.FromEncodedData(encoded) is { } image)
        {
            var scale = Math.Min(ContentWidth / image.Width, 250f / image.Height);
            var (width, height) = (image.Width * scale, image.Height * scale);
            layout.EnsureSpace(height);
            var top = layout.Y;
            layout.Draw(canvas => canvas.DrawImage(image, SKRect.Create(Margin, top, width, height), new SKSamplingOptions(SKCubicResampler.Mitchell)));
            layout.Dispose(image);
            layout.Space(height + 14);
        }

        foreach (var block in content.Body)
        {
            switch (block.Kind)
            {
                case TextBlockKind.Heading:
                    var font = block.Level <= 2 ? headingFont : subheadingFont;
                    layout.Space(8);
                    layout.EnsureSpace(font.Size * 3.2f);
                    layout.Text(Wrap(block.Text, font, ContentWidth), font, Brand, Margin, font.Size * 1.35f);
                    layout.Space(4);
                    break;
                case TextBlockKind.ListItem:
                    var indent = Margin + ListIndent * block.Depth;
                    var lines = Wrap(block.Text, bodyFont, ContentWidth - (indent - Margin));
                    layout.EnsureSpace(16);
                    var markerTop = layout.Y;
                    layout.Draw(canvas => DrawText(canvas, block.Marker ?? "•", indent - ListIndent + 2, markerTop, bodyFont, Ink));
                    layout.Text(lines, bodyFont, Ink, indent, 16);
                    layout.Space(3);
                    break;
                case TextBlockKind.Quote:
                    layout.Text(Wrap(block.Text, bodyFont, ContentWidth - ListIndent), bodyFont, Muted, Margin + ListIndent, 16);
                    layout.Space(6);
                    break;
                default:
                    layout.Text(Wrap(block.Text, bodyFont, ContentWidth - ListIndent * block.Depth), bodyFont, Ink, Margin + ListIndent * block.Depth, 16);
                    layout.Space(7);
                    break;
            }
        }

        AddHotlineBox(layout, content, hotlineFont, smallFont);

        layout.WritePdf(output, new SKDocumentPdfMetadata
        {
            Title = content.Title,
            Author = content.Author,
            Creator = content.Author,
            Creation = createdUtc,
            Modified = createdUtc,
            RasterDpi = 300,
        }, PageWidth, PageHeight, (canvas, number, pages) => DrawFooter(canvas, content, string.Format(content.PageNumberFormat, number, pages), smallFont));
    }

    /// <summary>The hotline in large type and a QR code to the leaflet's page, kept together at the end.</summary>
    private static void AddHotlineBox(PdfLayout layout, LeafletPdfContent content, SKFont hotlineFont, SKFont smallFont)
    {
        const float padding = 12;
        var textWidth = ContentWidth - QrSize - 3 * padding;
        var hotline = Wrap(content.Hotline, hotlineFont, textWidth);
        var caption = Wrap(content.QrCaption, smallFont, textWidth);
        var url = Wrap(content.PageUrl, smallFont, textWidth);
        var textHeight = hotline.Count * 19 + 8 + (caption.Count + url.Count) * 12;
        var height = Math.Max(QrSize, textHeight) + 2 * padding;

        layout.Space(12);
        layout.EnsureSpace(height);
        var top = layout.Y;
        var modules = QrModules(content.PageUrl);
        layout.Draw(canvas =>
        {
            using var fill = new SKPaint { Color = Tint, IsAntialias = true };
            using var edge = new SKPaint { Color = Alert, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1.5f };
            var box = new SKRoundRect(SKRect.Create(Margin, top, ContentWidth, height), 8);
            canvas.DrawRoundRect(box, fill);
            canvas.DrawRoundRect(box, edge);

            var y = top + padding;
            foreach (var line in hotline)
            {
                DrawText(canvas, line, Margin + padding, y, hotlineFont, Alert);
                y += 19;
            }

            y += 8;
            foreach (var line in caption.Concat(url))
            {
                DrawText(canvas, line, Margin + padding, y, smallFont, Ink);
                y += 12;
            }

            DrawQr(canvas, modules, Margin + ContentWidth - padding - QrSize, top + padding, QrSize);
        });
        layout.Space(height);
    }

    private static void DrawFooter(SKCanvas canvas, LeafletPdfContent content, string pageNumber, SKFont font)
    {
        using var line = new SKPaint { Color = Muted, StrokeWidth = 0.5f };
        var top = PageHeight - Margin - FooterHeight + 10;
        canvas.DrawLine(Margin, top, PageWidth - Margin, top, line);
        var numberWidth = font.MeasureText(pageNumber);
        var footer = Wrap(content.Footer, font, ContentWidth - numberWidth - 12).FirstOrDefault() ?? "";
        DrawText(canvas, footer, Margin, top + 5, font, Muted);
        DrawText(canvas, pageNumber, PageWidth - Margin - numberWidth, top + 5, font, Muted);
    }
}
