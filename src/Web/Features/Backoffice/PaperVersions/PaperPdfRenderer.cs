using System.Globalization;
using ChildProtection.Training.Quizzes.Paper;
using ChildProtection.Training.Quizzes.Questions;
using ChildProtection.Web.Features.Documents;
using SkiaSharp;
using static ChildProtection.Web.Features.Documents.PdfDrawing;

namespace ChildProtection.Web.Features.Backoffice.PaperVersions;

/// <summary>The words of a paper version in the organiser's language; formats take the numbers shown.</summary>
/// <param name="Heading">The contest's name.</param>
/// <param name="Subheading">"Vòng 1", or the quiz's name.</param>
/// <param name="Version">"Mã đề {0}".</param>
/// <param name="Duration">"Thời gian làm bài: {0} phút".</param>
/// <param name="Candidate">The line a candidate fills in: name, class, school.</param>
/// <param name="QuestionNumber">"Câu {0}."</param>
/// <param name="Answer">The line for an answer written out.</param>
/// <param name="Page">"Mã đề {0} – Trang {1}/{2}".</param>
/// <param name="PictureMissing">Printed where a picture cannot be (from another site, or gone from the media library).</param>
public sealed record PaperTexts(
    string Heading,
    string Subheading,
    string Version,
    string Duration,
    string Candidate,
    string QuestionNumber,
    string True,
    string False,
    string Answer,
    string Page,
    string AnswerSheet,
    string AnswerSheetHelp,
    string Key,
    string KeyQuestion,
    string AnyOtherNumber,
    string EssayLines,
    string EssayKey,
    string PictureMissing);

/// <summary>
/// Paper versions (mã đề) as A4 PDFs in the Noto Sans of <see cref="PdfFonts"/>, like the leaflets: each version's
/// questions with its choices in its own order (a question's pictures from the media library below its text), one
/// answer sheet for every version, and the key table of all versions.
/// </summary>
public sealed class PaperPdfRenderer(PdfFonts fonts)
{
    private const float Margin = 48;
    private const float FooterHeight = 24;
    private const float ContentWidth = A4Short - 2 * Margin;
    private const float Bottom = A4Long - Margin - FooterHeight;
    private const float ChoiceIndent = 18;
    private const float LineInCell = 12;

    /// <param name="pictures">The pictures the questions show, by their address (see <see cref="PaperPictures"/>).</param>
    public void Version(PaperQuiz quiz, PrintedVersion version, PaperTexts texts, IReadOnlyDictionary<string, byte[]> pictures, Stream output)
    {
        using var title = Font(fonts.Bold, 14);
        using var body = Font(fonts.Regular, 11);
        var layout = new PdfLayout(Margin, Bottom);
        var code = string.Format(CultureInfo.CurrentCulture, texts.Version, version.Code);
        Header(layout, quiz, texts, code, title, body);
        foreach (var question in version.Questions)
        {
            foreach (var intro in question.Intro ?? [])
            {
                layout.Text(Wrap(FormattedText.ToPlain(intro.Text, intro.Format), body, ContentWidth), body, Ink, Margin, 15);
                Pictures(layout, intro.Text, pictures, texts, body);
                layout.Space(6);
            }

            var number = string.Format(CultureInfo.CurrentCulture, texts.QuestionNumber, question.Number) + " ";
            // A Cloze question's gaps print as their numbers in brackets, to be answered on the lines below.
            var wording = question.Question.Body is ClozeBody ? ClozeText.Numbered(question.Question.Text) : question.Question.Text;
            var lines = Wrap(number + FormattedText.ToPlain(wording, question.Question.Format), body, ContentWidth);
            layout.EnsureSpace(lines.Count * 15 + 2 * 15);
            layout.Text(lines, body, Ink, Margin, 15);
            Pictures(layout, question.Question.Text, pictures, texts, body);
            foreach (var (line, source) in Options(question, texts))
            {
                layout.Text(Wrap(line, body, ContentWidth - ChoiceIndent), body, Ink, Margin + ChoiceIndent, 15);
                Pictures(layout, source, pictures, texts, body);
            }

            layout.Space(8);
        }

        Write(layout, code, texts, output, (page, pages) => string.Format(CultureInfo.CurrentCulture, texts.Page, version.Code, page, pages), body);
    }

    /// <summary>One sheet for every version: the candidate's lines, a box for the code and a row of letters to circle per question.</summary>
    public void AnswerSheet(PaperQuiz quiz, PaperTexts texts, Stream output)
    {
        using var title = Font(fonts.Bold, 14);
        using var body = Font(fonts.Regular, 11);
        using var letter = Font(fonts.Regular, 9);
        var layout = new PdfLayout(Margin, Bottom);
        Header(layout, quiz, texts, texts.AnswerSheet, title, body);
        layout.Text(Wrap(string.Format(CultureInfo.CurrentCulture, texts.Version, "…………"), body, ContentWidth), body, Ink, Margin, 18);
        layout.Text(Wrap(texts.AnswerSheetHelp, body, ContentWidth), body, Muted, Margin, 15);
        layout.Space(8);

        var questions = quiz.Versions.Max(v => v.Questions.Count);
        var letters = Math.Max(4, quiz.Versions.SelectMany(v => v.Questions).Select(q => q.Order.Count).DefaultIfEmpty(0).Max());
        const int columns = 3;
        const float rowHeight = 20;
        var columnWidth = ContentWidth / columns;
        for (var first = 0; first < questions; first += columns)
        {
            layout.EnsureSpace(rowHeight);
            var top = layout.Y;
            for (var column = 0; column < columns && first + column < questions; column++)
            {
                var left = Margin + column * columnWidth;
                var label = (first + column + 1).ToString(CultureInfo.InvariantCulture) + ".";
                layout.Draw(canvas =>
                {
                    DrawText(canvas, label, left, top + 2, body, Ink);
                    using var ring = new SKPaint { Color = Ink, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 0.8f };
                    for (var i = 0; i < letters; i++)
                    {
                        var x = left + 28 + i * 20;
                        canvas.DrawCircle(x + 7, top + 9, 7, ring);
                        var mark = ((char)('A' + i)).ToString();
                        DrawText(canvas, mark, x + 7 - letter.MeasureText(mark) / 2, top + 3.5f, letter, Ink);
                    }
                });
            }

            layout.Space(rowHeight);
        }

        Write(layout, texts.AnswerSheet, texts, output, (page, pages) => $"{texts.AnswerSheet} – {page}/{pages}", body);
    }

    /// <summary>The key: a row per question, a column per version, the right letters (or the answer to write).</summary>
    public void Key(PaperQuiz quiz, PaperTexts texts, Stream output)
    {
        using var title = Font(fonts.Bold, 14);
        using var bold = Font(fonts.Bold, 10);
        using var body = Font(fonts.Regular, 10);
        var layout = new PdfLayout(Margin, Bottom);
        Header(layout, quiz, texts, texts.Key, title, body, candidate: false);
        const int perTable = 6;
        const float rowHeight = 16;
        foreach (var versions in quiz.Versions.Chunk(perTable))
        {
            var columnWidth = (ContentWidth - 50) / perTable;
            var rows = versions.Max(v => v.Questions.Count);
            string Cell(PrintedVersion version, int row) => row >= version.Questions.Count ? "" : Answer(version.Questions[row], texts);
            // A long answer (a Cloze question's gaps, a matching's pairs) wraps inside its cell and makes its row taller.
            void Row(string first, IEnumerable<string> cells, SKFont font)
            {
                var values = cells.Select(value => Wrap(value, font, columnWidth - 4)).ToList();
                var height = rowHeight + (values.Max(v => Math.Max(1, v.Count)) - 1) * LineInCell;
                layout.EnsureSpace(height);
                var top = layout.Y;
                layout.Draw(canvas =>
                {
                    using var line = new SKPaint { Color = Muted, StrokeWidth = 0.5f };
                    DrawText(canvas, first, Margin + 2, top + 2, font, Ink);
                    for (var i = 0; i < values.Count; i++)
                    {
                        for (var k = 0; k < values[i].Count; k++)
                        {
                            DrawText(canvas, values[i][k], Margin + 50 + i * columnWidth + 2, top + 2 + k * LineInCell, font, Ink);
                        }
                    }

                    canvas.DrawLine(Margin, top + height, Margin + 50 + values.Count * columnWidth, top + height, line);
                });
                layout.Space(height);
            }

            Row(texts.KeyQuestion, versions.Select(v => string.Format(CultureInfo.CurrentCulture, texts.Version, v.Code)), bold);
            for (var row = 0; row < rows; row++)
            {
                Row((row + 1).ToString(CultureInfo.InvariantCulture), versions.Select(v => Cell(v, row)), body);
            }

            layout.Space(14);
        }

        Write(layout, texts.Key, texts, output, (page, pages) => $"{texts.Key} – {page}/{pages}", body);
    }

    /// <summary>
    /// The pictures of a wording, in order, below its text: at most the text's width and 220 points high, each kept whole
    /// on one page; a picture that cannot be printed leaves a line saying so, so the paper never silently lacks one.
    /// </summary>
    private static void Pictures(PdfLayout layout, string wording, IReadOnlyDictionary<string, byte[]> pictures, PaperTexts texts, SKFont font)
    {
        foreach (var address in PaperPictures.All(wording))
        {
            if (!pictures.TryGetValue(address, out var encoded) || SKImage.FromEncodedData(encoded) is not { } image)
            {
                layout.Text(Wrap(texts.PictureMissing, font, ContentWidth - ChoiceIndent), font, Muted, Margin + ChoiceIndent, 15);
                continue;
            }

            var scale = Math.Min(1, Math.Min((ContentWidth - ChoiceIndent) / image.Width, 220f / image.Height));
            var (width, height) = (image.Width * scale, image.Height * scale);
            layout.EnsureSpace(height + 6);
            var top = layout.Y + 3;
            layout.Draw(canvas => canvas.DrawImage(image, SKRect.Create(Margin + ChoiceIndent, top, width, height), new SKSamplingOptions(SKCubicResampler.Mitchell)));
            layout.Dispose(image);
            layout.Space(height + 6);
        }
    }

    /// <summary>
    /// What a question offers on paper: its choices lettered A, B… in the version's order, or a line to write on; each
    /// with the wording whose pictures print below it (a choice may be a picture).
    /// </summary>
    private static IEnumerable<(string Line, string Source)> Options(PrintedQuestion question, PaperTexts texts)
    {
        string Lettered(int position, string text) => $"{(char)('A' + position)}. {text}";
        var format = question.Question.Format;
        return question.Question.Body switch
        {
            ChoiceBody choice => question.Order.Select((index, shown) => (Lettered(shown, FormattedText.ToPlain(choice.Choices[index].Text, format)), choice.Choices[index].Text)),
            TrueFalseBody => [(Lettered(0, texts.True), ""), (Lettered(1, texts.False), "")],
            MatchingBody matching =>
            [
                .. matching.Pairs.Select((pair, i) => ($"{(char)('a' + i)}) {FormattedText.ToPlain(pair.Prompt, format)}", pair.Prompt)),
                .. question.Order.Select((index, shown) => ($"{shown + 1}) {matching.Options[index]}", "")),
            ],
            // Lines to write on: about fifteen words a line, for the word limit when there is one.
            EssayBody essay => [(texts.EssayLines, ""), .. Enumerable.Repeat((new string('.', 150), ""), Math.Clamp((essay.MaxWords ?? 150) / 15, 6, 24))],
            // A Cloze question's choice gaps, each lettered in its own order; its other gaps are answered on the sheet.
            ClozeBody cloze => cloze.Gaps.Select((gap, i) => (gap, i)).Where(g => g.gap.Body is ChoiceBody)
                .Select(g => ($"[{g.i + 1}] " + string.Join("   ", ((ChoiceBody)g.gap.Body).Choices.Select((c, shown) => Lettered(shown, FormattedText.ToPlain(c.Text, format)))), ""))
                .Append((texts.Answer, "")),
            _ => [(texts.Answer, "")],
        };
    }

    /// <summary>The key's cell: letters, matches ("a-2 b-1") or the answer that earns the whole mark.</summary>
    private static string Answer(PrintedQuestion question, PaperTexts texts) => question.Question.Body switch
    {
        ChoiceBody or TrueFalseBody => PaperKey.Letters(question.Right),
        MatchingBody matching => string.Join(" ", matching.Pairs.Select((pair, i) =>
            $"{(char)('a' + i)}-{question.Order.Select((index, shown) => (index, shown)).First(p => matching.Options[p.index] == pair.Answer).shown + 1}")),
        // Short enough for the key's column: the jury marks it on paper.
        EssayBody => string.Format(CultureInfo.CurrentCulture, texts.EssayKey, question.Question.Settings.DefaultMark.ToString("0.##", CultureInfo.CurrentCulture)),
        // Each gap's answer as it is typed on the sheet, "/" between them.
        ClozeBody cloze => string.Join("/", cloze.Gaps.Select(gap => Typed(gap.Body, PaperKey.GapOrder(gap.Body), texts))),
        var body => Typed(body, question.Order, texts),
    };

    /// <summary>The answer that earns a typed or lettered question's whole mark: letters of the right choices in <paramref name="order"/>, the text or the number.</summary>
    private static string Typed(QuestionBody body, IReadOnlyList<int> order, PaperTexts texts) => body switch
    {
        ChoiceBody choice => PaperKey.Letters(PaperKey.Right(new Question("", "", "", choice), order)),
        ShortAnswerBody text => text.Answers.MaxBy(a => a.Fraction)?.Text ?? "",
        NumericalBody number => number.Answers.MaxBy(a => a.Fraction) is { Value: { } value } best
            ? value.ToString("0.####", CultureInfo.CurrentCulture) + (best.Tolerance > 0 ? $" ± {best.Tolerance.ToString("0.####", CultureInfo.CurrentCulture)}" : "")
            : texts.AnyOtherNumber,
        _ => "",
    };

    private static void Header(PdfLayout layout, PaperQuiz quiz, PaperTexts texts, string right, SKFont title, SKFont body, bool candidate = true)
    {
        layout.Text(Wrap(texts.Heading, title, ContentWidth - 120), title, Brand, Margin, 19);
        var top = Margin;
        layout.Draw(canvas => DrawText(canvas, right, A4Short - Margin - title.MeasureText(right), top, title, Ink));
        layout.Text(Wrap(texts.Subheading, body, ContentWidth), body, Ink, Margin, 15);
        if (quiz.TimeLimit is { } limit)
        {
            layout.Text([string.Format(CultureInfo.CurrentCulture, texts.Duration, (int)limit.TotalMinutes)], body, Ink, Margin, 15);
        }

        if (candidate)
        {
            layout.Space(6);
            layout.Text(Wrap(texts.Candidate, body, ContentWidth), body, Ink, Margin, 18);
        }

        layout.Space(10);
    }

    /// <param name="footer">The page's footer from its number and the number of pages.</param>
    private static void Write(PdfLayout layout, string title, PaperTexts texts, Stream output, Func<int, int, string> footer, SKFont font) =>
        layout.WritePdf(output, new SKDocumentPdfMetadata { Title = $"{texts.Heading} – {title}", Creator = texts.Heading, RasterDpi = 300 }, A4Short, A4Long, (canvas, page, pages) =>
        {
            var text = footer(page, pages);
            DrawText(canvas, text, A4Short - Margin - font.MeasureText(text), A4Long - Margin - FooterHeight + 8, font, Muted);
        });
}
