using System.Globalization;
using System.Xml.Linq;

namespace ChildProtection.Training.Quizzes.Questions;

/// <summary>Writing a bank as Moodle XML, for the export: what <see cref="Parse"/> reads back to the same questions.</summary>
public static partial class MoodleXmlFormat
{
    /// <summary>
    /// Each question with its format and settings, in the order Moodle writes them. Pictures are referenced by the address
    /// their wording holds (the web layer makes the site's own addresses absolute first), not embedded again as
    /// &lt;file&gt;: Moodle shows them from there, and the file stays small. Pictures not stored yet (an import read from
    /// another format, carried to its confirmation as Moodle XML) are embedded from <paramref name="files"/>.
    /// </summary>
    public static string Write(IEnumerable<Question> questions, IReadOnlyList<EmbeddedFile>? files = null)
    {
        var quiz = new XElement("quiz");
        string? category = null;
        foreach (var (question, index) in questions.Select((q, i) => (q, i)))
        {
            if (question.Category != category)
            {
                category = question.Category;
                quiz.Add(new XElement("question", new XAttribute("type", "category"), new XElement("category", TextElement("$course$/top/" + category))));
            }

            var format = FormatName(question.Format);
            var settings = question.Settings;
            var element = new XElement("question",
                new XAttribute("type", TypeName(question.Body)),
                new XElement("name", TextElement(question.Name)),
                new XElement("questiontext", new XAttribute("format", format), TextElement(question.Body is ClozeBody cloze ? ClozeText.Write(question.Text, cloze.Gaps) : question.Text),
                    (files ?? []).Where(f => f.Question == index).Select(f => new XElement("file",
                        new XAttribute("name", f.Name), new XAttribute("path", "/"), new XAttribute("encoding", "base64"), Convert.ToBase64String(f.Content)))),
                new XElement("generalfeedback", new XAttribute("format", format), TextElement(question.Feedback ?? "")),
                new XElement("defaultgrade", Number(settings.DefaultMark)),
                new XElement("penalty", Number(settings.Penalty)),
                new XElement("hidden", "0"),
                new XElement("idnumber", settings.IdNumber ?? ""));
            element.Add(BodyElements(question.Body, format, settings.ShuffleAnswers));
            element.Add(settings.Hints.Select(h => new XElement("hint",
                new XAttribute("format", format),
                TextElement(h.Text),
                h.ShowNumCorrect ? new XElement("shownumcorrect") : null,
                h.ClearWrong ? new XElement("clearwrong") : null)));
            if (settings.Tags.Count > 0)
            {
                element.Add(new XElement("tags", settings.Tags.Select(t => new XElement("tag", TextElement(t)))));
            }

            quiz.Add(element);
        }

        return new XDocument(new XDeclaration("1.0", "UTF-8", null), quiz).Declaration + "\n" + quiz;
    }

    /// <param name="format">The question's format, for every piece of wording; typed answers are written as plain text.</param>
    private static IEnumerable<XElement> BodyElements(QuestionBody body, string format, bool shuffle) => body switch
    {
        ChoiceBody choice => [new XElement("single", choice.Multiple ? "false" : "true"), Shuffle(shuffle), .. choice.Choices.Select(c => Answer(c, format, format))],
        TrueFalseBody truth =>
        [
            Answer(new Choice("true", truth.Correct ? 1 : 0, truth.Correct ? truth.FeedbackWhenRight : truth.FeedbackWhenWrong), PlainText, format),
            Answer(new Choice("false", truth.Correct ? 0 : 1, truth.Correct ? truth.FeedbackWhenWrong : truth.FeedbackWhenRight), PlainText, format),
        ],
        ShortAnswerBody text => [new XElement("usecase", text.CaseSensitive ? "1" : "0"), .. text.Answers.Select(a => Answer(a, PlainText, format))],
        MatchingBody matching =>
        [
            Shuffle(shuffle),
            .. matching.Pairs.Select(p => Subquestion(p.Prompt, p.Answer, format)),
            .. (matching.ExtraAnswers ?? []).Select(a => Subquestion("", a, format)),
        ],
        DescriptionBody or ClozeBody => [],
        EssayBody essay =>
        [
            new XElement("responseformat", "editor"),
            new XElement("responserequired", "1"),
            new XElement("responsefieldlines", "15"),
            new XElement("minwordlimit", essay.MinWords?.ToString(CultureInfo.InvariantCulture) ?? ""),
            new XElement("maxwordlimit", essay.MaxWords?.ToString(CultureInfo.InvariantCulture) ?? ""),
            new XElement("attachments", essay.AllowAttachment ? "1" : "0"),
            new XElement("attachmentsrequired", "0"),
            new XElement("maxbytes", "0"),
            new XElement("filetypeslist", ""),
            new XElement("graderinfo", new XAttribute("format", format), TextElement(essay.MarkingGuide ?? "")),
            new XElement("responsetemplate", new XAttribute("format", PlainText), TextElement(essay.ResponseTemplate ?? "")),
        ],
        NumericalBody numbers => numbers.Answers.Select(n =>
        {
            var answer = Answer(new Choice(n.Value is { } value ? Number(value) : "*", n.Fraction, n.Feedback), PlainText, format);
            answer.Add(new XElement("tolerance", Number(n.Tolerance)));
            return answer;
        }),
        _ => throw new NotSupportedException(body.GetType().Name),
    };

    private static XElement Shuffle(bool shuffle) => new("shuffleanswers", shuffle ? "1" : "0");

    private static XElement Subquestion(string prompt, string answer, string format) =>
        new("subquestion", new XAttribute("format", format), TextElement(prompt), new XElement("answer", TextElement(answer)));

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
        DescriptionBody => "description",
        EssayBody => "essay",
        ClozeBody => "cloze",
        _ => throw new NotSupportedException(body.GetType().Name),
    };

    private static XElement TextElement(string text) => new("text", text);

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string FormatName(TextFormat format) => format switch
    {
        TextFormat.Html => Html,
        TextFormat.Markdown => Markdown,
        _ => PlainText,
    };
}
