using ChildProtection.Core.Changes;

namespace ChildProtection.Cms.Publishing;

/// <summary>
/// How a change to the published snapshot travels in the change feed ("nodes:k1,k2", "moved:k", "sorted:k" or
/// "sorted:" for the roots, "redirects", "all"), and how another node applies it.
/// </summary>
internal sealed class SnapshotChangeFeed(PublishedSnapshotService snapshots) : IChangeFeedHandler
{
    public const string Kind = "content";

    private const string All = "all";

    string IChangeFeedHandler.Kind => Kind;

    public async Task ApplyAsync(IReadOnlyList<string?> payloads, CancellationToken ct)
    {
        var changes = payloads.Select(Read).ToList();
        if (changes.Any(c => c is null))
        {
            await snapshots.ApplyFromFeedAsync(null, ct);
            return;
        }

        foreach (var change in Coalesce(changes!))
        {
            await snapshots.ApplyFromFeedAsync(change, ct);
        }
    }

    /// <summary>Consecutive changes of nodes are read together, and redirects once, after the pages.</summary>
    internal static IEnumerable<SnapshotChange> Coalesce(IEnumerable<SnapshotChange> changes)
    {
        List<Guid>? keys = null;
        var redirects = false;
        foreach (var change in changes)
        {
            switch (change)
            {
                case SnapshotChange.Nodes nodes:
                    (keys ??= []).AddRange(nodes.Keys);
                    break;
                case SnapshotChange.Redirects:
                    redirects = true;
                    break;
                default:
                    if (keys is not null)
                    {
                        yield return new SnapshotChange.Nodes(keys.Distinct().ToList());
                        keys = null;
                    }

                    yield return change;
                    break;
            }
        }

        if (keys is not null)
        {
            yield return new SnapshotChange.Nodes(keys.Distinct().ToList());
        }

        if (redirects)
        {
            yield return new SnapshotChange.Redirects();
        }
    }

    public static string Write(SnapshotChange? change) => change switch
    {
        null => All,
        SnapshotChange.Nodes nodes => "nodes:" + string.Join(',', nodes.Keys),
        SnapshotChange.Moved moved => "moved:" + moved.Key,
        SnapshotChange.Sorted sorted => "sorted:" + sorted.ParentKey,
        SnapshotChange.Redirects => "redirects",
        _ => throw new ArgumentOutOfRangeException(nameof(change)),
    };

    /// <summary>The change <paramref name="payload"/> names; null (read everything again) for one this version does not know.</summary>
    public static SnapshotChange? Read(string? payload)
    {
        var (form, rest) = payload?.Split(':', 2) is [var f, var r] ? (f, r) : (payload, "");
        return form switch
        {
            "nodes" => new SnapshotChange.Nodes(rest.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToList()),
            "moved" => new SnapshotChange.Moved(Guid.Parse(rest)),
            "sorted" => new SnapshotChange.Sorted(rest.Length == 0 ? null : Guid.Parse(rest)),
            "redirects" => new SnapshotChange.Redirects(),
            _ => null,
        };
    }
}
