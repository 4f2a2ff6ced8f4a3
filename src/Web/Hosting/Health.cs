using System.Text.Json;
using ChildProtection.Cms.Changes;
using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.Publishing;
using ChildProtection.Cms.Search;
using ChildProtection.Web.Infrastructure;
using ChildProtection.Web.Persistence;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Hosting;

/// <summary>
/// What a load balancer and an operator ask: <c>/healthz/live</c> (the process answers) and <c>/healthz/ready</c>
/// (it can serve: the database answers with every module's migrations applied, the published content is loaded, the
/// search indexes are open, the e-mail outbox moves, the change feed is read). Only a trusted network (<c>ReverseProxy:TrustedNetworks</c>)
/// reads which check failed and why; anyone else reads the overall state alone.
/// </summary>
public static class Health
{
    public const string LivePath = "/healthz/live";
    public const string ReadyPath = "/healthz/ready";
    public const string ReadyTag = "ready";

    /// <summary>An e-mail not sent this long after it was queued means the SMTP server is failing: the site still serves, degraded.</summary>
    public static readonly TimeSpan OutboxStuckAfter = TimeSpan.FromMinutes(15);

    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseCheck>("database", tags: [ReadyTag])
            .AddCheck<PublishedContentCheck>("content", tags: [ReadyTag])
            .AddCheck<SearchCheck>("search", tags: [ReadyTag])
            .AddCheck<OutboxCheck>("outbox", tags: [ReadyTag])
            .AddCheck<ChangeFeedCheck>("changefeed", tags: [ReadyTag]);
        return builder;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (!Trusted(context))
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync(report.Status.ToString());
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description ?? e.Value.Exception?.Message }),
        }, cancellationToken: context.RequestAborted);
    }

    /// <summary>
    /// Whether the caller (the visitor's address once forwarded headers are applied) is in a trusted network: the
    /// networks the forwarded headers are believed from, as <see cref="ReverseProxyExtensions"/> parsed them.
    /// </summary>
    internal static bool Trusted(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address
        && context.RequestServices.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value.KnownIPNetworks
            .Any(network => network.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address));

    /// <summary>The database answers, and no module has a migration it has not applied (another node's upgrade, half done).</summary>
    private sealed class DatabaseCheck(IServiceProvider services) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            await using var scope = services.CreateAsyncScope();
            var behind = new List<string>();
            foreach (var (module, type) in DatabaseMigrator.Modules)
            {
                var db = (DbContext)scope.ServiceProvider.GetRequiredService(type);
                if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
                {
                    behind.Add(module);
                }
            }

            return behind.Count == 0
                ? HealthCheckResult.Healthy("The database answers; every module's migrations are applied.")
                : HealthCheckResult.Unhealthy($"Migrations not applied: {string.Join(", ", behind)}.");
        }
    }

    private sealed class PublishedContentCheck(PublishedSnapshotService snapshots) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(snapshots.Current.Generation > 0
                ? HealthCheckResult.Healthy($"Published snapshot {snapshots.Current.Generation} loaded (at start from: {snapshots.StartedFrom}).")
                : HealthCheckResult.Unhealthy("The published content is not loaded yet."));
    }

    /// <summary>Search is one feature among many: an index being built degrades the site, it does not take it out.</summary>
    private sealed class SearchCheck(SearchIndexes indexes) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var notReady = indexes.States.Where(s => !s.Ready).Select(s => s.Rebuilding ? $"{s.Name} (being built)" : s.Name.ToString()).ToList();
            return Task.FromResult(notReady.Count == 0
                ? HealthCheckResult.Healthy("Every search index is open.")
                : HealthCheckResult.Degraded($"Search indexes not ready: {string.Join(", ", notReady)}."));
        }
    }

    /// <summary>A node that stopped reading the change feed serves pages other nodes have changed: degraded, not down.</summary>
    private sealed class ChangeFeedCheck(ChangeFeedReader reader, IOptions<CmsOptions> options, TimeProvider clock) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var behind = clock.GetUtcNow() - reader.CaughtUpAt;
            var allowed = TimeSpan.FromTicks(Math.Max(options.Value.ChangeFeedPollInterval.Ticks * 3, TimeSpan.FromSeconds(30).Ticks));
            return Task.FromResult(behind <= allowed
                ? HealthCheckResult.Healthy($"Changes from other nodes applied up to entry {reader.Position}.")
                : HealthCheckResult.Degraded($"The change feed was last read to its end {behind.TotalSeconds:N0} s ago (entry {reader.Position}): changes from other nodes are not shown."));
        }
    }

    private sealed class OutboxCheck(IServiceProvider services, TimeProvider clock) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            await using var scope = services.CreateAsyncScope();
            var oldest = await scope.ServiceProvider.GetRequiredService<SiteDbContext>().Outbox
                .Where(m => m.SentUtc == null).OrderBy(m => m.CreatedUtc).Select(m => (DateTime?)m.CreatedUtc).FirstOrDefaultAsync(cancellationToken);
            var waiting = oldest is { } queued ? clock.GetUtcNow().UtcDateTime - queued : TimeSpan.Zero;
            return waiting < OutboxStuckAfter
                ? HealthCheckResult.Healthy("E-mail goes out.")
                : HealthCheckResult.Degraded($"The oldest unsent e-mail has waited {waiting.TotalMinutes:N0} minutes: check the SMTP server (Smtp:*).");
        }
    }
}
