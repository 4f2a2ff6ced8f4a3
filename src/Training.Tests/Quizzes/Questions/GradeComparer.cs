using ChildProtection.Training.Quizzes.Questions;

namespace ChildProtection.Training.Tests.Quizzes.Questions;

/// <summary>Grades compared by their fraction and feedback (a record compares its list by reference).</summary>
internal sealed class GradeComparer : IEqualityComparer<QuestionGrade>
{
    public bool Equals(QuestionGrade? x, QuestionGrade? y) => x!.Fraction == y!.Fraction && x.Feedback.SequenceEqual(y.Feedback);

    public int GetHashCode(QuestionGrade obj) => obj.Fraction.GetHashCode();
}
