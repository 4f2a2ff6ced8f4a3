using System.Globalization;

namespace ChildProtection.Training.Quizzes.Questions;

/// <summary>
/// The checks Moodle makes before it saves a question, so that no imported question makes full marks impossible or
/// trivial: every answer's grade is one of Moodle's fractions; a single-choice, short-answer or numerical question has
/// an answer worth 100%; the positive grades of a multiple-response question add up to 100%; a matching question has
/// at least two prompts and three answers, and every prompt an answer; an essay's word limits leave room for an answer.
/// </summary>
public static class QuestionRules
{
    /// <summary>Moodle's grade fractions (question_bank::fraction_options_full), each also negative.</summary>
    public static readonly IReadOnlyList<decimal> AllowedFractions =
    [
        1m, 0.9m, 0.8333333m, 0.8m, 0.75m, 0.7m, 0.6666667m, 0.6m, 0.5m, 0.4m, 0.3333333m, 0.3m, 0.25m, 0.2m,
        0.1666667m, 0.1428571m, 0.125m, 0.1111111m, 0.1m, 0.05m, 0m,
    ];

    // Moodle compares a grade with its list within this, so 33.33333% is a third.
    private const decimal Closeness = 0.00001m;

    /// <returns>The first rule the body breaks, with the figure at fault; null when it keeps them all.</returns>
    public static (ImportProblemKind Kind, string? Detail)? Check(QuestionBody body)
    {
        if (body is ClozeBody cloze)
        {
            // Moodle takes any percentage in a gap; each gap must still have an answer worth all its marks.
            return cloze.Gaps.Count == 0 ? (ImportProblemKind.BadCloze, null)
                : cloze.Gaps.Select(g => Check(g.Body)).FirstOrDefault(p => p is { Kind: not ImportProblemKind.GradeNotAllowed });
        }

        var fractions = body switch
        {
            ChoiceBody choice => choice.Choices.Select(c => c.Fraction).ToList(),
            ShortAnswerBody text => text.Answers.Select(a => a.Fraction).ToList(),
            NumericalBody numbers => numbers.Answers.Select(a => a.Fraction).ToList(),
            _ => [],
        };
        if (fractions.Where(f => !IsAllowed(f)).Select(f => (decimal?)f).FirstOrDefault() is { } odd)
        {
            return (ImportProblemKind.GradeNotAllowed, Percent(odd));
        }

        switch (body)
        {
            case ChoiceBody or ShortAnswerBody or NumericalBody when fractions.All(f => f <= 0):
                return (ImportProblemKind.NoCorrectAnswer, null);
            case ChoiceBody { Multiple: true }:
                var total = Math.Round(fractions.Where(f => f > 0).Sum(), 2);
                return total == 1 ? null : (ImportProblemKind.GradesDoNotAddUp, Percent(total));
            case ChoiceBody or ShortAnswerBody or NumericalBody:
                var best = fractions.Max();
                return Math.Abs(best - 1) < Closeness ? null : (ImportProblemKind.NoFullMarks, Percent(best));
            case MatchingBody matching:
                if (matching.Pairs.FirstOrDefault(p => p.Answer.Trim().Length == 0) is { } unanswered)
                {
                    return (ImportProblemKind.PromptWithoutAnswer, FormattedText.ShortName(unanswered.Prompt, TextFormat.Html));
                }

                return matching.Pairs.Count >= 2 && matching.Options.Count >= 3
                    ? null
                    : (ImportProblemKind.TooFewPairs, string.Create(CultureInfo.InvariantCulture, $"{matching.Pairs.Count}/{matching.Options.Count}"));
            case EssayBody { MinWords: { } fewest, MaxWords: { } most } when fewest > most:
                return (ImportProblemKind.WordLimitsCrossed, string.Create(CultureInfo.InvariantCulture, $"{fewest}/{most}"));
            default:
                return null;
        }
    }

    private static bool IsAllowed(decimal fraction) => AllowedFractions.Any(a => Math.Abs(Math.Abs(fraction) - a) < Closeness);

    private static string Percent(decimal fraction) => (fraction * 100).ToString("0.#####", CultureInfo.InvariantCulture) + "%";
}
