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
/// starting content, and build the first published snapshot (from the file the last stop saved, or from the database),
/// with the change feed's position where that snapshot stands: every change after it is applied from the feed, even one
/// the snapshot already holds. What needs no database (the schema's files, the search indexes with their markdown
/// renderer and sanitizer, the saved snapshot's file) is read on other threads while the host migrates the database. When
/// everything has stopped, the snapshot is saved for the next start.
/// </summary>
internal sealed class CmsStartup(IServiceProvider services, CmsPaths paths, DatabaseConnection database, ILogger<CmsStartup> logger) : IHostedLifecycleService
{
    private Task _filesRead = Task.CompletedTask;

    private Task<SavedSnapshot?> _savedSnapshot = Task.FromResult<SavedSnapshot?>(null);

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _filesRead = Task.Run(() =>
        {
            services.GetRequiredService<ContentSchema>();
            services.GetRequiredService<SearchIndexes>();
        }, cancellationToken);
        // A second of CPU at 100,000 pages that needs no database: the file is what the last stop wrote whatever the
        // migrations and the seed do now, and whatever they change comes after its feed position.
        _savedSnapshot = Task.Run(services.GetRequiredService<PublishedSnapshotFile>().TryRead, cancellationToken);
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

        await LoadSnapshotAsync(cancellationToken);
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Once everything else has stopped (no request, job or feed reader changes the snapshot any more), saves it for
    /// the next start. A failure costs only that start's speed.
    /// </summary>
    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        try
        {
            var snapshots = services.GetRequiredService<PublishedSnapshotService>();
            if (snapshots.Current.Generation == 0)
            {
                return;
            }

            // The position moves past this node's own entries only when it reads the feed.
            var reader = services.GetRequiredService<ChangeFeedReader>();
            await reader.CatchUpAsync(cancellationToken);
            if (await reader.MarkAsync(cancellationToken) is { } mark)
            {
                await services.GetRequiredService<PublishedSnapshotFile>().SaveAsync(snapshots.Current, mark, cancellationToken);
            }
        }
        catch (ObjectDisposedException)
        {
            // A host stopped a second time: the first stop saved what there was.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "The published snapshot was not saved; the next start reads every page from the database.");
        }
    }

    /// <summary>
    /// The snapshot the last stop saved, brought up to date from the change feed, or else every published page read
    /// from the database, having first noted where the feed ends.
    /// </summary>
    private async Task LoadSnapshotAsync(CancellationToken ct)
    {
        var reader = services.GetRequiredService<ChangeFeedReader>();
        var snapshots = services.GetRequiredService<PublishedSnapshotService>();
        if (await _savedSnapshot is { } saved && await reader.TryBeginAtAsync(saved.Mark, ct))
        {
            await snapshots.InstallSavedAsync(saved.Content, ct);
            await reader.CatchUpAsync(ct);
            logger.LogInformation("Published snapshot read from {Path}: {Count} pages, then the change feed from entry {Position}.", services.GetRequiredService<PublishedSnapshotFile>().FilePath, saved.Content.Count, saved.Mark.Position);
            return;
        }

        await reader.BeginAtEndAsync(ct);
        await snapshots.RebuildAsync(ct);
    }
}
