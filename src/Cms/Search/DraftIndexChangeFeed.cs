using ChildProtection.Cms.Content;
using ChildProtection.Core.Changes;

namespace ChildProtection.Cms.Search;

/// <summary>
/// Keeps this node's backoffice (internal) index current with the drafts other nodes save, move, trash and restore.
/// What the public sees reaches both indexes through the published snapshot instead.
/// </summary>
internal sealed class DraftIndexChangeFeed(SearchIndexes indexes, DraftIndexSource drafts) : IChangeFeedHandler
{
    public string Kind => DraftChange.Kind;

    public async Task ApplyAsync(IReadOnlyList<string?> payloads, CancellationToken ct)
    {
        var keys = new HashSet<Guid>();
        foreach (var change in payloads.OfType<string>().Select(DraftChange.Read))
        {
            foreach (var key in change.Keys)
            {
                keys.UnionWith(change.WithDescendants ? await drafts.WithDescendantsAsync(key, ct) : [key]);
            }
        }

        indexes.Enqueue(keys, IndexName.Internal);
    }
}
