using Lucene.Net.Index;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Cms.Search;

public enum IndexName
{
    /// <summary>Published content, for the public (Umbraco's ExternalIndex).</summary>
    External,

    /// <summary>Every node in its newest version, drafts included, for the backoffice (Umbraco's InternalIndex).</summary>
    Internal,
}

/// <summary>An index and where its documents come from; keeps the one in step with the other.</summary>
internal sealed class ContentIndex(IndexName name, LuceneIndex index, IContentIndexSource source, ILogger logger)
{
    private const int BatchSize = 250;

    private readonly Lock _queueGate = new();
    private volatile bool _rebuilding;

    /// <summary>The nodes to read again in the next batch, and what completes when that batch is searchable.</summary>
    private HashSet<Guid>? _queued;
    private TaskCompletionSource? _queuedWritten;

    /// <summary>The batch being written (null when none is).</summary>
    private TaskCompletionSource? _writing;

    public IndexName Name { get; } = name;

    public LuceneIndex Index { get; } = index;

    public IContentIndexSource Source { get; } = source;

    public bool IsRebuilding => _rebuilding;

    /// <summary>
    /// Has these nodes read again from the source (after a save, publish, move or delete) in the background, so that
    /// the change that named them does not wait for the index: the nodes named while a batch is written make the next
    /// batch, each once however often it was named. A search waits for what was named before it
    /// (<see cref="WhenWrittenAsync"/>). A failure is logged, not thrown: the change stands, and the comparison at the
    /// next start (or a rebuild) repairs the index.
    /// </summary>
    public void Enqueue(IReadOnlyCollection<Guid> keys)
    {
        if (keys.Count == 0)
        {
            return;
        }

        lock (_queueGate)
        {
            (_queued ??= []).UnionWith(keys);
            if (_queuedWritten is null)
            {
                _queuedWritten = new(TaskCreationOptions.RunContinuationsAsynchronously);
                if (_writing is null)
                {
                    _ = Task.Run(WriteQueuedAsync);
                }
            }
        }
    }

    /// <summary>Completes when every node named to <see cref="Enqueue"/> before the call is searchable.</summary>
    public Task WhenWrittenAsync()
    {
        lock (_queueGate)
        {
            return (_queuedWritten ?? _writing)?.Task ?? Task.CompletedTask;
        }
    }

    private async Task WriteQueuedAsync()
    {
        while (true)
        {
            HashSet<Guid> keys;
            TaskCompletionSource written;
            lock (_queueGate)
            {
                if (_queued is null)
                {
                    _writing = null;
                    return;
                }

                (keys, written, _writing) = (_queued, _queuedWritten!, _queuedWritten);
                (_queued, _queuedWritten) = (null, null);
            }

            try
            {
                await Index.WriteAsync((writer, _) => ReplaceAsync(writer, keys, CancellationToken.None), needsFingerprints: false, CancellationToken.None);
            }
            catch (ObjectDisposedException)
            {
                // The host stopped while the batch waited: the next start's comparison with the database puts it in.
            }
            catch (Exception e)
            {
                logger.LogError(e, "Search index {Index} could not be updated for {Count} nodes; it will be repaired at the next start or rebuild.", Name, keys.Count);
            }
            finally
            {
                written.SetResult();
            }
        }
    }

    /// <summary>Compares the whole index with the source and fixes what differs (at start-up: changes made while this node was down).</summary>
    public Task SyncAsync(CancellationToken ct) =>
        Index.WriteAsync((writer, existing) => CatchUpAsync(writer, existing, ct), needsFingerprints: true, ct);

    /// <summary>Builds the index anew from the source; the old one answers searches until the new one is complete.</summary>
    public async Task RebuildAsync(CancellationToken ct)
    {
        _rebuilding = true;
        try
        {
            var started = DateTime.UtcNow;
            await Index.RebuildAsync(
                async writer =>
                {
                    var keys = (await Source.FingerprintsAsync(ct)).Keys.Select(KeyOf).Distinct().ToList();
                    foreach (var batch in keys.Chunk(BatchSize))
                    {
                        foreach (var document in await Source.LoadAsync(batch, ct))
                        {
                            writer.AddDocument(SearchFields.ToLucene(document));
                        }
                    }
                },
                (writer, existing) => CatchUpAsync(writer, existing, ct),
                ct);
            logger.LogInformation("Search index {Index} rebuilt in {Seconds:0.0} s.", Name, (DateTime.UtcNow - started).TotalSeconds);
        }
        finally
        {
            _rebuilding = false;
        }
    }

    private async Task CatchUpAsync(IndexWriter writer, IReadOnlyDictionary<string, string> existing, CancellationToken ct)
    {
        var wanted = await Source.FingerprintsAsync(ct);
        foreach (var id in existing.Keys.Where(id => !wanted.ContainsKey(id)))
        {
            writer.DeleteDocuments(new Term(SearchFields.Id, id));
        }

        var changed = wanted.Where(w => !existing.TryGetValue(w.Key, out var fingerprint) || fingerprint != w.Value)
            .Select(w => KeyOf(w.Key)).Distinct().ToList();
        await ReplaceAsync(writer, changed, ct);
    }

    private async Task ReplaceAsync(IndexWriter writer, IReadOnlyCollection<Guid> keys, CancellationToken ct)
    {
        foreach (var batch in keys.Chunk(BatchSize))
        {
            foreach (var key in batch)
            {
                writer.DeleteDocuments(new Term(SearchFields.Key, key.ToString("N")));
            }

            foreach (var document in await Source.LoadAsync(batch, ct))
            {
                writer.AddDocument(SearchFields.ToLucene(document));
            }
        }
    }

    private static Guid KeyOf(string id) => Guid.ParseExact(id.AsSpan(0, id.IndexOf('|')), "N");
}
