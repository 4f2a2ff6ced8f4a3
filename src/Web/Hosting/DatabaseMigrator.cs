using ChildProtection.Cms.Persistence;
using ChildProtection.Concerns.Persistence;
using ChildProtection.Training.Persistence;
using ChildProtection.Web.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Web.Hosting;

/// <summary>
/// Brings every module's tables up to date, in this order: the content engine, training, reports of concern, the
/// site's own (accounts, outbox, settings). No module's tables refer to another's, so the order only makes the log read the same on every
/// start. It runs in StartingAsync, before any hosted service's StartAsync: the content import, the seeders and the
/// administrator's bootstrap all find their tables there.
/// </summary>
internal sealed class DatabaseMigrator(IServiceProvider services, DatabaseConnection database, ILogger<DatabaseMigrator> logger) : IHostedLifecycleService
{
    /// <summary>The one history table of the migrations before they were squashed; a database that has it predates them.</summary>
    private const string LegacyHistoryTable = "__EFMigrationsHistory";

    /// <summary>Every module's context, in the order they are migrated.</summary>
    public static readonly IReadOnlyList<(string Module, Type Context)> Modules =
    [
        ("content", typeof(CmsDbContext)),
        ("training", typeof(TrainingDbContext)),
        ("concerns", typeof(ConcernsDbContext)),
        ("site", typeof(SiteDbContext)),
    ];

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        // Building a context's model is most of its first use; the later modules' models are built on another core
        // while the content's tables are made.
        var laterModelsBuilt = Task.Run(() =>
        {
            foreach (var (_, type) in Modules.Skip(1))
            {
                using var warm = services.CreateScope();
                _ = ((DbContext)warm.ServiceProvider.GetRequiredService(type)).Model;
            }
        }, cancellationToken);

        await using var scope = services.CreateAsyncScope();
        var contexts = Modules.Select(m => (m.Module, Context: (DbContext)scope.ServiceProvider.GetRequiredService(m.Context))).ToList();

        foreach (var (module, context) in contexts)
        {
            var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count == 0)
            {
                continue;
            }

            // Only a database the content's migrations have not reached yet can be one from before the squash: a
            // restart of an up-to-date site asks nothing more.
            if (context == contexts[0].Context && await context.Database.CanConnectAsync(cancellationToken) && await HasLegacyHistoryAsync(context, cancellationToken))
            {
                throw new InvalidOperationException(
                    $"This database was made by a development build whose migrations have since been squashed (it has {LegacyHistoryTable}). " +
                    "Start on an empty data folder (SQLite) or an empty PostgreSQL database.");
            }

            await context.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("Database ({Module}): applied {Migrations}.", module, string.Join(", ", pending));
        }

        await laterModelsBuilt;
    }

    private async Task<bool> HasLegacyHistoryAsync(DbContext context, CancellationToken ct)
    {
        var sql = database.Provider == DatabaseProvider.PostgreSql
            ? "SELECT count(*)::int AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = {0}"
            : "SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = {0}";
        return await context.Database.SqlQueryRaw<int>(sql, LegacyHistoryTable).SingleAsync(ct) > 0;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
