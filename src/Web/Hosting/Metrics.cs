using System.Diagnostics.Metrics;
using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Concerns.Reports;
using ChildProtection.Training.Quizzes;
using ChildProtection.Web.Persistence;
using Microsoft.EntityFrameworkCore;
using OpenTelemetry.Metrics;

namespace ChildProtection.Web.Hosting;

/// <summary>
/// What an operator graphs, at <c>/metrics</c> in Prometheus's format for trusted networks only (OpenTelemetry):
/// ASP.NET Core's request metrics, the runtime's, and the site's own: autosaves and their latency
/// (<see cref="QuizMetrics"/>), the published snapshot, the change feed and the search indexes
/// (<see cref="CmsMetrics"/>), the e-mail outbox and the reports of concern waiting past their time limit (here).
/// </summary>
public static class SiteMetrics
{
    public const string Path = "/metrics";
    public const string MeterName = "ChildProtection.Site";

    public static WebApplicationBuilder AddSiteMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DatabaseGauges>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DatabaseGauges>());
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter(MeterName, CmsMetrics.MeterName, QuizMetrics.MeterName)
            .AddPrometheusExporter());
        return builder;
    }

    public static WebApplication MapSiteMetrics(this WebApplication app)
    {
        // Anyone else gets the site's own "not found", as for any address it does not have.
        app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (context, next) =>
        {
            if (Health.Trusted(context))
            {
                await next(context);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }
        }), optionsName: null);
        return app;
    }

    /// <summary>
    /// The measurements that take a query: read every <see cref="Every"/> in the background, so that a scrape never
    /// waits for the database and a scraper polling often adds no load.
    /// </summary>
    private sealed class DatabaseGauges : BackgroundService
    {
        private static readonly TimeSpan Every = TimeSpan.FromSeconds(15);

        private readonly IServiceScopeFactory _scopes;
        private readonly TimeProvider _clock;
        private readonly ILogger<DatabaseGauges> _logger;
        private Sample _last = new(0, 0, 0);

        public DatabaseGauges(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider clock, ILogger<DatabaseGauges> logger)
        {
            (_scopes, _clock, _logger) = (scopes, clock, logger);
            var meter = meters.Create(MeterName);
            meter.CreateObservableGauge("cp.outbox.queued", () => Volatile.Read(ref _last).Queued, "{message}", "E-mails waiting in the outbox.");
            meter.CreateObservableGauge("cp.outbox.oldest.age", () => Volatile.Read(ref _last).OldestAge, "s", "How long the oldest e-mail in the outbox has waited (0: none).");
            meter.CreateObservableGauge("cp.concerns.overdue", () => Volatile.Read(ref _last).OverdueReports, "{report}", "Reports of concern not acknowledged within their time limit.");
        }

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            // The machine's clock: the site's TimeProvider is the domain's, which tests move on by months at a time.
            using var timer = new PeriodicTimer(Every);
            do
            {
                try
                {
                    await ReadAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _logger.LogWarning(e, "The outbox and report gauges could not be read; they keep their last values.");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }

        private async Task ReadAsync(CancellationToken ct)
        {
            await using var scope = _scopes.CreateAsyncScope();
            var outbox = scope.ServiceProvider.GetRequiredService<SiteDbContext>().Outbox.Where(m => m.SentUtc == null);
            var queued = await outbox.CountAsync(ct);
            var oldest = await outbox.MinAsync(m => (DateTime?)m.CreatedUtc, ct);
            var overdue = await scope.ServiceProvider.GetRequiredService<CaseDeadlines>().CountOverdueAsync(ct);
            Volatile.Write(ref _last, new Sample(queued, oldest is { } at ? (_clock.GetUtcNow().UtcDateTime - at).TotalSeconds : 0, overdue));
        }

        private sealed record Sample(int Queued, double OldestAge, int OverdueReports);
    }
}
