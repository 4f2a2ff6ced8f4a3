using ChildProtection.Training.Quizzes.Questions;

namespace ChildProtection.Training.Quizzes.Attempts;

/// <summary>An attempt's result: marks per question, the total, and whether it passed.</summary>
public sealed record AttemptScore(IReadOnlyList<QuestionGrade> Grades, decimal PassMark)
{
    public decimal Marks => Grades.Sum(g => g.Fraction);

    /// <summary>Questions answered fully right: what law contests rank by.</summary>
    public int CorrectCount => Grades.Count(g => g.IsCorrect);

    public decimal Share => Grades.Count == 0 ? 0 : Marks / Grades.Count;

    public bool Passed => Share >= PassMark;

    /// <summary>Scores saved answers against the plan; an unanswered question earns nothing.</summary>
    public static AttemptScore Of(QuizDefinition quiz, IReadOnlyList<PlannedQuestion> plan, IReadOnlyDictionary<long, Question> bank, IReadOnlyDictionary<long, QuestionResponse> answers) =>
        new(plan.Select(p => QuestionGrader.Grade(bank[p.QuestionId].Body, answers.GetValueOrDefault(p.QuestionId))).ToList(), quiz.PassMark);
}
