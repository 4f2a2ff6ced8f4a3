using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ChildProtection.Training.Quizzes.Questions;

/// <summary>
/// Moodle's GIFT text format (docs.moodle.org/en/GIFT_format): "::Name::Text{=right ~wrong#feedback}", T/F,
/// matching "=a -> b" (and "= -> c" for an answer that matches no prompt), short answer (only "="; "*" matches any
/// other answer), numerical "{#3.5:0.5}" or "{#1..5}" with "~#feedback" for any other number, weights "~%50%" (an
/// answer block without "=" is multiple response, as in Moodle), general feedback "####", "$CATEGORY:" lines, "//"
/// comments (where "[id:…]" and "[tag:…]" give the question's ID number and tags) and backslash escapes. Every
/// question is parsed on its own and checked by <see cref="QuestionRules"/>,
/// so a broken one is reported with its line and the others still come through. A "[html]" or "[markdown]" before the
/// text sets the question's <see cref="TextFormat"/>; "[plain]" and "[moodle]" (Moodle's own auto format, mostly plain
/// text) read as plain. Moodle lets an answer carry its own prefix too: it is taken off, the question's format stays.
/// </summary>
public static partial class GiftFormat
{
    private const string Specials = "~=#{}:";

    public static QuestionImport Parse(string text, string defaultCategory = "")
    {
        var questions = new List<Question>();
        var problems = new List<ImportProblem>();
        var category = defaultCategory;
        var number = 0;
        foreach (var (block, line, comments) in Blocks(text))
        {
            var body = block;
            if (body.StartsWith("$CATEGORY:", StringComparison.OrdinalIgnoreCase))
            {
                var end = body.IndexOf('\n');
                category = CleanCategory((end < 0 ? body : body[..end])["$CATEGORY:".Length..].Trim());
                if (end < 0)
                {
                    continue;
                }

                body = body[(end + 1)..].Trim();
            }

            number++;
            var parsed = ParseQuestion(body, category, comments);
            if (parsed.Question is not null)
            {
                questions.Add(parsed.Question);
            }
            else
            {
                problems.Add(new ImportProblem(number, line, parsed.Name, parsed.Problem, parsed.Detail));
            }
        }

        return new QuestionImport(questions, problems);
    }

    private sealed record Parsed(Question? Question, string? Name, ImportProblemKind Problem, string? Detail = null);

    /// <summary>
    /// Questions are separated by blank lines. Yields each block with its first line number and its comment lines, which
    /// are not part of the question's text.
    /// </summary>
    private static IEnumerable<(string Block, int Line, string Comments)> Blocks(string text)
    {
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').TrimStart('\uFEFF').Split('\n');
        var current = new List<string>();
        var comments = new StringBuilder();
        var start = 0;
        for (var i = 0; i <= lines.Length; i++)
        {
            var line = i < lines.Length ? lines[i] : "";
            if (line.TrimStart().StartsWith("//", StringComparison.Ordinal))
            {
                comments.AppendLine(line.Trim());
                continue;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                if (current.Count > 0)
                {
                    yield return (string.Join('\n', current).Trim(), start + 1, comments.ToString());
                    current.Clear();
                }

                comments.Clear();
                continue;
            }

            if (current.Count == 0)
            {
                start = i;
            }

            current.Add(line);
        }
    }

    private static Parsed ParseQuestion(string block, string category, string comments)
    {
        string? name = null;
        var rest = block;
        if (rest.StartsWith("::", StringComparison.Ordinal) && IndexOfUnescaped(rest, "::", 2) is var nameEnd and > 0)
        {
            name = Unescape(rest[2..nameEnd]).Trim();
            rest = rest[(nameEnd + 2)..];
        }

        var marker = FormatMarker().Match(rest);
        var format = marker.Groups[1].Value.ToLowerInvariant() switch
        {
            "html" => TextFormat.Html,
            "markdown" => TextFormat.Markdown,
            _ => TextFormat.Plain,
        };
        rest = rest[marker.Length..];
        var open = IndexOfUnescaped(rest, "{", 0);
        if (open < 0)
        {
            // No answer block: a description, as Moodle reads it (text between questions, never drawn as one).
            var description = Unescape(rest).Trim();
            return description.Length == 0
                ? new Parsed(null, name, ImportProblemKind.EmptyText)
                : new Parsed(new Question(category, name ?? FormattedText.ShortName(description, format), description, new DescriptionBody(), Format: format, Settings: IdAndTags(comments)).MapWording(WithoutMarker), name, default);
        }

        var close = IndexOfUnescaped(rest, "}", open + 1);
        if (close < 0)
        {
            return new Parsed(null, name, ImportProblemKind.UnclosedAnswers);
        }

        var before = Unescape(rest[..open]).Trim();
        var after = Unescape(rest[(close + 1)..]).Trim();
        var questionText = after.Length > 0 ? $"{before} _____ {after}" : before;
        if (questionText.Length == 0)
        {
            return new Parsed(null, name, ImportProblemKind.EmptyText);
        }

        var answers = rest[(open + 1)..close].Trim();
        string? generalFeedback = null;
        if (IndexOfUnescaped(answers, "####", 0) is var general and >= 0)
        {
            generalFeedback = Unescape(answers[(general + 4)..]).Trim();
            answers = answers[..general].Trim();
        }

        name ??= FormattedText.ShortName(questionText, format);
        var (body, problem, detail) = ParseAnswers(answers);
        if (body is null)
        {
            return new Parsed(null, name, problem, detail);
        }

        if (QuestionRules.Check(body) is { } broken)
        {
            return new Parsed(null, name, broken.Kind, broken.Detail);
        }

        return new Parsed(new Question(category, name, questionText, body, generalFeedback, format, IdAndTags(comments)).MapWording(WithoutMarker), name, default);
    }

    /// <summary>The ID number and tags Moodle writes in a question's comment: "// [id:…] [tag:…]".</summary>
    private static QuestionSettings IdAndTags(string comments) => new(
        IdNumber: NullIfEmpty(IdNumber().Match(comments).Groups[1].Value.Replace("\\]", "]")),
        Tags: Tag().Matches(comments).Select(m => m.Groups[1].Value.Replace("\\]", "]").Trim()).Where(t => t.Length > 0).ToList());

    private static (QuestionBody? Body, ImportProblemKind Problem, string? Detail) ParseAnswers(string answers)
    {
        if (answers.Length == 0)
        {
            // Moodle's essay: "{}" (its word limits, attachments and marking guide are not written in GIFT).
            return (new EssayBody(), default, null);
        }

        if (answers.StartsWith('#'))
        {
            return ParseNumerical(answers[1..]);
        }

        if (TrueFalse().Match(answers) is { Success: true } truth)
        {
            var feedback = SplitUnescaped(answers[truth.Length..], '#');
            return (new TrueFalseBody(
                truth.Groups[1].Value.StartsWith('T'),
                feedback.Count > 1 ? NullIfEmpty(Unescape(feedback[1])) : null,
                feedback.Count > 2 ? NullIfEmpty(Unescape(feedback[2])) : null), default, null);
        }

        var tokens = AnswerTokens(answers);
        if (tokens.Count == 0)
        {
            return (null, ImportProblemKind.NoCorrectAnswer, answers);
        }

        if (tokens.All(t => t.Marker == '=') && tokens.Any(t => IndexOfUnescaped(t.Text, "->", 0) >= 0))
        {
            var pairs = tokens.Select(t => t.Text.Split("->", 2)).Where(p => p.Length == 2)
                .Select(p => new MatchPair(Unescape(p[0]).Trim(), Unescape(p[1]).Trim())).ToList();
            var extras = pairs.Where(p => p.Prompt.Length == 0).Select(p => p.Answer).Where(a => a.Length > 0).ToList();
            return (new MatchingBody(pairs.Where(p => p.Prompt.Length > 0).ToList(), extras.Count > 0 ? extras : null), default, null);
        }

        var choices = new List<Choice>();
        foreach (var (marker, text) in tokens)
        {
            var (weight, answer) = Weight(text);
            var parts = SplitUnescaped(answer, '#');
            choices.Add(new Choice(
                Unescape(parts[0]).Trim(),
                weight ?? (marker == '=' ? 1 : 0),
                parts.Count > 1 ? NullIfEmpty(Unescape(string.Join('#', parts.Skip(1)))) : null));
        }

        return tokens.All(t => t.Marker == '=')
            ? (new ShortAnswerBody(choices), default, null)
            : (new ChoiceBody(choices, Multiple: !tokens.Any(t => t.Marker == '=')), default, null);
    }

    /// <summary>
    /// "3:2", "1..5" or "=%100%3:0#fb =%50%3:1#fb"; as in Moodle, everything after the first "~" is the feedback for any
    /// other number (an answer "*" that earns nothing), and "=*" is any other number with the weight it is given.
    /// </summary>
    private static (QuestionBody? Body, ImportProblemKind Problem, string? Detail) ParseNumerical(string text)
    {
        string? otherwise = null;
        if (IndexOfUnescaped(text, "~", 0) is var tilde and >= 0)
        {
            otherwise = text[(tilde + 1)..];
            text = text[..tilde];
        }

        var entries = text.TrimStart().StartsWith('=')
            ? AnswerTokens(text).Select(t => t.Text).ToList()
            : text.Trim().Length > 0 ? [text] : [];
        var answers = new List<NumericAnswer>();
        foreach (var entry in entries)
        {
            var (weight, rest) = Weight(entry);
            var parts = SplitUnescaped(rest, '#');
            var value = parts[0].Trim();
            var feedback = parts.Count > 1 ? NullIfEmpty(Unescape(string.Join('#', parts.Skip(1)))) : null;
            if (value == "*")
            {
                answers.Add(new NumericAnswer(null, 0, weight ?? 1, feedback));
            }
            else if (value.Split("..") is [var min, var max] && ParseNumber(min) is { } low && ParseNumber(max) is { } high)
            {
                answers.Add(new NumericAnswer((low + high) / 2, (high - low) / 2, weight ?? 1, feedback));
            }
            else if (value.Split(':') is var pieces && pieces.Length <= 2 && ParseNumber(pieces[0]) is { } number
                     && (pieces.Length == 1 || ParseNumber(pieces[1]) is not null))
            {
                answers.Add(new NumericAnswer(number, pieces.Length == 2 ? ParseNumber(pieces[1])!.Value : 0, weight ?? 1, feedback));
            }
            else
            {
                return (null, ImportProblemKind.BadNumber, value);
            }
        }

        if (otherwise is not null)
        {
            var parts = SplitUnescaped(otherwise, '#');
            answers.Add(new NumericAnswer(null, 0, 0, parts.Count > 1 ? NullIfEmpty(Unescape(string.Join('#', parts.Skip(1)))) : null));
        }

        return (new NumericalBody(answers), default, null);
    }

    private static decimal? ParseNumber(string text) =>
        decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>"%50%rest" → (0.5, "rest").</summary>
    private static (decimal? Weight, string Remainder) Weight(string text)
    {
        var match = WeightPrefix().Match(text);
        return match.Success
            ? (decimal.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) / 100, text[match.Length..])
            : (null, text);
    }

    /// <summary>The answers of a block, each with its marker ('=' or '~'), split at unescaped markers.</summary>
    private static List<(char Marker, string Text)> AnswerTokens(string answers)
    {
        var tokens = new List<(char, string)>();
        var start = -1;
        var marker = ' ';
        for (var i = 0; i < answers.Length; i++)
        {
            if (answers[i] == '\\')
            {
                i++;
                continue;
            }

            // "->" in a matching pair is not a new answer.
            if (answers[i] is '=' or '~' && !(answers[i] == '=' && i + 1 < answers.Length && answers[i + 1] == '>'))
            {
                if (start >= 0)
                {
                    tokens.Add((marker, answers[start..i].Trim()));
                }

                marker = answers[i];
                start = i + 1;
            }
        }

        if (start >= 0)
        {
            tokens.Add((marker, answers[start..].Trim()));
        }

        return tokens;
    }

    private static int IndexOfUnescaped(string text, string value, int from)
    {
        for (var i = from; i <= text.Length - value.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
                continue;
            }

            if (string.CompareOrdinal(text, i, value, 0, value.Length) == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static List<string> SplitUnescaped(string text, char separator)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == separator)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    private static string Unescape(string text) => Escaped().Replace(text, m => m.Groups[1].Value == "n" ? "\n" : m.Groups[1].Value);

    private static string WithoutMarker(string text) => text[FormatMarker().Match(text).Length..].Trim();

    private static string? NullIfEmpty(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Moodle writes "$course$/top/Luật"; the bank's own path is what follows.</summary>
    internal static string CleanCategory(string path) =>
        CategoryPrefix().Replace(path.Trim(), "").Trim('/');

    /// <summary>"[id:ABC]" in a comment, "\]" for a bracket inside.</summary>
    [GeneratedRegex(@"\[id:((?:\\\]|[^\]\p{Cc}])+)\]")]
    private static partial Regex IdNumber();

    [GeneratedRegex(@"\[tag:((?:\\\]|[^\]<>\p{Cc}])+)\]")]
    private static partial Regex Tag();

    [GeneratedRegex(@"^\s*(TRUE|FALSE|T|F)(?=\s*(#|$))", RegexOptions.IgnoreCase)]
    private static partial Regex TrueFalse();

    [GeneratedRegex(@"^\s*%(-?\d+(?:\.\d+)?)%")]
    private static partial Regex WeightPrefix();

    [GeneratedRegex(@"\\(.)")]
    private static partial Regex Escaped();

    [GeneratedRegex(@"^\s*\[(html|moodle|plain|markdown)\]", RegexOptions.IgnoreCase)]
    private static partial Regex FormatMarker();

    [GeneratedRegex(@"^(\$(course|cat\d*|system|module)\$/)?(top/?)?", RegexOptions.IgnoreCase)]
    private static partial Regex CategoryPrefix();
}
