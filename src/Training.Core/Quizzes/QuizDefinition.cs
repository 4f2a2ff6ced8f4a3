namespace ChildProtection.Training.Quizzes;

/// <summary>How many questions a quiz draws from one category of its bank.</summary>
public sealed record CategoryDraw(string Category, int Count);

/// <summary>When a learner may see the right answers and the feedback (Moodle's review options, simplified).</summary>
public enum ReviewPolicy
{
    /// <summary>Only the score.</summary>
    Never,

    /// <summary>Right answers and feedback once the attempt is closed.</summary>
    AfterAttempt,

    /// <summary>Right answers and feedback once the quiz has closed for everyone (<see cref="QuizDefinition.ReviewOpensUtc"/>, else its closing time).</summary>
    AfterClose,
}

/// <summary>A quiz's settings: what it draws and the rules an attempt runs by.</summary>
/// <param name="TimeLimit">Null for no limit; the server's clock decides.</param>
/// <param name="MaxAttempts">Null for unlimited.</param>
/// <param name="PassMark">Share of the marks needed to pass (0.8 = 80%, the default the training courses use).</param>
/// <param name="ReviewOpensUtc">With <see cref="ReviewPolicy.AfterClose"/>: when review opens, if later than the quiz's close (a contest's last round shares its bank).</param>
public sealed record QuizDefinition(
    IReadOnlyList<CategoryDraw> Draws,
    TimeSpan? TimeLimit = null,
    int? MaxAttempts = null,
    decimal PassMark = 0.8m,
    bool ShuffleAnswers = true,
    ReviewPolicy Review = ReviewPolicy.AfterAttempt,
    DateTime? ReviewOpensUtc = null)
{
    /// <summary>Answers that arrive this long after the limit are still taken (they left the browser in time; Moodle: 60 s).</summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(60);

    public int QuestionCount => Draws.Sum(d => d.Count);
}

/// <summary>What a quiz built by <see cref="QuizService.EnsureQuizAsync"/> runs by besides its draw (a contest round's or a course's rules).</summary>
public sealed record QuizRules(
    TimeSpan? TimeLimit = null,
    int? MaxAttempts = null,
    ReviewPolicy Review = ReviewPolicy.AfterAttempt,
    DateTime? OpensUtc = null,
    DateTime? ClosesUtc = null,
    DateTime? ReviewOpensUtc = null);
