using System.Text;
using System.Text.RegularExpressions;

namespace ChildProtection.Training.Quizzes.Questions;

/// <summary>
/// A short answer as Moodle compares it: "*" stands for any text (so "*" alone is "any other answer", usually with
/// feedback for a wrong one), "\*" for an asterisk; case is ignored unless the question says otherwise.
/// </summary>
public static class ShortAnswerPattern
{
    public static bool Matches(string accepted, string given, bool caseSensitive)
    {
        var expected = Canonical(accepted);
        var answer = Canonical(given);
        if (!expected.Contains('*'))
        {
            return string.Equals(expected, answer, caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);
        }

        var pattern = new StringBuilder("^");
        for (var i = 0; i < expected.Length; i++)
        {
            if (expected[i] == '\\' && i + 1 < expected.Length && expected[i + 1] == '*')
            {
                pattern.Append(@"\*");
                i++;
            }
            else
            {
                pattern.Append(expected[i] == '*' ? ".*" : Regex.Escape(expected[i].ToString()));
            }
        }

        // Non-backtracking: a pattern of many stars against a long answer stays linear.
        var options = RegexOptions.NonBacktracking | RegexOptions.Singleline | RegexOptions.CultureInvariant | (caseSensitive ? RegexOptions.None : RegexOptions.IgnoreCase);
        return Regex.IsMatch(answer, pattern.Append('$').ToString(), options);
    }

    // Phones send composed or decomposed Vietnamese and stray spaces; neither makes an answer wrong.
    private static string Canonical(string text) =>
        string.Join(' ', text.Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
