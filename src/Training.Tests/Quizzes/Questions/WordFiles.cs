using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace ChildProtection.Training.Tests.Quizzes.Questions;

/// <summary>Word files made as a teacher's editor saves them: paragraphs of formatted runs, tables and inline pictures.</summary>
internal static class WordFiles
{
    /// <summary>A 1×1 PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    public static byte[] Create(Func<MainDocumentPart, IEnumerable<OpenXmlElement>> content)
    {
        using var output = new MemoryStream();
        using (var document = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body());
            main.Document.Body!.Append(content(main));
        }

        return output.ToArray();
    }

    public static Paragraph P(params Run[] runs) => new(runs);

    public static Run R(string text, params OpenXmlElement[] marks) =>
        new(new RunProperties(marks), new Text(text) { Space = SpaceProcessingModeValues.Preserve });

    public static Underline Underlined => new() { Val = UnderlineValues.Single };

    public static Color Red => new() { Val = "FF0000" };

    public static Bold Bold => new();

    public static Run Tab => new(new TabChar());

    public static Table Table(params string[][] rows) =>
        new(rows.Select(row => new TableRow(row.Select(cell => new TableCell(new Paragraph(R(cell)))))));

    public static Run Picture(MainDocumentPart main, byte[] png)
    {
        var part = main.AddImagePart(ImagePartType.Png);
        using (var content = new MemoryStream(png))
        {
            part.FeedData(content);
        }

        var id = main.GetIdOfPart(part);
        return new Run(new Drawing(new DW.Inline(
            new DW.Extent { Cx = 952500L, Cy = 952500L },
            new DW.DocProperties { Id = 1U, Name = "Hình" },
            new A.Graphic(new A.GraphicData(new PIC.Picture(
                new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = 0U, Name = "hinh.png" }, new PIC.NonVisualPictureDrawingProperties()),
                new PIC.BlipFill(new A.Blip { Embed = id }, new A.Stretch(new A.FillRectangle())),
                new PIC.ShapeProperties())) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))));
    }
}
