namespace ChildProtection.Training.Learning;

/// <summary>
/// A course as training needs it: its lessons in order and its final quiz. Courses are content; the host
/// answers these from its published content, so this library never reads the content engine.
/// </summary>
/// <param name="QuestionBank">The question bank the final quiz draws from; null when the course has no quiz.</param>
/// <param name="PassMark">Share of the marks needed to pass (0.8 = 80%).</param>
/// <param name="TimeLimit">How long one attempt at the final quiz may take; null for no limit.</param>
/// <param name="MaxAttempts">How many attempts a learner has at the final quiz; null for as many as they need.</param>
public sealed record CourseOutline(
    Guid Key,
    string Title,
    IReadOnlyList<LessonOutline> Lessons,
    string? QuestionBank,
    int QuizQuestions,
    decimal PassMark,
    TimeSpan? TimeLimit = null,
    int? MaxAttempts = null)
{
    public bool HasQuiz => QuestionBank is not null && QuizQuestions > 0;
}

public sealed record LessonOutline(Guid Key, string Title);

public interface ICourseCatalog
{
    IReadOnlyList<CourseOutline> Courses { get; }

    CourseOutline? Find(Guid courseKey);
}
