using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace ChildProtection.Training.Quizzes.Questions;

/// <summary>
/// Moodle XML (docs.moodle.org/en/Moodle_XML_format): &lt;quiz&gt; with &lt;question type="…"&gt; elements for
/// multichoice, truefalse, shortanswer, matching, numerical and category. Other types (essay, cloze, description…)
/// are reported, not guessed at. Wording keeps its HTML or Markdown (see <see cref="Wording"/>); pictures embedded as
/// base64 &lt;file&gt; elements come out as <see cref="QuestionImport.Files"/>, for the caller to store and link.
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
            var wording = new Wording(element, type);
            var text = wording.Read(element.Element("questiontext"));
            if (text.Length == 0)
            {
                problems.Add(new ImportProblem(number, line, name, ImportProblemKind.EmptyText));
                continue;
            }

            var (body, problem, detail) = ParseBody(type, element, wording);
            if (body is null)
            {
                problems.Add(new ImportProblem(number, line, name, problem, detail));
                continue;
            }

            var feedback = wording.Read(element.Element("generalfeedback"));
            var question = new Question(category, name.Length > 0 ? name : FormattedText.ShortName(text, wording.Format), text, body, NullIfEmpty(feedback), wording.Format);
            var (shown, fileProblem, fileName) = ShownFiles(element, question, isPicture);
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

    /// <summary>
    /// Each question with its format. Pictures are referenced by the address their wording holds (the web layer makes
    /// the site's own addresses absolute first), not embedded again as &lt;file&gt;: Moodle shows them from there, and
    /// the file stays small.
    /// </summary>
    public static string Write(IEnumerable<Question> questions)
    {
        var quiz = new XElement("quiz");
        string? category = null;
        foreach (var question in questions)
        {
            if (question.Category != category)
            {
                category = question.Category;
                quiz.Add(new XElement("question", new XAttribute("type", "category"), new XElement("category", TextElement("$course$/top/" + category))));
            }

            var format = FormatName(question.Format);
            var element = new XElement("question",
                new XAttribute("type", TypeName(question.Body)),
                new XElement("name", TextElement(question.Name)),
                new XElement("questiontext", new XAttribute("format", format), TextElement(question.Text)),
                new XElement("generalfeedback", new XAttribute("format", format), TextElement(question.Feedback ?? "")));
            element.Add(BodyElements(question.Body, format));
            quiz.Add(element);
        }

        return new XDocument(new XDeclaration("1.0", "UTF-8", null), quiz).Declaration + "\n" + quiz;
    }

    private static (QuestionBody? Body, ImportProblemKind Problem, string? Detail) ParseBody(string type, XElement element, Wording wording)
    {
        // Only a multiple-choice answer is wording; the others are compared as typed (or are "true"/"false").
        var answers = element.Elements("answer")
            .Select(a => new Choice(type == "multichoice" ? wording.Read(a) : Text(a), Fraction(a), NullIfEmpty(wording.Read(a.Element("feedback"))))).ToList();
        switch (type)
        {
            case "multichoice":
                var single = !string.Equals(Value(element.Element("single")), "false", StringComparison.OrdinalIgnoreCase);
                return answers.Any(a => a.IsCorrect) ? (new ChoiceBody(answers, !single), default, null) : (null, ImportProblemKind.NoCorrectAnswer, null);
            case "truefalse":
                var right = answers.FirstOrDefault(a => a.IsCorrect);
                var wrong = answers.FirstOrDefault(a => !a.IsCorrect);
                return right is null
                    ? (null, ImportProblemKind.NoCorrectAnswer, null)
                    : (new TrueFalseBody(right.Text.Equals("true", StringComparison.OrdinalIgnoreCase), wrong?.Feedback, right.Feedback), default, null);
            case "shortanswer":
                return answers.Any(a => a.IsCorrect)
                    ? (new ShortAnswerBody(answers, Value(element.Element("usecase")) == "1"), default, null)
                    : (null, ImportProblemKind.NoCorrectAnswer, null);
            case "matching":
                var pairs = element.Elements("subquestion")
                    .Select(s => new MatchPair(wording.Read(s), Text(s.Element("answer"))))
                    .Where(p => p.Prompt.Length > 0).ToList();
                return pairs.Count >= 3 ? (new MatchingBody(pairs), default, null) : (null, ImportProblemKind.TooFewPairs, pairs.Count.ToString(CultureInfo.InvariantCulture));
            case "numerical":
                var numbers = new List<NumericAnswer>();
                foreach (var answer in element.Elements("answer"))
                {
                    if (!QuestionGrader.TryParseNumber(Text(answer), out var value))
                    {
                        return (null, ImportProblemKind.BadNumber, Text(answer));
                    }

                    _ = QuestionGrader.TryParseNumber(Value(answer.Element("tolerance")), out var tolerance);
                    numbers.Add(new NumericAnswer(value, Math.Abs(tolerance), Fraction(answer), NullIfEmpty(wording.Read(answer.Element("feedback")))));
                }

                return numbers.Any(n => n.Fraction > 0) ? (new NumericalBody(numbers), default, null) : (null, ImportProblemKind.NoCorrectAnswer, null);
            default:
                return (null, ImportProblemKind.UnsupportedType, type);
        }
    }

    /// <param name="format">The question's format, for every piece of wording; typed answers are written as plain text.</param>
    private static IEnumerable<XElement> BodyElements(QuestionBody body, string format) => body switch
    {
        ChoiceBody choice => [new XElement("single", choice.Multiple ? "false" : "true"), new XElement("shuffleanswers", "1"), .. choice.Choices.Select(c => Answer(c, format, format))],
        TrueFalseBody truth =>
        [
            Answer(new Choice("true", truth.Correct ? 1 : 0, truth.Correct ? truth.FeedbackWhenRight : truth.FeedbackWhenWrong), PlainText, format),
            Answer(new Choice("false", truth.Correct ? 0 : 1, truth.Correct ? truth.FeedbackWhenWrong : truth.FeedbackWhenRight), PlainText, format),
        ],
        ShortAnswerBody text => [new XElement("usecase", text.CaseSensitive ? "1" : "0"), .. text.Answers.Select(a => Answer(a, PlainText, format))],
        MatchingBody matching => [new XElement("shuffleanswers", "1"), .. matching.Pairs.Select(p => new XElement("subquestion", new XAttribute("format", format), TextElement(p.Prompt), new XElement("answer", TextElement(p.Answer))))],
        NumericalBody numbers => numbers.Answers.Select(n =>
        {
            var answer = Answer(new Choice(n.Value.ToString(CultureInfo.InvariantCulture), n.Fraction, n.Feedback), PlainText, format);
            answer.Add(new XElement("tolerance", n.Tolerance.ToString(CultureInfo.InvariantCulture)));
            return answer;
        }),
        _ => throw new NotSupportedException(body.GetType().Name),
    };

    private static XElement Answer(Choice choice, string textFormat, string feedbackFormat) =>
        new("answer",
            new XAttribute("fraction", (choice.Fraction * 100).ToString("0.#####", CultureInfo.InvariantCulture)),
            new XAttribute("format", textFormat),
            TextElement(choice.Text),
            new XElement("feedback", new XAttribute("format", feedbackFormat), TextElement(choice.Feedback ?? "")));

    private static string TypeName(QuestionBody body) => body switch
    {
        ChoiceBody => "multichoice",
        TrueFalseBody => "truefalse",
        ShortAnswerBody => "shortanswer",
        MatchingBody => "matching",
        NumericalBody => "numerical",
        _ => throw new NotSupportedException(body.GetType().Name),
    };

    private static XElement TextElement(string text) => new("text", text);

    private static string FormatName(TextFormat format) => format switch
    {
        TextFormat.Html => Html,
        TextFormat.Markdown => Markdown,
        _ => PlainText,
    };

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

        public Wording(XElement question, string type)
        {
            _textFormat = DeclaredFormat(question.Element("questiontext"), AutoFormat);
            IEnumerable<XElement> pieces =
            [
                .. question.Elements("generalfeedback"),
                .. question.Elements("answer").Elements("feedback"),
                .. question.Elements("subquestion"),
                .. type == "multichoice" ? question.Elements("answer") : [],
            ];
            var declared = pieces.Select(p => DeclaredFormat(p, _textFormat)).Append(_textFormat).ToList();
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
    private static (IReadOnlyList<(string Name, byte[] Content)> Files, ImportProblemKind? Problem, string? Name) ShownFiles(XElement element, Question question, Func<byte[], bool>? isPicture)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
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
