using ChildProtection.Training.Quizzes.Questions;

namespace ChildProtection.Training.Quizzes.Attempts;

/// <summary>One question of an attempt, with the order its choices (or matching answers) are shown in.</summary>
/// <param name="QuestionId">The question's id in its bank.</param>
/// <param name="Order">Display position → index in the question's stored choices (or pairs, for matching answers).</param>
public sealed record PlannedQuestion(long QuestionId, IReadOnlyList<int> Order);

/// <summary>
/// Which questions an attempt gets and in what order, made from the attempt's seed and the bank as it is when the
/// attempt starts: the same seed and bank always give the same plan, so a plan can be checked afterwards.
/// </summary>
public static class AttemptPlanner
{
    /// <param name="bank">Question id → question, for the categories the quiz draws from.</param>
    /// <exception cref="InvalidOperationException">A category holds fewer questions than the quiz draws.</exception>
    public static IReadOnlyList<PlannedQuestion> Plan(QuizDefinition quiz, IReadOnlyDictionary<long, Question> bank, int seed)
    {
        var random = new Random(seed);
        var planned = new List<PlannedQuestion>();
        foreach (var draw in quiz.Draws)
        {
            // Sorted first: the draw must not depend on the order the database happened to return rows in.
            var candidates = bank.Where(q => q.Value.Category == draw.Category).Select(q => q.Key).Order().ToArray();
            if (candidates.Length < draw.Count)
            {
                throw new InvalidOperationException($"Category '{draw.Category}' has {candidates.Length} questions; the quiz draws {draw.Count}.");
            }

            random.Shuffle(candidates);
            foreach (var id in candidates.Take(draw.Count))
            {
                var size = OptionCount(bank[id].Body);
                var order = Enumerable.Range(0, size).ToArray();
                if (quiz.ShuffleAnswers && bank[id].Settings.ShuffleAnswers && bank[id].Body is not TrueFalseBody)
                {
                    random.Shuffle(order);
                }

                planned.Add(new PlannedQuestion(id, order));
            }
        }

        return planned;
    }

    private static int OptionCount(QuestionBody body) => body switch
    {
        ChoiceBody choice => choice.Choices.Count,
        MatchingBody matching => matching.Options.Count,
        _ => 0,
    };
}
