using Hangfire;

namespace ChildProtection.Web.Hosting;

/// <summary>Hangfire's entry point for scheduled publishing; the content engine decides what is due.</summary>
public sealed class ScheduledPublishingJob(Cms.Content.ContentScheduler scheduler, TimeProvider clock)
{
    [AutomaticRetry(Attempts = 0)] // a failed run is simply the next minute's work
    public Task<int> RunAsync(CancellationToken ct) => scheduler.RunDueAsync(clock.GetUtcNow().UtcDateTime, ct);
}
