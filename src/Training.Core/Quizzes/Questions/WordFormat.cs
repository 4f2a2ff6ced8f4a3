using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using DrawingML = DocumentFormat.OpenXml.Drawing;
using OfficeMath = DocumentFormat.OpenXml.Math;
using Vml = DocumentFormat.OpenXml.Vml;

namespace ChildProtection.Training.Quizzes.Questions;

/// <summary>
/// Question files in Word, as Vietnamese teachers write them and as Azota and McMIX read them: a question starts with
/// "Câu 1." (or "Bài 1.", "1."), its choices "A.", "B."… follow on their own lines (or several on one line, apart), the
/// right one is marked by underlining, red or bold (on its letter or its whole text), or by an answer table at the end
/// ("ĐÁP ÁN": "1-A", "1.A", "1a", or a table of numbers over letters); "Lời giải" starts the explanation; "Phần I" or
/// "I." starts a part, which becomes the questions' category. Pictures and tables stay in the wording (HTML); pictures
/// come out as <see cref="QuestionImport.Files"/>, as Moodle XML's do. A question without choices but with a line
/// "Đáp án: …" is a short answer (numerical when it is a number); one with neither is an essay, marked by people.
/// </summary>
public static partial class WordFormat
{
    /// <param name="isPicture">Whether an embedded file may be shown as a picture; every file is taken when null.</param>
    public static QuestionImport Parse(Stream docx, string defaultCategory = "", Func<byte[], bool>? isPicture = null)
    {
        WordprocessingDocument document;
        try
        {
            document = WordprocessingDocument.Open(docx, isEditable: false);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException or NotSupportedException)
        {
            return new QuestionImport([], [new ImportProblem(0, 0, null, ImportProblemKind.BadWordFile)]);
        }

        using (document)
        {
            // A package of another kind (a workbook renamed .docx) opens, but has no document in it.
            if (document.MainDocumentPart is not { Document.Body: { } body } main)
            {
                return new QuestionImport([], [new ImportProblem(0, 0, null, ImportProblemKind.BadWordFile)]);
            }

            var reader = new Reader(main);
            return Read(body.ChildElements.Select(reader.Block).OfType<Block>().ToList(), reader.Pictures, defaultCategory, isPicture);
        }
    }

    [Flags]
    private enum Marks
    {
        None = 0,
        Bold = 1,
        Italic = 2,
        Underline = 4,
        Red = 8,
        Superscript = 16,
        Subscript = 32,
    }

    /// <summary>A paragraph or a table, in document order, with its number from 1 (for the report).</summary>
    private abstract record Block(int Number);

    /// <summary>A paragraph as characters with their formatting; a picture is <see cref="PictureMark"/> with its name in order.</summary>
    private sealed record Line(int Number, string Text, IReadOnlyList<Marks> Marks, IReadOnlyList<string> Pictures) : Block(Number)
    {
        /// <summary>The characters from <paramref name="start"/> to <paramref name="end"/> as HTML, with the formatting in <paramref name="kept"/>.</summary>
        public string Html(int start, int end, Marks kept)
        {
            var html = new StringBuilder();
            var picture = Text[..start].Count(c => c == PictureMark);
            var open = WordFormat.Marks.None;
            for (var i = start; i < end; i++)
            {
                var marks = Marks[i] & kept;
                if (marks != open)
                {
                    html.Append(Tags(open, closing: true)).Append(Tags(marks, closing: false));
                    open = marks;
                }

                html.Append(Text[i] switch
                {
                    PictureMark => $"<img src=\"@@PLUGINFILE@@/{Uri.EscapeDataString(Pictures[picture++])}\" alt=\"\">",
                    '\n' => "<br>",
                    '\t' => " ",
                    '&' => "&amp;",
                    '<' => "&lt;",
                    '>' => "&gt;",
                    '"' => "&quot;",
                    var c => c.ToString(),
                });
            }

            return html.Append(Tags(open, closing: true)).ToString().Trim();
        }

        public IEnumerable<string> PicturesBetween(int start, int end)
        {
            var first = Text[..start].Count(c => c == PictureMark);
            return Pictures.Skip(first).Take(Text[start..end].Count(c => c == PictureMark));
        }
    }

    private sealed record TableBlock(int Number, IReadOnlyList<IReadOnlyList<Line>> Rows) : Block(Number)
    {
        public string Html() => "<table><tbody>" + string.Concat(Rows.Select(row =>
            "<tr>" + string.Concat(row.Select(cell => $"<td>{cell.Html(0, cell.Text.Length, FormattingKept)}</td>")) + "</tr>")) + "</tbody></table>";

        public IEnumerable<string> Pictures => Rows.SelectMany(r => r).SelectMany(c => c.Pictures);

        public string Text => string.Join('\n', Rows.Select(r => string.Join('\t', r.Select(c => c.Text))));
    }

    private const char PictureMark = '\uFFFC';

    /// <summary>What the wording keeps of Word's formatting; underlining and colour mark answers, so only the text's own stays.</summary>
    private const Marks FormattingKept = Marks.Bold | Marks.Italic | Marks.Underline | Marks.Superscript | Marks.Subscript;

    private static string Tags(Marks marks, bool closing)
    {
        (Marks Mark, string Tag)[] tags = [(Marks.Bold, "strong"), (Marks.Italic, "em"), (Marks.Underline, "u"), (Marks.Superscript, "sup"), (Marks.Subscript, "sub")];
        var used = tags.Where(t => marks.HasFlag(t.Mark));
        return string.Concat((closing ? used.Reverse() : used).Select(t => closing ? $"</{t.Tag}>" : $"<{t.Tag}>"));
    }

    /// <summary>Reads the document's paragraphs, tables and pictures; pictures are named "hinh-1.png", "hinh-2.jpeg"… in order.</summary>
    private sealed class Reader(MainDocumentPart main)
    {
        private int _blocks;

        public Dictionary<string, byte[]> Pictures { get; } = new(StringComparer.Ordinal);

        public Block? Block(OpenXmlElement element) => element switch
        {
            Paragraph paragraph => Paragraph(paragraph, ++_blocks),
            Table table => new TableBlock(++_blocks, table.Elements<TableRow>()
                .Select(row => (IReadOnlyList<Line>)row.Elements<TableCell>().Select(cell => Cell(cell, _blocks)).ToList()).ToList()),
            _ => null,
        };

        private Line Cell(TableCell cell, int number)
        {
            var lines = cell.Elements<Paragraph>().Select(p => Paragraph(p, number)).ToList();
            return new Line(number, string.Join('\n', lines.Select(l => l.Text)), [.. lines.SelectMany((l, i) => i == 0 ? l.Marks : l.Marks.Prepend(Marks.None))], [.. lines.SelectMany(l => l.Pictures)]);
        }

        private Line Paragraph(Paragraph paragraph, int number)
        {
            var text = new StringBuilder();
            var marks = new List<Marks>();
            var pictures = new List<string>();
            void Add(string piece, Marks mark)
            {
                text.Append(piece);
                marks.AddRange(Enumerable.Repeat(mark, piece.Length));
            }

            foreach (var element in paragraph.Descendants())
            {
                switch (element)
                {
                    case Run run when run.Ancestors<OfficeMath.OfficeMath>().Any() is false:
                        var mark = MarksOf(run.RunProperties);
                        foreach (var piece in run.ChildElements)
                        {
                            switch (piece)
                            {
                                case Text t:
                                    Add(t.Text, mark);
                                    break;
                                case TabChar:
                                    Add("\t", mark);
                                    break;
                                case Break or CarriageReturn:
                                    Add("\n", mark);
                                    break;
                                case Drawing or Picture when PictureOf(piece) is { } name:
                                    pictures.Add(name);
                                    Add(PictureMark.ToString(), mark);
                                    break;
                            }
                        }

                        break;
                    case OfficeMath.OfficeMath math when math.Ancestors<OfficeMath.OfficeMath>().Any() is false:
                        Add(string.Concat(math.Descendants<OfficeMath.Text>().Select(t => t.Text)), Marks.Italic);
                        break;
                }
            }

            return new Line(number, text.ToString(), marks, pictures);
        }

        /// <summary>The picture of a drawing (or of an older VML picture), stored under its name; null when it holds none.</summary>
        private string? PictureOf(OpenXmlElement element)
        {
            var id = element.Descendants<DrawingML.Blip>().FirstOrDefault()?.Embed?.Value
                ?? element.Descendants<Vml.ImageData>().FirstOrDefault()?.RelationshipId?.Value;
            if (id is null || main.GetPartById(id) is not ImagePart part)
            {
                return null;
            }

            using var stream = part.GetStream();
            using var content = new MemoryStream();
            stream.CopyTo(content);
            var extension = part.ContentType.Split('/').Last().Split('+')[0];
            var name = string.Create(CultureInfo.InvariantCulture, $"hinh-{Pictures.Count + 1}.{extension}");
            Pictures[name] = content.ToArray();
            return name;
        }

        private static Marks MarksOf(RunProperties? properties)
        {
            if (properties is null)
            {
                return Marks.None;
            }

            var marks = Marks.None;
            marks |= On(properties.Bold) ? Marks.Bold : Marks.None;
            marks |= On(properties.Italic) ? Marks.Italic : Marks.None;
            marks |= properties.Underline?.Val?.Value is { } underline && underline != UnderlineValues.None ? Marks.Underline : Marks.None;
            marks |= IsRed(properties.Color?.Val?.Value) || properties.Highlight?.Val?.Value == HighlightColorValues.Red ? Marks.Red : Marks.None;
            marks |= properties.VerticalTextAlignment?.Val?.Value == VerticalPositionValues.Superscript ? Marks.Superscript : Marks.None;
            marks |= properties.VerticalTextAlignment?.Val?.Value == VerticalPositionValues.Subscript ? Marks.Subscript : Marks.None;
            return marks;
        }

        private static bool On(OnOffType? toggle) => toggle is not null && (toggle.Val is null || toggle.Val.Value);

        /// <summary>"FF0000", "C00000", "E74C3C": a strong red, as teachers colour an answer.</summary>
        private static bool IsRed(string? hex) =>
            hex is { Length: 6 } && int.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var rgb)
            && (rgb >> 16) >= 0xB0 && ((rgb >> 8) & 0xFF) <= 0x70 && (rgb & 0xFF) <= 0x70;
    }
}
