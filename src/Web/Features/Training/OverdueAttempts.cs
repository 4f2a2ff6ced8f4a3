using ChildProtection.Training.Quizzes;
using Hangfire;

namespace ChildProtection.Web.Features.Training;

/// <summary>
/// Hangfire's entry point for attempts left open past their deadline (a closed tab, a lost connection): each is
/// submitted with the answers it saved, so it counts in the organisers' live figures and the learner sees a result.
/// </summary>
public sealed class OverdueAttempts(QuizService quizzes)
{
    public const string Job = "quiz-overdue-attempts";

    [AutomaticRetry(Attempts = 0)] // the next minute's run picks up whatever this one missed
    public Task<int> SubmitAsync(CancellationToken ct) => quizzes.SubmitOverdueAsync(ct);
}

/// <summary>Registers the run every minute once the site has started.</summary>
internal sealed class OverdueAttemptsStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<OverdueAttempts>(OverdueAttempts.Job, job => job.SubmitAsync(CancellationToken.None), Cron.Minutely());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
