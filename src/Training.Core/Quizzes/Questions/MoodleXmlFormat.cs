using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace ChildProtection.Training.Quizzes.Questions;

/// <summary>
/// Moodle XML (docs.moodle.org/en/Moodle_XML_format): &lt;quiz&gt; with &lt;question type="…"&gt; elements for
/// multichoice, truefalse, shortanswer, matching, numerical and category. Other types (essay, cloze, description…)
/// are reported, not guessed at.
/// </summary>
public static class MoodleXmlFormat
{
    public static QuestionImport Parse(string xml, string defaultCategory = "")
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
            var text = Text(element.Element("questiontext"));
            if (text.Length == 0)
            {
                problems.Add(new ImportProblem(number, line, name, ImportProblemKind.EmptyText));
                continue;
            }

            var (body, problem, detail) = ParseBody(type, element);
            if (body is null)
            {
                problems.Add(new ImportProblem(number, line, name, problem, detail));
                continue;
            }

            var feedback = Text(element.Element("generalfeedback"));
            questions.Add(new Question(category, name.Length > 0 ? name : text, text, body, feedback.Length > 0 ? feedback : null));
        }

        return new QuestionImport(questions, problems);
    }

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

            var element = new XElement("question",
                new XAttribute("type", TypeName(question.Body)),
                new XElement("name", TextElement(question.Name)),
                new XElement("questiontext", new XAttribute("format", "plain_text"), TextElement(question.Text)),
                new XElement("generalfeedback", TextElement(question.Feedback ?? "")));
            element.Add(BodyElements(question.Body));
            quiz.Add(element);
        }

        return new XDocument(new XDeclaration("1.0", "UTF-8", null), quiz).Declaration + "\n" + quiz;
    }

    private static (QuestionBody? Body, ImportProblemKind Problem, string? Detail) ParseBody(string type, XElement element)
    {
        var answers = element.Elements("answer").Select(a => new Choice(Text(a), Fraction(a), NullIfEmpty(Text(a.Element("feedback"))))).ToList();
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
                    .Select(s => new MatchPair(Text(s), Text(s.Element("answer"))))
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
                    numbers.Add(new NumericAnswer(value, Math.Abs(tolerance), Fraction(answer), NullIfEmpty(Text(answer.Element("feedback")))));
                }

                return numbers.Any(n => n.Fraction > 0) ? (new NumericalBody(numbers), default, null) : (null, ImportProblemKind.NoCorrectAnswer, null);
            default:
                return (null, ImportProblemKind.UnsupportedType, type);
        }
    }

    private static IEnumerable<XElement> BodyElements(QuestionBody body) => body switch
    {
        ChoiceBody choice => [new XElement("single", choice.Multiple ? "false" : "true"), new XElement("shuffleanswers", "1"), .. choice.Choices.Select(Answer)],
        TrueFalseBody truth =>
        [
            Answer(new Choice("true", truth.Correct ? 1 : 0, truth.Correct ? truth.FeedbackWhenRight : truth.FeedbackWhenWrong)),
            Answer(new Choice("false", truth.Correct ? 0 : 1, truth.Correct ? truth.FeedbackWhenWrong : truth.FeedbackWhenRight)),
        ],
        ShortAnswerBody text => [new XElement("usecase", text.CaseSensitive ? "1" : "0"), .. text.Answers.Select(Answer)],
        MatchingBody matching => [new XElement("shuffleanswers", "1"), .. matching.Pairs.Select(p => new XElement("subquestion", TextElement(p.Prompt), new XElement("answer", TextElement(p.Answer))))],
        NumericalBody numbers => numbers.Answers.Select(n =>
        {
            var answer = Answer(new Choice(n.Value.ToString(CultureInfo.InvariantCulture), n.Fraction, n.Feedback));
            answer.Add(new XElement("tolerance", n.Tolerance.ToString(CultureInfo.InvariantCulture)));
            return answer;
        }),
        _ => throw new NotSupportedException(body.GetType().Name),
    };

    private static XElement Answer(Choice choice) =>
        new("answer",
            new XAttribute("fraction", (choice.Fraction * 100).ToString("0.#####", CultureInfo.InvariantCulture)),
            TextElement(choice.Text),
            new XElement("feedback", TextElement(choice.Feedback ?? "")));

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

    /// <summary>The &lt;text&gt; child, where Moodle keeps every piece of wording.</summary>
    private static string Text(XElement? element) => Value(element?.Element("text"));

    private static string Value(XElement? element) => ((string?)element ?? "").Trim();

    private static decimal Fraction(XElement answer) =>
        decimal.TryParse((string?)answer.Attribute("fraction"), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) ? percent / 100 : 0;

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
