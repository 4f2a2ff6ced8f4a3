using System.Globalization;
using System.Text;

namespace ChildProtection.Training.Quizzes.Questions;

/// <summary>Writing a bank in GIFT, for the export: what <see cref="Parse"/> reads back to the same questions.</summary>
public static partial class GiftFormat
{
    public static string Write(IEnumerable<Question> questions)
    {
        var output = new StringBuilder();
        string? category = null;
        foreach (var question in questions)
        {
            if (question.Category != category)
            {
                category = question.Category;
                output.Append("$CATEGORY: ").Append(category).Append("\n\n");
            }

            output.Append("::").Append(Escape(question.Name)).Append("::").Append(FormatPrefix(question.Format)).Append(Escape(question.Text)).Append(" {");
            output.Append(question.Body switch
            {
                ChoiceBody choice => string.Concat(choice.Choices.Select(c =>
                    (choice.Multiple || c.Fraction is not (0 or 1) ? $"~%{Percent(c.Fraction)}%" : c.Fraction == 1 ? "=" : "~") + Escape(c.Text) + Feedback(c.Feedback) + " ")),
                TrueFalseBody truth => (truth.Correct ? "TRUE" : "FALSE") + Feedback(truth.FeedbackWhenWrong) + Feedback(truth.FeedbackWhenRight),
                MatchingBody matching => string.Concat(matching.Pairs.Select(p => $"={Escape(p.Prompt)} -> {Escape(p.Answer)} ")),
                ShortAnswerBody text => string.Concat(text.Answers.Select(a => (a.Fraction == 1 ? "=" : $"=%{Percent(a.Fraction)}%") + Escape(a.Text) + Feedback(a.Feedback) + " ")),
                NumericalBody numbers => "#" + string.Concat(numbers.Answers.Select(a =>
                    $"={(a.Fraction == 1 ? "" : $"%{Percent(a.Fraction)}%")}{Number(a.Value)}:{Number(a.Tolerance)}{Feedback(a.Feedback)} ")),
                _ => throw new NotSupportedException(question.Body.GetType().Name),
            });
            if (!string.IsNullOrWhiteSpace(question.Feedback))
            {
                output.Append("####").Append(Escape(question.Feedback));
            }

            output.Append("}\n\n");
        }

        return output.ToString();
    }

    private static string Escape(string text)
    {
        var output = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (Specials.Contains(c) || c == '\\')
            {
                output.Append('\\');
            }

            output.Append(c == '\n' ? "\\n" : c.ToString());
        }

        return output.ToString();
    }

    private static string FormatPrefix(TextFormat format) => format switch
    {
        TextFormat.Html => "[html]",
        TextFormat.Markdown => "[markdown]",
        _ => "",
    };

    private static string Feedback(string? feedback) => string.IsNullOrWhiteSpace(feedback) ? "" : "#" + Escape(feedback);

    private static string Percent(decimal fraction) => (fraction * 100).ToString("0.#####", CultureInfo.InvariantCulture);

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
