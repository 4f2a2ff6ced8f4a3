using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Cms.Search;

/// <summary>The state of one index, for the backoffice.</summary>
public sealed record IndexState(IndexName Name, bool Ready, bool Rebuilding);

/// <summary>
/// This node's content indexes. At start-up each is opened, or rebuilt when missing or damaged, and then
/// compared with its source; rebuilds run in the background and swap in when complete.
/// </summary>
public sealed class SearchIndexes : IDisposable
{
    private readonly Dictionary<IndexName, ContentIndex> _indexes;
    private readonly ILogger<SearchIndexes> _logger;
    private readonly CancellationToken _stopping;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _rebuildGate = new();
    private Task _rebuild = Task.CompletedTask;
    private volatile bool _opening;

    internal SearchIndexes(IEnumerable<ContentIndex> indexes, IHostApplicationLifetime lifetime, ILogger<SearchIndexes> logger)
    {
        _indexes = indexes.ToDictionary(i => i.Name);
        _logger = logger;
        _stopping = lifetime.ApplicationStopping;
    }

    /// <summary>Completes when every index has been opened or built once after start-up.</summary>
    public Task WhenReady => _ready.Task;

    public IReadOnlyList<IndexState> States =>
        _indexes.Values.Select(i => new IndexState(i.Name, i.Index.IsReady, i.IsRebuilding)).ToList();

    internal ContentIndex Get(IndexName name) => _indexes[name];

    internal IEnumerable<ContentIndex> All => _indexes.Values;

    /// <summary>
    /// Whether the indexes have started to open (or be built). Until then nothing is queued for them: their opening's
    /// comparison with the database takes the changes in, and a change queued before would be written again after it.
    /// </summary>
    internal bool IsOpening => _opening;

    /// <summary>Queues these nodes for the named indexes (<see cref="ContentIndex.Enqueue"/>), once the indexes are opening.</summary>
    internal void Enqueue(IReadOnlyCollection<Guid> keys, params IndexName[] names)
    {
        if (!_opening)
        {
            return;
        }

        foreach (var name in names)
        {
            _indexes[name].Enqueue(keys);
        }
    }

    /// <summary>Completes when every change named to an index before the call is in it.</summary>
    internal Task WhenWrittenAsync() => Task.WhenAll(_indexes.Values.Select(i => i.WhenWrittenAsync()));

    /// <summary>Makes every index's writes since its last commit durable.</summary>
    internal async Task CommitAsync(CancellationToken ct)
    {
        foreach (var index in _indexes.Values)
        {
            await index.Index.CommitAsync(ct);
        }
    }

    /// <summary>Starts a rebuild of every index in the background; false when one is already running.</summary>
    public bool StartRebuild()
    {
        lock (_rebuildGate)
        {
            if (!_rebuild.IsCompleted)
            {
                return false;
            }

            _rebuild = Task.Run(() => RebuildAllAsync(_stopping));
            return true;
        }
    }

    /// <summary>The rebuild started last (completed when none runs).</summary>
    public Task CurrentRebuild
    {
        get
        {
            lock (_rebuildGate)
            {
                return _rebuild;
            }
        }
    }

    internal void Open(bool rebuild)
    {
        _opening = true;
        lock (_rebuildGate)
        {
            _rebuild = Task.Run(() => OpenAllAsync(rebuild, _stopping));
        }
    }

    private async Task OpenAllAsync(bool rebuild, CancellationToken ct)
    {
        try
        {
            foreach (var index in _indexes.Values)
            {
                if (!rebuild && index.Index.TryOpen())
                {
                    await index.SyncAsync(ct);
                }
                else
                {
                    await index.RebuildAsync(ct);
                }
            }

            _ready.TrySetResult();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogError(e, "The search indexes could not be opened or built; search answers that it is not ready.");
            _ready.TrySetException(e);
        }
    }

    private async Task RebuildAllAsync(CancellationToken ct)
    {
        try
        {
            foreach (var index in _indexes.Values)
            {
                await index.RebuildAsync(ct);
            }

            _ready.TrySetResult();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogError(e, "Rebuilding the search indexes failed; the previous indexes stay in use.");
        }
    }

    public void Dispose()
    {
        foreach (var index in _indexes.Values)
        {
            index.Index.Dispose();
        }
    }
}

/// <summary>
/// Opens the indexes once the published snapshot exists, without holding up the site's start. The indexes are made
/// when it starts, not when the host makes its services: <see cref="DependencyInjection.CmsStartup"/> makes them
/// (and the schema and markdown renderer they read with) while the database migrates.
/// </summary>
internal sealed class SearchStartup(
    IServiceProvider services, Microsoft.Extensions.Options.IOptions<SearchOptions> options, ILogger<SearchStartup> logger) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private SearchIndexes? _opened;
    private Task _committing = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _opened = services.GetRequiredService<SearchIndexes>();
        _opened.Open(options.Value.RebuildOnStart);
        _committing = CommitEveryIntervalAsync(_opened, _stopping.Token);
        return Task.CompletedTask;
    }

    private async Task CommitEveryIntervalAsync(SearchIndexes indexes, CancellationToken ct)
    {
        // The machine's clock, not the site's TimeProvider: that one is the domain's (deadlines, schedules), and a test that
        // moves it on by months would have this timer tick once for every interval of those months.
        using var timer = new PeriodicTimer(options.Value.CommitInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await indexes.CommitAsync(ct);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The writes stay searchable and uncommitted; the next tick tries again.
                    logger.LogError(e, "The search indexes could not be committed.");
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException && ct.IsCancellationRequested || e is ObjectDisposedException)
        {
            // Stopping, or the host's services are already gone: each index's writer commits what is left as it is disposed.
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_opened is null)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _committing;

        // The changes queued before the stop go into the index that the writers commit as they close.
        await _opened.WhenWrittenAsync().WaitAsync(cancellationToken);

        try
        {
            await _opened.CurrentRebuild.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Shutting down mid-rebuild is fine: the half-made build is never named live and is removed next time.
        }
    }
}
