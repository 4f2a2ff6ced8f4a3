using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.Persistence;
using ChildProtection.Cms.Publishing;
using ChildProtection.Core.Changes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChildProtection.Cms.Changes;

/// <summary>
/// Applies, in the order of the feed, the changes other nodes made, from this node's position: woken by PostgreSQL's
/// NOTIFY as each commits, and reading on a timer as well, so that a dropped connection or a lost notification delays a
/// change by one interval at most and never loses it. The position starts at the end of the feed just before the start
/// builds everything from the database (<see cref="BeginAtEndAsync"/>).
/// </summary>
/// <remarks>
/// PostgreSQL hands out ids when a transaction inserts, not when it commits, so a later id can be visible before an
/// earlier one. An entry past such a hole is applied at once but the position waits at the hole, and only moves past
/// it once the hole has stayed empty for <see cref="HoleTimeout"/> (its transaction rolled back). Handlers read the
/// current state, so applying an entry twice is harmless.
/// </remarks>
internal sealed class ChangeFeedReader(
    IServiceScopeFactory scopes,
    ChangeFeed feed,
    IEnumerable<IChangeFeedHandler> handlers,
    DatabaseConnection database,
    IOptions<CmsOptions> options,
    TimeProvider clock,
    CmsMetrics metrics,
    ILogger<ChangeFeedReader> logger) : BackgroundService
{
    private static readonly TimeSpan HoleTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);
    private const int BatchSize = 5_000;

    private readonly Dictionary<string, IChangeFeedHandler> _handlers = handlers.ToDictionary(h => h.Kind);
    private readonly HashSet<long> _appliedAhead = [];
    private long _position = -1;
    private (long Id, DateTimeOffset Since)? _hole;
    private DateTimeOffset _pruned = DateTimeOffset.MinValue;

    /// <summary>The last entry this node has applied, with every one before it.</summary>
    public long Position => Interlocked.Read(ref _position);

    /// <summary>When this node last read the feed to its end (its start, before the first read).</summary>
    public DateTimeOffset CaughtUpAt { get; private set; } = clock.GetUtcNow();

    public async Task BeginAtEndAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        Interlocked.Exchange(ref _position, await db.Set<ChangeFeedEntry>().MaxAsync(e => (long?)e.Id, ct) ?? 0);
    }

    /// <summary>
    /// Begins after <paramref name="mark"/>'s position, where a saved snapshot was (<see cref="PublishedSnapshotFile"/>),
    /// when the feed still holds what it held then and not too much has happened since; false otherwise, and the
    /// position is left alone.
    /// </summary>
    public async Task<bool> TryBeginAtAsync(FeedMark mark, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var entries = scope.ServiceProvider.GetRequiredService<CmsDbContext>().Set<ChangeFeedEntry>();
        var marks = await entries.AsNoTracking().Where(e => e.Id == mark.Position || e.Id == mark.End).Select(e => new { e.Id, e.CreatedUtc }).ToListAsync(ct);
        var end = await entries.MaxAsync(e => (long?)e.Id, ct) ?? 0;
        var same = marks.Any(e => e.Id == mark.Position && e.CreatedUtc.Ticks == mark.PositionCreatedUtc.Ticks)
            && marks.Any(e => e.Id == mark.End && e.CreatedUtc.Ticks == mark.EndCreatedUtc.Ticks);
        if (!same || end - mark.Position > BatchSize)
        {
            logger.LogInformation(
                "The change feed does not hold what it held when the published snapshot was saved (entry {Position}, {Behind} entries since); the start reads every page from the database.",
                mark.Position, end - mark.Position);
            return false;
        }

        Interlocked.Exchange(ref _position, mark.Position);
        return true;
    }

    /// <summary>
    /// Where this node stands in the feed, for a snapshot saved now; null before it has a position a later start could
    /// find again (an empty feed).
    /// </summary>
    public async Task<FeedMark?> MarkAsync(CancellationToken ct)
    {
        var position = Position;
        await using var scope = scopes.CreateAsyncScope();
        var entries = scope.ServiceProvider.GetRequiredService<CmsDbContext>().Set<ChangeFeedEntry>().AsNoTracking();
        var end = await entries.OrderByDescending(e => e.Id).Select(e => new { e.Id, e.CreatedUtc }).FirstOrDefaultAsync(ct);
        var at = await entries.Where(e => e.Id == position).Select(e => new { e.Id, e.CreatedUtc }).FirstOrDefaultAsync(ct);
        return end is null || at is null ? null : new FeedMark(at.Id, at.CreatedUtc, end.Id, end.CreatedUtc);
    }

    /// <remarks>Polls on the machine's clock: the site's TimeProvider is the domain's, which tests move on by months.</remarks>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.ChangeFeedPollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (database.Provider == DatabaseProvider.PostgreSql)
                {
                    await ListenAsync(interval, stoppingToken);
                }
                else
                {
                    while (true)
                    {
                        await Task.Delay(interval, stoppingToken);
                        await CatchUpAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "The change feed could not be read at position {Position}; trying again in {Interval}.", Position, interval);
                await Task.Delay(interval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task ListenAsync(TimeSpan interval, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        await using (var listen = new NpgsqlCommand($"LISTEN {ChangeFeed.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(ct);
        }

        // What committed while this node was not listening.
        await CatchUpAsync(ct);
        while (true)
        {
            await connection.WaitAsync(interval, ct);
            await CatchUpAsync(ct);
        }
    }

    /// <summary>
    /// Applies every entry after the position that another node wrote. A run of entries of one kind goes to its handler
    /// at once, so that a node catching up on a bulk import reads the imported pages together, not one at a time.
    /// </summary>
    internal async Task CatchUpAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        var position = Position;
        var entries = await db.Set<ChangeFeedEntry>().AsNoTracking().Where(e => e.Id > position).OrderBy(e => e.Id).Take(BatchSize).ToListAsync(ct);

        var newPosition = position;
        foreach (var entry in entries)
        {
            if (entry.Id != newPosition + 1 && !HoleTimedOut(newPosition + 1))
            {
                break;
            }

            newPosition = entry.Id;
        }

        var due = entries.Where(e => e.Origin != feed.Node && !_appliedAhead.Contains(e.Id)).ToList();
        for (var i = 0; i < due.Count;)
        {
            var kind = due[i].Kind;
            var run = due.Skip(i).TakeWhile(e => e.Kind == kind).ToList();
            await ApplyAsync(kind, run, ct);
            i += run.Count;
        }

        // Only once everything is applied: a failure above leaves the position where it was, and the next read applies
        // the same entries again.
        foreach (var entry in entries)
        {
            if (entry.Id <= newPosition)
            {
                _appliedAhead.Remove(entry.Id);
            }
            else
            {
                _appliedAhead.Add(entry.Id);
            }
        }

        if (newPosition != position)
        {
            Interlocked.Exchange(ref _position, newPosition);
            _hole = null;
        }

        if (entries.Count < BatchSize)
        {
            CaughtUpAt = clock.GetUtcNow();
        }

        if (clock.GetUtcNow() - _pruned > PruneEvery)
        {
            _pruned = clock.GetUtcNow();
            var before = _pruned.UtcDateTime - options.Value.ChangeFeedRetention;
            await db.Set<ChangeFeedEntry>().Where(e => e.CreatedUtc < before).ExecuteDeleteAsync(ct);
        }
    }

    /// <summary>Whether the hole at <paramref name="id"/> has stayed empty long enough to be a rolled-back transaction's.</summary>
    private bool HoleTimedOut(long id)
    {
        var now = clock.GetUtcNow();
        if (_hole?.Id != id)
        {
            _hole = (id, now);
        }

        return now - _hole.Value.Since >= HoleTimeout;
    }

    private async Task ApplyAsync(string kind, IReadOnlyList<ChangeFeedEntry> run, CancellationToken ct)
    {
        if (!_handlers.TryGetValue(kind, out var handler))
        {
            logger.LogWarning("{Count} change feed entries are of a kind no module here applies ({Kind}); skipped.", run.Count, kind);
            return;
        }

        await handler.ApplyAsync(run.Select(e => e.Payload).ToList(), ct);
        foreach (var entry in run)
        {
            metrics.FeedEntryApplied(clock.GetUtcNow().UtcDateTime - entry.CreatedUtc);
        }

        logger.LogDebug("Applied change feed entries {First} to {Last} ({Kind}).", run[0].Id, run[^1].Id, kind);
    }
}
