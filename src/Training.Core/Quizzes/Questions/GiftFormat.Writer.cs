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

            if (question.Body is ClozeBody)
            {
                // As Moodle's GIFT export does with a type GIFT has no syntax for: said, not lost silently.
                output.Append("// Cloze (embedded answers) \"").Append(question.Name).Append("\" cannot be written in GIFT: export the bank as Moodle XML.\n\n");
                continue;
            }

            if (IdAndTags(question.Settings) is { Length: > 0 } comment)
            {
                output.Append("// ").Append(comment).Append('\n');
            }

            output.Append("::").Append(Escape(question.Name)).Append("::").Append(FormatPrefix(question.Format)).Append(Escape(question.Text));
            if (question.Body is DescriptionBody)
            {
                // As Moodle writes one: no answer block, and so no room for general feedback.
                output.Append("\n\n");
                continue;
            }

            output.Append(" {");
            output.Append(question.Body switch
            {
                ChoiceBody choice => string.Concat(choice.Choices.Select(c =>
                    (choice.Multiple || c.Fraction is not (0 or 1) ? $"~%{Percent(c.Fraction)}%" : c.Fraction == 1 ? "=" : "~") + Escape(c.Text) + Feedback(c.Feedback) + " ")),
                // The feedback for a wrong answer comes first: an empty one keeps its place when there is one for a right answer.
                TrueFalseBody truth => (truth.Correct ? "TRUE" : "FALSE")
                    + (truth.FeedbackWhenWrong is null && truth.FeedbackWhenRight is not null ? "#" : Feedback(truth.FeedbackWhenWrong))
                    + Feedback(truth.FeedbackWhenRight),
                MatchingBody matching => string.Concat(matching.Pairs.Select(p => $"={Escape(p.Prompt)} -> {Escape(p.Answer)} ").Concat((matching.ExtraAnswers ?? []).Select(a => $"= -> {Escape(a)} "))),
                ShortAnswerBody text => string.Concat(text.Answers.Select(a => (a.Fraction == 1 ? "=" : $"=%{Percent(a.Fraction)}%") + Escape(a.Text) + Feedback(a.Feedback) + " ")),
                NumericalBody numbers => "#" + string.Concat(numbers.Answers.Select((a, i) => a switch
                {
                    // Moodle's way for any other number: last, earning nothing, after "~".
                    { Value: null, Fraction: 0 } when i == numbers.Answers.Count - 1 => "~" + Feedback(a.Feedback),
                    _ => $"={(a.Fraction == 1 ? "" : $"%{Percent(a.Fraction)}%")}{(a.Value is { } value ? $"{Number(value)}:{Number(a.Tolerance)}" : "*")}{Feedback(a.Feedback)} ",
                })),
                EssayBody => "",
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

    /// <summary>
    /// A question edited as GIFT, with what GIFT cannot write (the mark, penalty, shuffling and hints; an essay's limits,
    /// attachment and marking guide) kept from the question as it was stored; its ID number and tags are the edited text's.
    /// </summary>
    public static Question KeepSettings(Question edited, Question stored) =>
        edited with
        {
            Settings = stored.Settings with { IdNumber = edited.Settings.IdNumber, Tags = edited.Settings.Tags },
            Body = (edited.Body, stored.Body) is (EssayBody, EssayBody essay) ? essay : edited.Body,
        };

    /// <summary>Moodle's "[id:…] [tag:…]" comment, with "]" escaped; empty when the question has neither.</summary>
    private static string IdAndTags(QuestionSettings settings) =>
        string.Join(' ', (settings.IdNumber is { } id ? [$"[id:{id.Replace("]", "\\]")}]"] : Array.Empty<string>())
            .Concat(settings.Tags.Select(t => $"[tag:{t.Replace("]", "\\]")}]")));

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
