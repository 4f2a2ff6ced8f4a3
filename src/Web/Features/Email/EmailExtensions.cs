using ChildProtection.Cms.Persistence;
using ChildProtection.Web.Features.Backoffice;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace ChildProtection.Web.Features.Email;

public static class EmailExtensions
{
    public const string DrainJob = "email-outbox";
    public const string SchedulingJob = "scheduled-publishing";
    public const string JobsDashboardPath = "/backoffice/jobs";

    /// <summary>
    /// E-mail through an outbox table drained by Hangfire. Hangfire only triggers the work the database describes,
    /// so its in-memory storage is enough on SQLite; on PostgreSQL it keeps its queue there too.
    /// </summary>
    public static WebApplicationBuilder AddEmail(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<SiteDbContext>(sp => sp.GetRequiredService<DatabaseConnection>().Provider == DatabaseProvider.PostgreSql
            ? sp.GetRequiredService<PostgresSiteDbContext>()
            : sp.GetRequiredService<SqliteSiteDbContext>());
        services.AddDbContext<SqliteSiteDbContext>((sp, o) => sp.GetRequiredService<DatabaseConnection>().Configure(o));
        services.AddDbContext<PostgresSiteDbContext>((sp, o) => sp.GetRequiredService<DatabaseConnection>().Configure(o));
        services.AddScoped<IEmailOutbox, EmailOutbox>();
        services.AddScoped<OutboxTransaction>();
        services.AddScoped<EmailOutboxDrainer>();
        services.AddScoped<ScheduledPublishingJob>();
        services.AddSingleton<EmailDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<EmailDispatcher>());

        // Before the Hangfire server starts: the table its jobs read must exist.
        services.AddHostedService<SiteTablesStartup>();

        // The storage is this host's own service, not Hangfire's process-wide JobStorage.Current, and so is the
        // log provider: several hosts in one process (the tests) must not share or outlive each other's.
        services.AddSingleton<JobStorage>(sp =>
        {
            var database = sp.GetRequiredService<DatabaseConnection>();
            if (database.Provider != DatabaseProvider.PostgreSql)
            {
                return new Hangfire.InMemory.InMemoryStorage();
            }

            // Hangfire's server is built before any start-up work runs, and its storage connects at once: on a
            // first start the database the migrations would create must already be there.
            using (var scope = sp.CreateScope())
            {
                var creator = scope.ServiceProvider.GetRequiredService<CmsDbContext>().GetService<IRelationalDatabaseCreator>();
                if (!creator.Exists())
                {
                    creator.Create();
                }
            }

            var options = new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = true };
            return new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(database.ConnectionString, options), options);
        });
        services.AddHangfire((sp, configuration) => configuration
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogProvider(sp.GetRequiredService<ILoggerFactory>())));
        // The server activates jobs from this host's services. Left alone it takes Hangfire's process-wide
        // JobActivator.Current, which the last host to start sets: in a process with several hosts (the tests) jobs
        // would then run on a stopped host's disposed services and fail.
        services.AddHangfireServer((sp, o) =>
        {
            o.WorkerCount = Math.Max(2, Environment.ProcessorCount);
            o.Activator = new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>());
        });
        return builder;
    }

    /// <summary>Hangfire's dashboard at /backoffice/jobs, for administrators only.</summary>
    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        // The endpoint's policy decides who may see it; Hangfire's own filter (local requests only) would refuse
        // every administrator working from another machine.
        app.MapHangfireDashboard(JobsDashboardPath, new DashboardOptions { Authorization = [], AppPath = "/backoffice", DashboardTitle = "Jobs" })
            .RequireAuthorization(BackofficePolicies.Administer);
        return app;
    }
}

/// <summary>
/// Creates the site's tables, loads the saved settings, and registers the recurring jobs: the outbox drain that
/// catches up after restarts and failures, and scheduled publishing.
/// </summary>
internal sealed class SiteTablesStartup(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SiteDbContext>().Database.MigrateAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<Infrastructure.SiteSettings>().LoadAsync(cancellationToken);
        var jobs = scope.ServiceProvider.GetRequiredService<IRecurringJobManager>();
        jobs.AddOrUpdate<EmailOutboxDrainer>(EmailExtensions.DrainJob, drainer => drainer.DrainAsync(CancellationToken.None), Cron.Minutely());
        // Publishes and unpublishes that are due: within a minute of their time, and after a restart too.
        jobs.AddOrUpdate<ScheduledPublishingJob>(EmailExtensions.SchedulingJob, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Hangfire's entry point for scheduled publishing; the content engine decides what is due.</summary>
public sealed class ScheduledPublishingJob(Cms.Content.ContentScheduler scheduler, TimeProvider clock)
{
    [AutomaticRetry(Attempts = 0)] // a failed run is simply the next minute's work
    public Task<int> RunAsync(CancellationToken ct) => scheduler.RunDueAsync(clock.GetUtcNow().UtcDateTime, ct);
}
