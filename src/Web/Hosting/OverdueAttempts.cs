using ChildProtection.Training.Quizzes;
using Hangfire;

namespace ChildProtection.Web.Hosting;

/// <summary>
/// Hangfire's entry point for attempts left open past their deadline (a closed tab, a lost connection): each is
/// submitted with the answers it saved, so it counts in the organisers' live figures and the learner sees a result.
/// </summary>
public sealed class OverdueAttempts(QuizService quizzes)
{
    [AutomaticRetry(Attempts = 0)] // the next minute's run picks up whatever this one missed
    public Task<int> SubmitAsync(CancellationToken ct) => quizzes.SubmitOverdueAsync(ct);
}
