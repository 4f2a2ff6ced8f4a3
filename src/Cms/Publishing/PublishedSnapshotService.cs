using ChildProtection.Cms.Content;
using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.Notifications;
using ChildProtection.Cms.Persistence;
using ChildProtection.Core.Changes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChildProtection.Cms.Publishing;

/// <summary>Where a start read the published pages from.</summary>
public enum SnapshotStart
{
    /// <summary>Every published page, from the database.</summary>
    Database,

    /// <summary>The file the last stop saved (<see cref="PublishedSnapshotFile"/>), then the change feed since.</summary>
    SavedFile,
}

/// <summary>Gives readers the current snapshot; never blocks them.</summary>
public interface IPublishedSnapshotAccessor
{
    PublishedSnapshot Current { get; }
}

/// <summary>
/// Builds the published snapshot from the database and swaps it in atomically (NuCache's role). A content change
/// reads again only the nodes it may have altered and patches the current snapshot; start-up, the end of bulk work and
/// repair read every published node. Either way, old and new URLs are compared, and a redirect is recorded for every
/// published URL that changed. Changes other nodes made reach it through the change feed
/// (<see cref="ApplyFromFeedAsync"/>): it reads the same nodes again, and leaves the redirects to the node that made
/// the change, which announces them in turn.
/// </summary>
public sealed partial class PublishedSnapshotService(
    IServiceScopeFactory scopes,
    IOptions<CmsOptions> options,
    ChangeFeed feed,
    PublishedValueStore valueStore,
    CmsMetrics metrics,
    TimeProvider clock,
    ILogger<PublishedSnapshotService> logger) : IPublishedSnapshotAccessor
{
    /// <summary>
    /// More nodes than this in one change (an import, another node's bulk work) are read with everything else: one
    /// full read costs less than reading each newly reachable page's subtree apart.
    /// </summary>
    private const int ReadAllAbove = 200;

    private readonly SemaphoreSlim _rebuildLock = new(1, 1);
    private PublishedSnapshot _current = PublishedSnapshot.Empty;
    private int _deferrals;
    private int _deferred;

    public PublishedSnapshot Current => Volatile.Read(ref _current);

    /// <summary>Where this process's start read the published pages from; the readiness check shows it.</summary>
    public SnapshotStart StartedFrom { get; private set; }

    /// <summary>
    /// For bulk work (importing a tree): the notifications' refreshes wait, and one full rebuild runs when the
    /// returned work ends, instead of one refresh per published node.
    /// </summary>
    public async Task<T> DeferRebuildsAsync<T>(Func<Task<T>> work, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _deferrals);
        try
        {
            return await work();
        }
        finally
        {
            if (Interlocked.Decrement(ref _deferrals) == 0 && Interlocked.Exchange(ref _deferred, 0) == 1)
            {
                await RebuildAsync(ct);
            }
        }
    }

    /// <summary>Applies <paramref name="change"/> now, or rebuilds once the bulk work in progress ends.</summary>
    internal Task RefreshAsync(SnapshotChange change, CancellationToken ct) => SwapOrDeferAsync(change, fromFeed: false, ct);

    /// <summary>
    /// Applies a change another node made and announced in the change feed (null: it rebuilt everything), or rebuilds
    /// once the bulk work in progress here ends.
    /// </summary>
    internal Task ApplyFromFeedAsync(SnapshotChange? change, CancellationToken ct) => SwapOrDeferAsync(change, fromFeed: true, ct);

    private Task SwapOrDeferAsync(SnapshotChange? change, bool fromFeed, CancellationToken ct)
    {
        if (Volatile.Read(ref _deferrals) > 0)
        {
            Interlocked.Exchange(ref _deferred, 1);
            return Task.CompletedTask;
        }

        return SwapAsync(change, fromFeed, ct);
    }

    /// <summary>Reads every published node and every redirect again.</summary>
    public Task RebuildAsync(CancellationToken ct = default) => SwapAsync(null, fromFeed: false, ct);

    /// <summary>Every published node as a full rebuild would read it now, sharing the instances of <paramref name="old"/> that are unchanged.</summary>
    internal async Task<IReadOnlyList<PublishedContent>> LoadAllAsync(PublishedSnapshot old, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await LoadAllAsync(scope.ServiceProvider.GetRequiredService<CmsDbContext>(), old, ct);
    }

    /// <summary>
    /// The redirects that replacing <paramref name="old"/> by <paramref name="next"/> calls for: an old URL of a
    /// <paramref name="reloaded"/> node that moved and is not live any more, and the redirects whose URL is live again.
    /// </summary>
    internal static (IReadOnlyList<(string Culture, string Url, Guid Key)> Changed, IReadOnlyList<(string Culture, string Url)> Live) ChangedUrls(
        PublishedSnapshot old, PublishedSnapshot next, IEnumerable<PublishedContent> reloaded)
    {
        var changed = new List<(string Culture, string Url, Guid Key)>();
        foreach (var item in reloaded)
        {
            if (old.Get(item.Key) is not { } before || ReferenceEquals(before, item))
            {
                continue;
            }

            foreach (var was in before.Cultures)
            {
                if (item.Url(was.Culture) is { } now && now != was.Url && !next.IsLive((was.Culture, was.Url)))
                {
                    changed.Add((was.Culture, was.Url, item.Key));
                }
            }
        }

        // A URL that is live again must not keep redirecting elsewhere.
        return (changed, old.Redirects.Keys.Where(next.IsLive).ToList());
    }

    /// <param name="fromFeed">The change was made on another node, which records its redirects.</param>
    private Task SwapAsync(SnapshotChange? change, bool fromFeed, CancellationToken ct)
    {
        if (change is SnapshotChange.Nodes { Keys.Count: > ReadAllAbove })
        {
            change = null;
        }

        var read = change switch { null => "all", SnapshotChange.Redirects => "redirects", _ => "changed" };
        return SwapAsync(read, fromFeed, (db, old) => NextAsync(db, old, change, fromFeed, ct), ct);
    }

    /// <summary>
    /// Starts from the nodes a stopped process saved (<see cref="PublishedSnapshotFile"/>) instead of reading every
    /// page; the redirects are read, and the change feed brings what changed since.
    /// </summary>
    internal async Task InstallSavedAsync(IReadOnlyList<PublishedContent> content, CancellationToken ct)
    {
        await SwapAsync("saved", fromFeed: false, async (db, old) =>
            (new PublishedSnapshot(old.Generation + 1, content, await LoadRedirectsAsync(db, ct)), (IReadOnlyCollection<Guid>?)null), ct);
        StartedFrom = SnapshotStart.SavedFile;
    }

    /// <summary>
    /// One swap at a time: reads the next snapshot from the current one, makes it the snapshot readers get, and tells
    /// the subscribers (changed: the nodes that changed; null when everything was read).
    /// </summary>
    private async Task SwapAsync(
        string read,
        bool fromFeed,
        Func<CmsDbContext, PublishedSnapshot, Task<(PublishedSnapshot Next, IReadOnlyCollection<Guid>? Changed)>> next,
        CancellationToken ct)
    {
        await _rebuildLock.WaitAsync(ct);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var old = Current;
            var (current, changed) = await next(scope.ServiceProvider.GetRequiredService<CmsDbContext>(), old);
            Volatile.Write(ref _current, current);
            metrics.SnapshotUpdated(read, fromFeed, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            logger.LogDebug("Published snapshot {Generation}: {Changed} nodes changed.", current.Generation, changed?.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all");

            // Still inside the lock, so that subscribers see the snapshots one after another, in order.
            await scope.ServiceProvider.GetRequiredService<IEventAggregator>()
                .PublishAsync(new PublishedSnapshotChangedNotification(old, current, changed), ct);
        }
        finally
        {
            _rebuildLock.Release();
        }
    }

    /// <summary>The snapshot after <paramref name="change"/> (null: everything read again), and the nodes it changed.</summary>
    private async Task<(PublishedSnapshot Next, IReadOnlyCollection<Guid>? Changed)> NextAsync(
        CmsDbContext db, PublishedSnapshot old, SnapshotChange? change, bool fromFeed, CancellationToken ct)
    {
        if (change is SnapshotChange.Redirects)
        {
            return (old.WithRedirects(await LoadRedirectsAsync(db, ct)), []);
        }

        if ((change is null ? null : await ApplyAsync(db, old, change, ct)) is { } patched)
        {
            var next = !fromFeed && await RecordChangedUrlsAsync(db, old, patched.Next, patched.Changes.Values.OfType<PublishedContent>(), ct)
                ? patched.Next.WithRedirects(await LoadRedirectsAsync(db, ct))
                : patched.Next;
            return (next, patched.Changes.Keys.ToList());
        }

        var content = await LoadAllAsync(db, old, ct);
        var full = new PublishedSnapshot(old.Generation + 1, content, old.Redirects);
        if (!fromFeed)
        {
            await RecordChangedUrlsAsync(db, old, full, content, ct);
        }

        // Editors' own redirects reach the snapshot here (RedirectService rebuilds after writing one).
        return (full.WithRedirects(await LoadRedirectsAsync(db, ct)), null);
    }

    /// <summary>
    /// <paramref name="old"/> with the nodes <paramref name="change"/> names read again (and their subtrees, where
    /// their URLs, place or reachability changed), and the changes (each node's new form, or null where it left); null when
    /// the home page changed, which only a full rebuild handles.
    /// </summary>
    private async Task<(PublishedSnapshot Next, IReadOnlyDictionary<Guid, PublishedContent?> Changes)?> ApplyAsync(
        CmsDbContext db, PublishedSnapshot old, SnapshotChange change, CancellationToken ct)
    {
        var (scope, candidates, moved) = change switch
        {
            SnapshotChange.Nodes nodes => (db.Nodes.Where(n => nodes.Keys.Contains(n.Key)), nodes.Keys, false),
            SnapshotChange.Moved node => (db.Nodes.Where(n => n.Key == node.Key), [node.Key], true),
            SnapshotChange.Sorted { ParentKey: { } parentKey } => (
                db.Nodes.Where(n => db.Nodes.Any(p => p.Key == parentKey && p.Id == n.ParentId)),
                (old.Get(parentKey) is { } parent ? old.Children(parent) : []).Select(c => c.Key).ToList(),
                false),
            SnapshotChange.Sorted => (db.Nodes.Where(n => n.ParentId == null), old.Roots.Select(c => c.Key).ToList(), false),
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };

        var tops = await LoadAsync(db, scope, ct);
        var parentIds = tops.Nodes.Where(n => n.ParentId is not null).Select(n => n.ParentId!.Value).Distinct().ToList();
        var parentKeys = await db.Nodes.Where(n => parentIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, n => n.Key, ct);
        var homeKey = old.Roots.FirstOrDefault()?.Key;
        var changes = new Dictionary<Guid, PublishedContent?>();
        PublishedContent? Now(Guid key) => changes.TryGetValue(key, out var item) ? item : old.Get(key);
        void Remove(Guid key)
        {
            if (old.Get(key) is { } was)
            {
                changes[key] = null;
                foreach (var descendant in old.Descendants(was))
                {
                    changes[descendant.Key] = null;
                }
            }
        }

        var loaded = tops.Nodes.Select(n => n.Key).ToHashSet();
        foreach (var key in candidates.Where(k => !loaded.Contains(k)))
        {
            Remove(key);
        }

        foreach (var node in tops.Nodes.OrderBy(n => n.Level))
        {
            var parent = node.ParentId is { } parentId ? parentKeys.TryGetValue(parentId, out var parentKey) ? Now(parentKey) : null : null;
            if (node.ParentId is not null && parent is null)
            {
                Remove(node.Key);
                continue;
            }

            var was = old.Get(node.Key);
            var item = Reuse(was, ToPublished(node, was, parent, isHome: node.ParentId is null && node.Key == homeKey, tops));
            if (!moved && was is not null && was.ParentKey == item.ParentKey && was.Level == item.Level && SameUrls(was, item))
            {
                changes[node.Key] = item;
                continue;
            }

            // Its URLs or its place changed, or it has just become reachable: so has everything published below it.
            Remove(node.Key);
            var below = await LoadAsync(db, db.Nodes.Where(n => n.Path.StartsWith(node.Path + ",")), ct);
            var byParent = below.Nodes.ToLookup(n => n.ParentId);
            changes[node.Key] = item;
            foreach (var child in byParent[node.Id])
            {
                Walk(child, item, isHome: false, below, byParent, old, c => changes[c.Key] = c);
            }
        }

        foreach (var key in changes.Where(c => ReferenceEquals(c.Value, old.Get(c.Key))).Select(c => c.Key).ToList())
        {
            changes.Remove(key);
        }

        var next = old.With(old.Generation + 1, changes);
        return next.Roots.FirstOrDefault()?.Key == homeKey ? (next, changes) : null;
    }

    /// <summary>Stores the redirects that <see cref="ChangedUrls"/> calls for, and announces them; false when there were none.</summary>
    private async Task<bool> RecordChangedUrlsAsync(
        CmsDbContext db, PublishedSnapshot old, PublishedSnapshot next, IEnumerable<PublishedContent> reloaded, CancellationToken ct)
    {
        var (changed, live) = ChangedUrls(old, next, reloaded);
        if (changed.Count == 0 && live.Count == 0)
        {
            return false;
        }

        var existing = await db.RedirectUrls.ToListAsync(ct);
        foreach (var (culture, url) in live)
        {
            db.RedirectUrls.RemoveRange(existing.Where(r => r.Culture == culture && r.Url == url));
        }

        foreach (var (culture, url, key) in changed)
        {
            if (existing.FirstOrDefault(r => r.Culture == culture && r.Url == url) is { } row)
            {
                row.NodeKey = key;
            }
            else
            {
                db.RedirectUrls.Add(new RedirectUrl { Culture = culture, Url = url, NodeKey = key, CreateDateUtc = clock.GetUtcNow().UtcDateTime });
            }
        }

        feed.Stage(db, SnapshotChangeFeed.Kind, SnapshotChangeFeed.Write(new SnapshotChange.Redirects()));
        await db.SaveChangesAsync(ct);
        return true;
    }
}
