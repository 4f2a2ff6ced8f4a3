using ChildProtection.Training.Quizzes.Questions;

namespace ChildProtection.Training.Quizzes.Attempts;

/// <summary>An attempt's result: marks per question, the total, and whether it passed.</summary>
/// <param name="MaxMarks">Each question's mark (its <see cref="QuestionSettings.DefaultMark"/>), in the order of the grades; 1 each when null.</param>
public sealed record AttemptScore(IReadOnlyList<QuestionGrade> Grades, decimal PassMark, IReadOnlyList<decimal>? MaxMarks = null)
{
    public decimal Marks => Grades.Select((g, i) => g.Fraction * MaxMark(i)).Sum();

    /// <summary>Questions answered fully right: what law contests rank by.</summary>
    public int CorrectCount => Grades.Count(g => g.IsCorrect);

    public decimal Share => Grades.Select((_, i) => MaxMark(i)).Sum() is var total and > 0 ? Marks / total : 0;

    /// <summary>Not passed while an essay waits for its marks: the pass is decided once people have marked it.</summary>
    public bool Passed => !AwaitingMarks && Share >= PassMark;

    /// <summary>An essay of the attempt is written and not marked yet.</summary>
    public bool AwaitingMarks => Grades.Any(g => g.AwaitingMarks);

    /// <summary>Scores saved answers against the plan; an unanswered question earns nothing.</summary>
    /// <param name="marked">Essays' shares as their markers decided them, by question id; an essay not in it awaits its marks.</param>
    public static AttemptScore Of(QuizDefinition quiz, IReadOnlyList<PlannedQuestion> plan, IReadOnlyDictionary<long, Question> bank, IReadOnlyDictionary<long, QuestionResponse> answers, IReadOnlyDictionary<long, decimal>? marked = null) =>
        new(plan.Select(p => QuestionGrader.Grade(bank[p.QuestionId].Body, answers.GetValueOrDefault(p.QuestionId), marked is not null && marked.TryGetValue(p.QuestionId, out var share) ? share : null)).ToList(),
            quiz.PassMark,
            plan.Select(p => bank[p.QuestionId].Settings.DefaultMark).ToList());

    private decimal MaxMark(int index) => MaxMarks is { } marks ? marks[index] : 1;
}
