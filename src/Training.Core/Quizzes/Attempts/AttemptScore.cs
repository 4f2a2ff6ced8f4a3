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

    public bool Passed => Share >= PassMark;

    /// <summary>Scores saved answers against the plan; an unanswered question earns nothing.</summary>
    public static AttemptScore Of(QuizDefinition quiz, IReadOnlyList<PlannedQuestion> plan, IReadOnlyDictionary<long, Question> bank, IReadOnlyDictionary<long, QuestionResponse> answers) =>
        new(plan.Select(p => QuestionGrader.Grade(bank[p.QuestionId].Body, answers.GetValueOrDefault(p.QuestionId))).ToList(),
            quiz.PassMark,
            plan.Select(p => bank[p.QuestionId].Settings.DefaultMark).ToList());

    private decimal MaxMark(int index) => MaxMarks is { } marks ? marks[index] : 1;
}
