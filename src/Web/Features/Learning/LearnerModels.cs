using ChildProtection.Training.Learning;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Units;

namespace ChildProtection.Web.Features.Learning;

public sealed record RegisterForm(string? FullName, string? Email, string? Password, LearnerRole? Role, int? UnitId);

public sealed record RegisterViewModel(RegisterForm Form, IReadOnlyList<Unit> Units, IReadOnlyList<string> Errors, bool Done = false);

public sealed record LearnerSignInForm(string? Email, string? Password, string? ReturnUrl, string? Error = null, string? Message = null);

public sealed record DashboardViewModel(Learner Learner, IReadOnlyList<CourseProgress> Courses, IReadOnlyList<Assignment> Assigned, string? Message = null);

public sealed record CourseViewModel(Learner Learner, CourseProgress Progress, string? PublicUrl, Certificate? Certificate, string? Error = null);

public sealed record LessonViewModel(Learner Learner, CourseProgress Progress, LessonOutline Lesson, string Html, Shared.LessonMedia Media, LessonOutline? Previous, LessonOutline? Next);

public sealed record AttemptViewModel(Guid CourseKey, AttemptState State);
