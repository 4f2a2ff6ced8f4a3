using ChildProtection.Cms.Changes;
using ChildProtection.Cms.Persistence;
using ChildProtection.Cms.Publishing;
using ChildProtection.Cms.Schema;
using ChildProtection.Cms.Search;
using ChildProtection.Cms.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Cms.DependencyInjection;

/// <summary>
/// Before the site answers, on a database the host has migrated: load the schema (a broken file stops start-up here), import the
/// starting content, and build the first published snapshot, having first noted where the change feed ends: every
/// change after that point is applied from the feed, even one the snapshot already holds. What needs no database (the schema's files, the search
/// indexes with their markdown renderer and sanitizer) is made on another thread while the host migrates the database.
/// </summary>
internal sealed class CmsStartup(IServiceProvider services, CmsPaths paths, DatabaseConnection database, ILogger<CmsStartup> logger) : IHostedLifecycleService
{
    private Task _filesRead = Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _filesRead = Task.Run(() =>
        {
            services.GetRequiredService<ContentSchema>();
            services.GetRequiredService<SearchIndexes>();
        }, cancellationToken);
        return Task.CompletedTask;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _filesRead;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers go on while a publish writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        var schema = scope.ServiceProvider.GetRequiredService<ContentSchema>();
        logger.LogInformation("Schema loaded from {Path}: {Types} document types, {DataTypes} data types.", paths.SchemaPath, schema.ContentTypes.Count, schema.DataTypes.Count);

        if (paths.SeedPath is not null)
        {
            await scope.ServiceProvider.GetRequiredService<ContentSeedImporter>().ImportAsync(paths.SeedPath, cancellationToken);
        }

        await services.GetRequiredService<ChangeFeedReader>().BeginAtEndAsync(cancellationToken);
        await services.GetRequiredService<PublishedSnapshotService>().RebuildAsync(cancellationToken);
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
