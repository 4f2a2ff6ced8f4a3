using ChildProtection.Training.Quizzes.Questions;

namespace ChildProtection.Training.Quizzes.Attempts;

/// <summary>
/// One question of a closed attempt as its review shows it: what was asked and answered (in the positions the
/// learner saw), the mark, the right answer and the feedback.
/// </summary>
/// <param name="RightOptions">Choices: the positions of the right ones. Matching: for each prompt, the position of its answer.</param>
/// <param name="RightTruth">True/false: the right value.</param>
/// <param name="RightText">Short answer: a text that earns the whole mark.</param>
/// <param name="RightNumber">Numerical: the value that earns the whole mark, with its tolerance.</param>
/// <param name="Cloze">Cloze: the gaps with their answers, for the review to show each gap's right one.</param>
public sealed record ReviewedQuestion(
    AttemptQuestionView Question,
    QuestionResponse? Answer,
    QuestionGrade Grade,
    IReadOnlyList<int> RightOptions,
    bool? RightTruth,
    string? RightText,
    NumericAnswer? RightNumber,
    string? GeneralFeedback,
    ClozeBody? Cloze = null);

public static class AttemptReview
{
    /// <summary>Whether the quiz's review option lets a closed attempt show its right answers and feedback now.</summary>
    public static bool Allowed(QuizDefinition quiz, DateTime? quizClosesUtc, DateTime now) => quiz.Review switch
    {
        ReviewPolicy.AfterAttempt => true,
        ReviewPolicy.AfterClose => (quiz.ReviewOpensUtc ?? quizClosesUtc) <= now,
        _ => false,
    };

    /// <param name="question">As the learner saw it.</param>
    /// <param name="answer">In the positions the learner saw.</param>
    public static ReviewedQuestion Of(AttemptQuestionView question, PlannedQuestion planned, Question stored, QuestionResponse? answer, QuestionGrade grade)
    {
        var position = planned.Order.Select((index, shown) => (index, shown)).ToDictionary(p => p.index, p => p.shown);
        var feedback = string.IsNullOrWhiteSpace(stored.Feedback) ? null : stored.Feedback;
        return stored.Body switch
        {
            ChoiceBody choice => new(question, answer, grade, RightChoices(choice).Select(i => position[i]).Order().ToList(), null, null, null, feedback),
            TrueFalseBody truth => new(question, answer, grade, [], truth.Correct, null, null, feedback),
            // Two prompts may share an answer text; any position showing that text is right.
            MatchingBody matching => new(question, answer, grade,
                matching.Pairs.Select(pair => planned.Order.Select((index, shown) => (index, shown)).First(p => matching.Options[p.index] == pair.Answer).shown).ToList(),
                null, null, null, feedback),
            ShortAnswerBody text => new(question, answer, grade, [], null, text.Answers.MaxBy(a => a.Fraction)?.Text, null, feedback),
            NumericalBody number => new(question, answer, grade, [], null, null, number.Answers.MaxBy(a => a.Fraction), feedback),
            ClozeBody cloze => new(question, answer, grade, [], null, null, null, feedback, cloze),
            _ => new(question, answer, grade, [], null, null, null, feedback),
        };
    }

    /// <summary>Multiple choice: every choice that adds marks. Single choice: the best ones.</summary>
    private static IEnumerable<int> RightChoices(ChoiceBody choice)
    {
        var best = choice.Choices.Count == 0 ? 0 : choice.Choices.Max(c => c.Fraction);
        return choice.Choices.Select((c, i) => (c, i)).Where(x => choice.Multiple ? x.c.Fraction > 0 : x.c.Fraction == best && best > 0).Select(x => x.i);
    }
}
