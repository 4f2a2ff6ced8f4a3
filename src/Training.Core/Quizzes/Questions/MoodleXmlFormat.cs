using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace ChildProtection.Training.Quizzes.Questions;

/// <summary>
/// Moodle XML (docs.moodle.org/en/Moodle_XML_format): &lt;quiz&gt; with &lt;question type="…"&gt; elements for
/// multichoice, truefalse, shortanswer, matching, numerical, description, essay, cloze and category. Other types (calculated…)
/// are reported, not guessed at. Wording keeps its HTML or Markdown (see <see cref="Wording"/>); pictures embedded as
/// base64 &lt;file&gt; elements, or as the older &lt;image&gt; with &lt;image_base64&gt; (shown after the question text, as
/// Moodle does), come out as <see cref="QuestionImport.Files"/>, for the caller to store and link. Each question is
/// checked by <see cref="QuestionRules"/> and keeps its <see cref="QuestionSettings"/>.
/// </summary>
public static partial class MoodleXmlFormat
{
    private const string PlainText = "plain_text";
    private const string Html = "html";
    private const string Markdown = "markdown";
    private const string AutoFormat = "moodle_auto_format";

    /// <param name="isPicture">Whether an embedded file may be shown as a picture (the web layer checks its content); every file is taken when null.</param>
    public static QuestionImport Parse(string xml, string defaultCategory = "", Func<byte[], bool>? isPicture = null)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(xml, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            return new QuestionImport([], [new ImportProblem(0, e.LineNumber, null, ImportProblemKind.BadXml, e.Message)]);
        }

        var questions = new List<Question>();
        var problems = new List<ImportProblem>();
        var files = new List<EmbeddedFile>();
        var category = defaultCategory;
        var number = 0;
        foreach (var element in document.Root?.Elements("question") ?? [])
        {
            var type = (string?)element.Attribute("type") ?? "";
            if (type == "category")
            {
                category = GiftFormat.CleanCategory(Text(element.Element("category")));
                continue;
            }

            number++;
            var line = ((IXmlLineInfo)element).LineNumber;
            var name = Text(element.Element("name"));
            var legacyPicture = LegacyPicture(element);
            var wording = new Wording(element, type, legacyPicture is not null);
            var text = wording.Read(element.Element("questiontext"));
            if (text.Length == 0)
            {
                problems.Add(new ImportProblem(number, line, name, ImportProblemKind.EmptyText));
                continue;
            }

            var (body, problem, detail) = type == "cloze" ? Cloze(ref text) : ParseBody(type, element, wording);
            if (body is not null && QuestionRules.Check(body) is { } broken)
            {
                (body, problem, detail) = (null, broken.Kind, broken.Detail);
            }

            if (body is null)
            {
                problems.Add(new ImportProblem(number, line, name, problem, detail));
                continue;
            }

            if (legacyPicture is { } picture)
            {
                text += wording.Format == TextFormat.Markdown
                    ? $"\n\n![](@@PLUGINFILE@@/{Uri.EscapeDataString(picture.Name)})"
                    : $" <img src=\"@@PLUGINFILE@@/{Uri.EscapeDataString(picture.Name)}\" alt=\"\">";
            }

            var feedback = wording.Read(element.Element("generalfeedback"));
            var question = new Question(category, name.Length > 0 ? name : FormattedText.ShortName(text, wording.Format), text, body, NullIfEmpty(feedback), wording.Format, Settings(element, wording));
            var (shown, fileProblem, fileName) = ShownFiles(element, question, legacyPicture, isPicture);
            if (fileProblem is { } kind)
            {
                problems.Add(new ImportProblem(number, line, question.Name, kind, fileName));
                continue;
            }

            files.AddRange(shown.Select(f => new EmbeddedFile(questions.Count, f.Name, f.Content)));
            questions.Add(question);
        }

        return new QuestionImport(questions, problems, files);
    }

    /// <summary>
    /// The question with each "@@PLUGINFILE@@/name" of its wording replaced by <paramref name="address"/>(name): where
    /// the embedded file is stored, or for a preview the picture itself as a data URL.
    /// </summary>
    public static Question LinkFiles(Question question, Func<string, string> address) =>
        question.MapWording(text => PluginFile().Replace(text, m => address(Uri.UnescapeDataString(m.Groups[1].Value))));


    private static (QuestionBody? Body, ImportProblemKind Problem, string? Detail) ParseBody(string type, XElement element, Wording wording)
    {
        // Only a multiple-choice answer is wording; the others are compared as typed (or are "true"/"false").
        var answers = element.Elements("answer")
            .Select(a => new Choice(type == "multichoice" ? wording.Read(a) : Text(a), Fraction(a), NullIfEmpty(wording.Read(a.Element("feedback"))))).ToList();
        switch (type)
        {
            case "multichoice":
                return (new ChoiceBody(answers, Multiple: !Flag(element.Element("single"), true)), default, null);
            case "truefalse":
                var right = answers.FirstOrDefault(a => a.IsCorrect);
                var wrong = answers.FirstOrDefault(a => !a.IsCorrect);
                return right is null
                    ? (null, ImportProblemKind.NoCorrectAnswer, null)
                    : (new TrueFalseBody(right.Text.Equals("true", StringComparison.OrdinalIgnoreCase), wrong?.Feedback, right.Feedback), default, null);
            case "description":
                return (new DescriptionBody(), default, null);
            case "essay":
                return (new EssayBody(
                    PositiveNumber(element.Element("minwordlimit")),
                    PositiveNumber(element.Element("maxwordlimit")),
                    AllowAttachment: PositiveNumber(element.Element("attachments")) is not null || Value(element.Element("attachments")) == "-1",
                    MarkingGuide: NullIfEmpty(wording.Read(element.Element("graderinfo"))),
                    ResponseTemplate: NullIfEmpty(Text(element.Element("responsetemplate")))), default, null);
            case "shortanswer":
                return (new ShortAnswerBody(answers, Flag(element.Element("usecase"), false)), default, null);
            case "matching":
                // A subquestion with no text is an extra answer that matches no prompt; one with neither is left out.
                var pairs = element.Elements("subquestion")
                    .Select(s => new MatchPair(Text(s).Length > 0 ? wording.Read(s) : "", Text(s.Element("answer"))))
                    .Where(p => p.Prompt.Length > 0 || p.Answer.Length > 0).ToList();
                var extras = pairs.Where(p => p.Prompt.Length == 0).Select(p => p.Answer).ToList();
                return (new MatchingBody(pairs.Where(p => p.Prompt.Length > 0).ToList(), extras.Count > 0 ? extras : null), default, null);
            case "numerical":
                var numbers = new List<NumericAnswer>();
                foreach (var answer in element.Elements("answer"))
                {
                    var feedback = NullIfEmpty(wording.Read(answer.Element("feedback")));
                    if (Text(answer) == "*")
                    {
                        numbers.Add(new NumericAnswer(null, 0, Fraction(answer), feedback));
                        continue;
                    }

                    if (!QuestionGrader.TryParseNumber(Text(answer), out var value))
                    {
                        return (null, ImportProblemKind.BadNumber, Text(answer));
                    }

                    _ = QuestionGrader.TryParseNumber(Value(answer.Element("tolerance")), out var tolerance);
                    numbers.Add(new NumericAnswer(value, Math.Abs(tolerance), Fraction(answer), feedback));
                }

                return (new NumericalBody(numbers), default, null);
            default:
                return (null, ImportProblemKind.UnsupportedType, type);
        }
    }


    /// <summary>Moodle's Cloze ("cloze" in its XML): the gaps read from the text, which keeps a placeholder for each.</summary>
    private static (QuestionBody? Body, ImportProblemKind Problem, string? Detail) Cloze(ref string text)
    {
        var (withPlaceholders, gaps, error) = ClozeText.Parse(text);
        if (error is not null || gaps.Count == 0)
        {
            return (null, ImportProblemKind.BadCloze, error);
        }

        text = withPlaceholders;
        return (new ClozeBody(gaps), default, null);
    }

    /// <summary>A piece's declared format, as Moodle reads it: a name it does not know is its auto format.</summary>
    private static string DeclaredFormat(XElement? element, string fallback) => (string?)element?.Attribute("format") switch
    {
        null => fallback,
        Html => Html,
        Markdown => Markdown,
        PlainText => PlainText,
        _ => AutoFormat,
    };

    /// <summary>
    /// Moodle gives each piece of wording a format of its own; a question here has one (<see cref="TextFormat"/>). It
    /// is Markdown if any piece is, else HTML if any piece is HTML or Moodle's auto format (HTML where a new line is a
    /// line break), else plain; each piece is then turned into that format so that it reads as it did in Moodle
    /// (Markdown takes HTML as it is). As Moodle reads a file, the question text is in the auto format when it says
    /// none, and the other pieces are in the question text's format when they say none.
    /// </summary>
    private sealed class Wording
    {
        private readonly string _textFormat;

        /// <param name="legacyPicture">The question shows an &lt;image_base64&gt; picture, which needs HTML (or Markdown) to be shown.</param>
        public Wording(XElement question, string type, bool legacyPicture)
        {
            _textFormat = DeclaredFormat(question.Element("questiontext"), AutoFormat);
            IEnumerable<XElement> pieces =
            [
                .. question.Elements("generalfeedback"),
                .. question.Elements("answer").Elements("feedback"),
                .. question.Elements("subquestion"),
                .. question.Elements("hint"),
                .. question.Elements("graderinfo"),
                .. type == "multichoice" ? question.Elements("answer") : [],
            ];
            var declared = pieces.Select(p => DeclaredFormat(p, _textFormat)).Append(_textFormat).Append(legacyPicture ? Html : PlainText).ToList();
            Format = declared.Contains(Markdown) ? TextFormat.Markdown
                : declared.Any(f => f is Html or AutoFormat) ? TextFormat.Html
                : TextFormat.Plain;
        }

        public TextFormat Format { get; }

        public string Read(XElement? element)
        {
            var text = Text(element);
            return (DeclaredFormat(element, _textFormat), Format) switch
            {
                (AutoFormat, not TextFormat.Plain) => FormattedText.LineBreaksToHtml(text),
                (PlainText, TextFormat.Html) => FormattedText.PlainToHtml(text),
                (PlainText, TextFormat.Markdown) => FormattedText.PlainToMarkdown(text),
                _ => text,
            };
        }
    }

    /// <summary>
    /// The embedded files the question's wording shows, each checked; files it does not show (Moodle keeps leftovers of
    /// earlier edits) are left out. The first problem found stops the question.
    /// </summary>
    private static (IReadOnlyList<(string Name, byte[] Content)> Files, ImportProblemKind? Problem, string? Name) ShownFiles(
        XElement element, Question question, (string Name, byte[]? Content)? legacyPicture, Func<byte[], bool>? isPicture)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (legacyPicture is { Content: { } legacyContent } legacy)
        {
            if (legacyContent.Length == 0)
            {
                return ([], ImportProblemKind.BadFile, legacy.Name);
            }

            files.Add(legacy.Name, legacyContent);
        }

        foreach (var file in element.Descendants("file"))
        {
            var name = ((string?)file.Attribute("name"))?.Trim() ?? "";
            var path = ((string?)file.Attribute("path") ?? "").Trim().Trim('/');
            var fullName = path.Length > 0 ? $"{path}/{name}" : name;
            if (name.Length == 0 || (string?)file.Attribute("encoding") is not (null or "base64") || Base64(file.Value) is not { Length: > 0 } content)
            {
                return ([], ImportProblemKind.BadFile, fullName);
            }

            files.TryAdd(fullName, content);
        }

        var shown = new List<string>();
        LinkFiles(question, name =>
        {
            shown.Add(name);
            return name;
        });
        var result = new List<(string, byte[])>();
        foreach (var name in shown.Distinct(StringComparer.Ordinal))
        {
            if (!files.TryGetValue(name, out var content))
            {
                return ([], ImportProblemKind.MissingFile, name);
            }

            if (isPicture is not null && !isPicture(content))
            {
                return ([], ImportProblemKind.NotAnImage, name);
            }

            result.Add((name, content));
        }

        return (result, null, null);
    }

    /// <summary>
    /// Moodle 1.x's picture of a question: &lt;image&gt; names it, &lt;image_base64&gt; holds it (without it, it was a file
    /// of the old course, which the import reports as missing rather than dropping the picture unseen).
    /// </summary>
    private static (string Name, byte[]? Content)? LegacyPicture(XElement question)
    {
        var path = Value(question.Element("image"));
        var data = Value(question.Element("image_base64"));
        if (path.Length == 0 && data.Length == 0)
        {
            return null;
        }

        var name = Path.GetFileName(Uri.UnescapeDataString(path).Replace('\\', '/'));
        return (name.Length > 0 ? name : "image", data.Length > 0 ? Base64(data) ?? [] : null);
    }

    private static QuestionSettings Settings(XElement question, Wording wording) => new(
        DefaultMark: Number(question.Element("defaultgrade")) ?? 1,
        Penalty: Number(question.Element("penalty")) ?? QuestionSettings.DefaultPenalty,
        ShuffleAnswers: Flag(question.Element("shuffleanswers"), true),
        IdNumber: NullIfEmpty(Value(question.Element("idnumber"))),
        Tags: question.Elements("tags").Elements("tag").Select(Text).Where(t => t.Length > 0).ToList(),
        Hints: question.Elements("hint")
            .Select(h => new QuestionHint(wording.Read(h), h.Element("shownumcorrect") is not null, h.Element("clearwrong") is not null))
            .Where(h => h.Text.Length > 0).ToList());

    /// <summary>Moodle writes its yes/no settings as "1"/"0" or "true"/"false".</summary>
    private static bool Flag(XElement? element, bool fallback) => Value(element).ToLowerInvariant() switch
    {
        "1" or "true" => true,
        "0" or "false" => false,
        _ => fallback,
    };

    /// <summary>Moodle writes "2.0000000": read as 2 (dividing by 1.000… drops the trailing zeros a decimal keeps).</summary>
    private static decimal? Number(XElement? element) =>
        decimal.TryParse(Value(element), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value / 1.0000000000000000000000000000m : null;

    /// <summary>A whole number above 0 (a word limit, a count of attachments); null when empty, 0 or anything else.</summary>
    private static int? PositiveNumber(XElement? element) =>
        int.TryParse(Value(element), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;

    private static byte[]? Base64(string text)
    {
        try
        {
            return Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>"@@PLUGINFILE@@/sub/h%C3%ACnh.png?time=1": Moodle's reference to a file of the question, URL-encoded, with a query it may add.</summary>
    [GeneratedRegex(@"@@PLUGINFILE@@/([^""'\s<>()?#]+)(?:\?[^""'\s<>()#]*)?")]
    private static partial Regex PluginFile();

    /// <summary>The &lt;text&gt; child, where Moodle keeps every piece of wording.</summary>
    private static string Text(XElement? element) => Value(element?.Element("text"));

    private static string Value(XElement? element) => ((string?)element ?? "").Trim();

    private static decimal Fraction(XElement answer) =>
        decimal.TryParse((string?)answer.Attribute("fraction"), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) ? percent / 100 : 0;

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
