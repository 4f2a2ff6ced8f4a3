using ChildProtection.Web.Features.Email;
using ChildProtection.Web.Features.Learning;
using Hangfire;

namespace ChildProtection.Web.Hosting;

/// <summary>
/// Every recurring job of the site, under the ids its storage and the dashboard know them by. Each run only does the
/// work the database says is due, so a run missed during a restart is made up by the next one.
/// </summary>
internal sealed class RecurringJobs(IServiceProvider services) : IHostedLifecycleService
{
    public const string OutboxJob = "email-outbox";
    public const string SchedulingJob = "scheduled-publishing";
    public const string RemindersJob = "training-reminders";
    public const string OverdueAttemptsJob = "quiz-overdue-attempts";
    public const string ConcernEscalationJob = "concern-escalation";
    public const string ConcernRetentionJob = "concern-retention";
    public const string RequestLimitsJob = "request-limits-pruning";

    /// <summary>
    /// Once the site answers: no page waits for the jobs, and the tests' hosts are only started after this. A node
    /// restarted after being killed may find a lock its old process held (on PostgreSQL it expires within a minute, see
    /// BackgroundJobs): the registration is then tried again in the background until it goes through, instead of
    /// stopping the node; the other nodes keep the same jobs running meanwhile.
    /// </summary>
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!TryRegister())
        {
            var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            _ = Task.Run(async () =>
            {
                while (!stopping.IsCancellationRequested && !TryRegister())
                {
                    await Task.Delay(TimeSpan.FromSeconds(10), stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }, CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    private bool TryRegister()
    {
        try
        {
            Register(services.GetRequiredService<IRecurringJobManager>());
            return true;
        }
        catch (Exception e) when (e is Hangfire.Storage.DistributedLockTimeoutException or Hangfire.PostgreSql.PostgreSqlDistributedLockException)
        {
            services.GetRequiredService<ILogger<RecurringJobs>>().LogWarning(e, "The recurring jobs could not be registered yet (a lock is held); trying again in 10 seconds.");
            return false;
        }
    }

    private static void Register(IRecurringJobManager jobs)
    {
        // Catches up after restarts and failures; new messages go within seconds through the EmailDispatcher.
        jobs.AddOrUpdate<EmailOutboxDrainer>(OutboxJob, drainer => drainer.DrainAsync(CancellationToken.None), Cron.Minutely());
        // Publishes and unpublishes that are due: within a minute of their time, and after a restart too.
        jobs.AddOrUpdate<ScheduledPublishingJob>(SchedulingJob, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        jobs.AddOrUpdate<TrainingReminders>(RemindersJob, reminders => reminders.SendDueAsync(CancellationToken.None), Cron.Hourly());
        jobs.AddOrUpdate<OverdueAttempts>(OverdueAttemptsJob, job => job.SubmitAsync(CancellationToken.None), Cron.Minutely());
        // A report of concern no one acknowledged in time moves up a unit within a minute of its deadline.
        jobs.AddOrUpdate<ConcernDeadlineJobs>(ConcernEscalationJob, job => job.EscalateAsync(CancellationToken.None), Cron.Minutely());
        jobs.AddOrUpdate<ConcernDeadlineJobs>(ConcernRetentionJob, job => job.EraseExpiredAsync(CancellationToken.None), Cron.Daily(2));
        jobs.AddOrUpdate<ChildProtection.Training.Limits.RequestLimitRecords>(RequestLimitsJob, records => records.PruneAsync(CancellationToken.None), "*/10 * * * *");
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
