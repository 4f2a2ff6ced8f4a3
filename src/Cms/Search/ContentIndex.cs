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

    private volatile bool _rebuilding;

    public IndexName Name { get; } = name;

    public LuceneIndex Index { get; } = index;

    public IContentIndexSource Source { get; } = source;

    public bool IsRebuilding => _rebuilding;

    /// <summary>Re-reads these nodes from the source (after a save, publish, move or delete).</summary>
    public Task UpdateAsync(IReadOnlyCollection<Guid> keys, CancellationToken ct) =>
        keys.Count == 0 ? Task.CompletedTask : Index.WriteAsync((writer, _) => ReplaceAsync(writer, keys, ct), needsFingerprints: false, ct);

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
