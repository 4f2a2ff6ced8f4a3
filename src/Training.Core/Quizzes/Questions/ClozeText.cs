using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ChildProtection.Training.Quizzes.Questions;

/// <summary>How a Cloze gap of choices is shown (Moodle's MULTICHOICE, MULTICHOICE_V, MULTICHOICE_H).</summary>
public enum ClozeLayout
{
    DropDown,
    Vertical,
    Horizontal,
}

/// <summary>One gap of a Cloze question: its weight among the gaps, what it accepts (choices, a short answer or a number) and how it shows.</summary>
/// <param name="Body">A <see cref="ChoiceBody"/> (multiple for MULTIRESPONSE), <see cref="ShortAnswerBody"/> or <see cref="NumericalBody"/>.</param>
/// <param name="Shuffle">Moodle's _S variants: kept for the export; choices here are shown in their order.</param>
public sealed record ClozeGap(int Weight, QuestionBody Body, ClozeLayout Layout = ClozeLayout.DropDown, bool Shuffle = false);

/// <summary>
/// Moodle's embedded answers (Cloze, qtype_multianswer): gaps written in the question's text as
/// <c>{1:MULTICHOICE:=Right#Well done~Wrong}</c>, <c>{1:SHORTANSWER:=answer}</c>, <c>{2:NUMERICAL:=16:0}</c>. The
/// text keeps a placeholder <c>{#1}</c>, <c>{#2}</c>… where each gap was, as Moodle stores it, and the gaps come out
/// in order. Read as Moodle's question/type/multianswer/questiontype.php reads them: its type names and short forms,
/// "=" or "%50%" before an answer, "#" before its feedback, "~" between answers, and "\}", "\~", "\#" or "\/" for the
/// character itself.
/// </summary>
public static partial class ClozeText
{
    /// <summary>The gaps of <paramref name="text"/> and the text with placeholders; the first gap that cannot be read as the detail of an error.</summary>
    public static (string Text, IReadOnlyList<ClozeGap> Gaps, string? Error) Parse(string text)
    {
        var gaps = new List<ClozeGap>();
        string? error = null;
        var replaced = Gap().Replace(text, match =>
        {
            if (error is not null)
            {
                return match.Value;
            }

            var gap = Read(match.Groups["weight"].Value, match.Groups["type"].Value.ToUpperInvariant(), match.Groups["answers"].Value);
            if (gap is null)
            {
                error = match.Value;
                return match.Value;
            }

            gaps.Add(gap);
            return Placeholder(gaps.Count);
        });
        return (replaced, gaps, error);
    }

    /// <summary>The text with each placeholder written back as its gap, for the export (Moodle XML keeps Cloze so).</summary>
    public static string Write(string text, IReadOnlyList<ClozeGap> gaps) =>
        PlaceholderPattern().Replace(text, m => int.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= gaps.Count ? Write(gaps[n - 1]) : m.Value);

    /// <summary>Where the <paramref name="number"/>th gap (from 1) stands in the text.</summary>
    public static string Placeholder(int number) => string.Create(CultureInfo.InvariantCulture, $"{{#{number}}}");

    /// <summary>The text with each placeholder shown as its number in brackets ("[1]"), for a page that lists the gaps below it.</summary>
    public static string Numbered(string text) => PlaceholderPattern().Replace(text, m => $"[{m.Groups[1].Value}]");

    /// <summary>The text split at its placeholders: the pieces of wording and, between them, the gap numbers (from 1).</summary>
    public static IEnumerable<(string Wording, int? Gap)> Pieces(string text)
    {
        var at = 0;
        foreach (Match m in PlaceholderPattern().Matches(text))
        {
            yield return (text[at..m.Index], int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
            at = m.Index + m.Length;
        }

        yield return (text[at..], null);
    }

    private static ClozeGap? Read(string weightText, string type, string answersText)
    {
        var weight = weightText.Length == 0 ? 1 : int.Parse(weightText, CultureInfo.InvariantCulture);
        var alternatives = new List<(decimal Fraction, string Answer, string? Feedback)>();
        foreach (var alternative in SplitUnescaped(answersText, '~'))
        {
            var fraction = 0m;
            var rest = alternative;
            if (rest.StartsWith('='))
            {
                (fraction, rest) = (1, rest[1..]);
            }
            else if (Percent().Match(rest) is { Success: true } percent)
            {
                fraction = decimal.Parse(percent.Groups[1].Value.Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) / 100;
                rest = rest[percent.Length..];
            }

            var parts = SplitUnescaped(rest, '#');
            var answer = Unescape(parts[0]).Trim();
            if (answer.Length == 0)
            {
                return null;
            }

            alternatives.Add((fraction, answer, parts.Count > 1 && Unescape(string.Join('#', parts.Skip(1))).Trim() is { Length: > 0 } feedback ? feedback : null));
        }

        if (alternatives.Count == 0)
        {
            return null;
        }

        switch (type)
        {
            case "NUMERICAL" or "NM":
                var numbers = new List<NumericAnswer>();
                foreach (var (fraction, answer, feedback) in alternatives)
                {
                    if (answer == "*")
                    {
                        numbers.Add(new NumericAnswer(null, 0, fraction, feedback));
                        continue;
                    }

                    var valueAndTolerance = answer.Split(':', 2);
                    if (!QuestionGrader.TryParseNumber(valueAndTolerance[0], out var value))
                    {
                        return null;
                    }

                    var tolerance = 0m;
                    if (valueAndTolerance.Length == 2 && !QuestionGrader.TryParseNumber(valueAndTolerance[1], out tolerance))
                    {
                        return null;
                    }

                    numbers.Add(new NumericAnswer(value, Math.Abs(tolerance), fraction, feedback));
                }

                return new ClozeGap(weight, new NumericalBody(numbers));
            case "SHORTANSWER" or "SA" or "MW" or "SHORTANSWER_C" or "SAC" or "MWC":
                return new ClozeGap(weight, new ShortAnswerBody(alternatives.Select(a => new Choice(a.Answer, a.Fraction, a.Feedback)).ToList(), CaseSensitive: type is "SHORTANSWER_C" or "SAC" or "MWC"));
            default:
                var (multiple, layout, shuffle) = ChoiceType(type);
                return new ClozeGap(weight, new ChoiceBody(alternatives.Select(a => new Choice(a.Answer, a.Fraction, a.Feedback)).ToList(), multiple), layout, shuffle);
        }
    }

    private static (bool Multiple, ClozeLayout Layout, bool Shuffle) ChoiceType(string type) => type switch
    {
        "MULTICHOICE_V" or "MCV" => (false, ClozeLayout.Vertical, false),
        "MULTICHOICE_H" or "MCH" => (false, ClozeLayout.Horizontal, false),
        "MULTICHOICE_S" or "MCS" => (false, ClozeLayout.DropDown, true),
        "MULTICHOICE_VS" or "MCVS" => (false, ClozeLayout.Vertical, true),
        "MULTICHOICE_HS" or "MCHS" => (false, ClozeLayout.Horizontal, true),
        "MULTIRESPONSE" or "MR" => (true, ClozeLayout.Vertical, false),
        "MULTIRESPONSE_H" or "MRH" => (true, ClozeLayout.Horizontal, false),
        "MULTIRESPONSE_S" or "MRS" => (true, ClozeLayout.Vertical, true),
        "MULTIRESPONSE_HS" or "MRHS" => (true, ClozeLayout.Horizontal, true),
        _ => (false, ClozeLayout.DropDown, false),
    };

    private static string Write(ClozeGap gap)
    {
        var (type, answers) = gap.Body switch
        {
            NumericalBody numbers => ("NUMERICAL", numbers.Answers.Select(a => Alternative(a.Fraction, a.Value is { } v ? $"{Number(v)}:{Number(a.Tolerance)}" : "*", a.Feedback))),
            ShortAnswerBody text => (text.CaseSensitive ? "SHORTANSWER_C" : "SHORTANSWER", text.Answers.Select(a => Alternative(a.Fraction, Escape(a.Text), a.Feedback))),
            ChoiceBody choice => (ChoiceTypeName(choice.Multiple, gap.Layout, gap.Shuffle), choice.Choices.Select(c => Alternative(c.Fraction, Escape(c.Text), c.Feedback))),
            _ => throw new NotSupportedException(gap.Body.GetType().Name),
        };
        return string.Create(CultureInfo.InvariantCulture, $"{{{gap.Weight}:{type}:{string.Join('~', answers)}}}");
    }

    private static string ChoiceTypeName(bool multiple, ClozeLayout layout, bool shuffle) => (multiple, layout, shuffle) switch
    {
        (false, ClozeLayout.Vertical, false) => "MULTICHOICE_V",
        (false, ClozeLayout.Vertical, true) => "MULTICHOICE_VS",
        (false, ClozeLayout.Horizontal, false) => "MULTICHOICE_H",
        (false, ClozeLayout.Horizontal, true) => "MULTICHOICE_HS",
        (false, _, false) => "MULTICHOICE",
        (false, _, true) => "MULTICHOICE_S",
        (true, ClozeLayout.Horizontal, false) => "MULTIRESPONSE_H",
        (true, ClozeLayout.Horizontal, true) => "MULTIRESPONSE_HS",
        (true, _, false) => "MULTIRESPONSE",
        (true, _, true) => "MULTIRESPONSE_S",
    };

    private static string Alternative(decimal fraction, string answer, string? feedback) =>
        (fraction == 1 ? "=" : fraction == 0 ? "" : $"%{Number(fraction * 100)}%") + answer + (feedback is null ? "" : "#" + Escape(feedback));

    private static string Number(decimal value) => value.ToString("0.#######", CultureInfo.InvariantCulture);

    private static string Escape(string text)
    {
        var output = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '}' or '~' or '#' or '\\')
            {
                output.Append('\\');
            }

            output.Append(c);
        }

        return output.ToString();
    }

    private static string Unescape(string text) => Escaped().Replace(text, m => m.Groups[1].Value);

    private static List<string> SplitUnescaped(string text, char separator)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                current.Append(text, i, 2);
                i++;
            }
            else if (text[i] == separator)
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(text[i]);
            }
        }

        parts.Add(current.ToString());
        return parts;
    }

    /// <summary>A gap: "{weight:TYPE:answers}", its answers running to the first "}" not escaped.</summary>
    [GeneratedRegex(@"\{(?<weight>[0-9]*):(?<type>NUMERICAL|NM|MULTICHOICE(?:_VS|_HS|_V|_H|_S)?|MCVS|MCHS|MCV|MCH|MCS|MC|SHORTANSWER(?:_C)?|SAC|SA|MWC|MW|MULTIRESPONSE(?:_HS|_H|_S)?|MRHS|MRH|MRS|MR):(?<answers>(?:\\.|[^\\}])*)\}", RegexOptions.IgnoreCase)]
    private static partial Regex Gap();

    [GeneratedRegex(@"\{#([0-9]+)\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"^%(-?[0-9]+(?:[.,][0-9]*)?)%")]
    private static partial Regex Percent();

    [GeneratedRegex(@"\\([\\}~#/])")]
    private static partial Regex Escaped();
}
