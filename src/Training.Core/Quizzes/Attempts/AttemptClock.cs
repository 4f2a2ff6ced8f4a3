namespace ChildProtection.Training.Quizzes.Attempts;

public enum AnswerAcceptance
{
    Accepted,

    /// <summary>After the deadline and its grace period: the attempt is closed with what was saved before.</summary>
    DeadlinePassed,
    AttemptClosed,
}

/// <summary>The server's view of an attempt's time: only the server's clock decides.</summary>
/// <param name="Deadline">Start + the quiz's time limit, capped by when the quiz (or contest round) closes; null for none.</param>
public sealed record AttemptClock(DateTime StartedUtc, DateTime? Deadline)
{
    public static AttemptClock Start(QuizDefinition quiz, DateTime nowUtc, DateTime? closesUtc)
    {
        DateTime? limit = quiz.TimeLimit is { } time ? nowUtc + time : null;
        DateTime? deadline = (limit, closesUtc) switch
        {
            ({ } a, { } b) => a < b ? a : b,
            ({ } a, null) => a,
            (null, { } b) => b,
            _ => null,
        };
        return new AttemptClock(nowUtc, deadline);
    }

    public AnswerAcceptance Accepts(DateTime nowUtc, bool closed) =>
        closed ? AnswerAcceptance.AttemptClosed
        : Deadline is { } deadline && nowUtc > deadline + QuizDefinition.GracePeriod ? AnswerAcceptance.DeadlinePassed
        : AnswerAcceptance.Accepted;

    /// <summary>True once the deadline and its grace have passed: the server submits the attempt itself.</summary>
    public bool IsOverdue(DateTime nowUtc) => Deadline is { } deadline && nowUtc > deadline + QuizDefinition.GracePeriod;

    /// <summary>
    /// The finish time to record: when the learner submitted, but never later than the deadline, so a job that
    /// notices an overdue attempt late does not make it look slower (Moodle records when the limit ran out).
    /// </summary>
    public DateTime FinishedAt(DateTime submittedUtc) => Deadline is { } deadline && submittedUtc > deadline ? deadline : submittedUtc;

    public TimeSpan Duration(DateTime submittedUtc) => FinishedAt(submittedUtc) - StartedUtc;
}
