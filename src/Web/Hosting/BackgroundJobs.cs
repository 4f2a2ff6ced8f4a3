using ChildProtection.Cms.Persistence;
using ChildProtection.Web.Features.Backoffice;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace ChildProtection.Web.Hosting;

/// <summary>
/// Hangfire: its storage, its server, the site's recurring jobs (<see cref="RecurringJobs"/>) and the dashboard.
/// Hangfire only triggers the work the database describes, so its in-memory storage is enough on SQLite; on
/// PostgreSQL it keeps its queue there too.
/// </summary>
public static class BackgroundJobs
{
    public const string DashboardPath = "/backoffice/jobs";

    /// <summary>Call after every feature: the server's jobs read tables the features' start-up work creates.</summary>
    public static WebApplicationBuilder AddBackgroundJobs(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

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

            // A lock here is held for the moment it takes to schedule a job (no job of the site holds one while it runs):
            // a node killed while holding one leaves it to expire in a minute, not in Hangfire.PostgreSql's ten, in
            // which a restarted node could not register its recurring jobs.
            var options = new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = true, DistributedLockTimeout = TimeSpan.FromMinutes(1) };
            return new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(database.ConnectionString, options), options);
        });
        services.AddHangfire((sp, configuration) => configuration
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogProvider(sp.GetRequiredService<ILoggerFactory>())));

        services.AddScoped<ScheduledPublishingJob>();
        services.AddScoped<OverdueAttempts>();
        services.AddScoped<ConcernDeadlineJobs>();
        services.AddHostedService<RecurringJobs>();

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
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions { Authorization = [], AppPath = "/backoffice", DashboardTitle = "Jobs" })
            .RequireAuthorization(BackofficePolicies.Administer);
        return app;
    }
}
