using ChildProtection.Cms.Content;
using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.Notifications;
using ChildProtection.Cms.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChildProtection.Cms.Publishing;

/// <summary>Gives readers the current snapshot; never blocks them.</summary>
public interface IPublishedSnapshotAccessor
{
    PublishedSnapshot Current { get; }
}

/// <summary>
/// Builds the published snapshot from the database and swaps it in atomically (NuCache's role). While building it
/// compares old and new URLs and records a redirect for every published URL that changed.
/// </summary>
public sealed class PublishedSnapshotService(
    IServiceScopeFactory scopes,
    IOptions<CmsOptions> options,
    TimeProvider clock,
    ILogger<PublishedSnapshotService> logger) : IPublishedSnapshotAccessor
{
    private readonly SemaphoreSlim _rebuildLock = new(1, 1);
    private PublishedSnapshot _current = PublishedSnapshot.Empty;
    private int _deferrals;
    private int _deferred;

    public PublishedSnapshot Current => Volatile.Read(ref _current);

    /// <summary>
    /// For bulk work (importing a tree): the notifications' rebuilds wait, and one rebuild runs when the returned
    /// work ends, instead of one per published node.
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

    /// <summary>Rebuilds now, or once the bulk work in progress ends.</summary>
    internal Task RefreshAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _deferrals) > 0)
        {
            Interlocked.Exchange(ref _deferred, 1);
            return Task.CompletedTask;
        }

        return RebuildAsync(ct);
    }

    public async Task RebuildAsync(CancellationToken ct = default)
    {
        await _rebuildLock.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
            var old = Current;
            var content = await LoadContentAsync(db, ct);
            await RecordChangedUrlsAsync(db, old, content, ct);
            var redirects = await db.RedirectUrls.AsNoTracking().ToDictionaryAsync(r => (r.Culture, r.Url), r => r.NodeKey, ct);
            var current = new PublishedSnapshot(old.Generation + 1, content, redirects);
            Volatile.Write(ref _current, current);
            logger.LogDebug("Published snapshot {Generation} holds {Count} items.", current.Generation, content.Count);

            // Still inside the lock, so that subscribers see the snapshots one after another, in order.
            await scope.ServiceProvider.GetRequiredService<IEventAggregator>()
                .PublishAsync(new PublishedSnapshotChangedNotification(old, current), ct);
        }
        finally
        {
            _rebuildLock.Release();
        }
    }

    private async Task<List<PublishedContent>> LoadContentAsync(CmsDbContext db, CancellationToken ct)
    {
        var nodes = await db.Nodes.AsNoTracking().Where(n => !n.Trashed && n.PublishedVersionId != null).ToListAsync(ct);
        var cultures = await (
            from node in db.Nodes
            where !node.Trashed && node.PublishedVersionId != null
            join culture in db.VersionCultures on node.PublishedVersionId equals (int?)culture.VersionId
            select culture).AsNoTracking().ToListAsync(ct);
        var values = await (
            from node in db.Nodes
            where !node.Trashed && node.PublishedVersionId != null
            join value in db.PropertyValues on node.PublishedVersionId equals (int?)value.VersionId
            select value).AsNoTracking().ToListAsync(ct);

        var culturesByVersion = cultures.ToLookup(c => c.VersionId);
        var valuesByVersion = values.ToLookup(v => v.VersionId);
        var byParent = nodes.ToLookup(n => n.ParentId);
        var result = new List<PublishedContent>(nodes.Count);
        var defaultCulture = options.Value.DefaultCulture;

        // Walk down from the roots: a node whose parent is not published is not reachable, so it is left out.
        void Add(ContentNode node, Guid? parentKey, IReadOnlyDictionary<string, string>? parentUrls, bool isHome)
        {
            var urls = new Dictionary<string, string>();
            var publishedCultures = new Dictionary<string, PublishedCulture>();
            foreach (var culture in culturesByVersion[node.PublishedVersionId!.Value])
            {
                string url;
                if (parentUrls is null)
                {
                    var prefix = UrlBuilder.Prefix(culture.Culture, defaultCulture);
                    url = isHome ? prefix : $"{prefix}{culture.UrlSegment}/";
                }
                else if (parentUrls.TryGetValue(culture.Culture, out var parentUrl))
                {
                    url = $"{parentUrl}{culture.UrlSegment}/";
                }
                else
                {
                    continue;
                }

                urls[culture.Culture] = url;
                publishedCultures[culture.Culture] = new PublishedCulture(culture.Culture, culture.Name, culture.UrlSegment, url);
            }

            var nodeValues = valuesByVersion[node.PublishedVersionId!.Value].ToDictionary(v => (v.Alias, v.Culture), v => v.Value ?? "");
            result.Add(new PublishedContent(
                node.Key, node.PublishedVersionId!.Value, parentKey, node.ContentTypeAlias, node.SortOrder, node.Level, node.CreateDateUtc, node.UpdateDateUtc,
                node.FirstPublishedUtc ?? node.CreateDateUtc, publishedCultures, nodeValues));
            foreach (var child in byParent[node.Id])
            {
                Add(child, node.Key, urls, isHome: false);
            }
        }

        var first = true;
        foreach (var root in byParent[null].OrderBy(n => n.SortOrder))
        {
            Add(root, null, null, isHome: first);
            first = false;
        }

        return result;
    }

    private async Task RecordChangedUrlsAsync(CmsDbContext db, PublishedSnapshot old, List<PublishedContent> content, CancellationToken ct)
    {
        var liveUrls = content.SelectMany(c => c.Cultures.Values).Select(c => (c.Culture, c.Url)).ToHashSet();
        var changed = new List<(string Culture, string Url, Guid Key)>();
        foreach (var item in content)
        {
            if (old.Get(item.Key) is not { } before)
            {
                continue;
            }

            foreach (var (culture, was) in before.Cultures)
            {
                if (item.Url(culture) is { } now && now != was.Url && !liveUrls.Contains((culture, was.Url)))
                {
                    changed.Add((culture, was.Url, item.Key));
                }
            }
        }

        // A URL that is live again must not keep redirecting elsewhere.
        var stale = old.Redirects.Keys.Where(liveUrls.Contains).ToList();
        if (changed.Count == 0 && stale.Count == 0)
        {
            return;
        }

        var existing = await db.RedirectUrls.ToListAsync(ct);
        foreach (var (culture, url) in stale)
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

        await db.SaveChangesAsync(ct);
    }
}

/// <summary>Rebuilds the snapshot whenever something public may have changed.</summary>
internal sealed class PublishedSnapshotRefresher(PublishedSnapshotService snapshots) :
    INotificationHandler<ContentPublishedNotification>,
    INotificationHandler<ContentUnpublishedNotification>,
    INotificationHandler<ContentMovedNotification>,
    INotificationHandler<ContentSortedNotification>,
    INotificationHandler<ContentMovedToRecycleBinNotification>,
    INotificationHandler<ContentRestoredNotification>,
    INotificationHandler<ContentDeletedNotification>
{
    public Task HandleAsync(ContentPublishedNotification notification, CancellationToken cancellationToken) => snapshots.RefreshAsync(cancellationToken);

    public Task HandleAsync(ContentUnpublishedNotification notification, CancellationToken cancellationToken) => snapshots.RefreshAsync(cancellationToken);

    public Task HandleAsync(ContentMovedNotification notification, CancellationToken cancellationToken) => snapshots.RefreshAsync(cancellationToken);

    public Task HandleAsync(ContentSortedNotification notification, CancellationToken cancellationToken) => snapshots.RefreshAsync(cancellationToken);

    public Task HandleAsync(ContentMovedToRecycleBinNotification notification, CancellationToken cancellationToken) => snapshots.RefreshAsync(cancellationToken);

    public Task HandleAsync(ContentRestoredNotification notification, CancellationToken cancellationToken) => snapshots.RefreshAsync(cancellationToken);

    public Task HandleAsync(ContentDeletedNotification notification, CancellationToken cancellationToken) => snapshots.RefreshAsync(cancellationToken);
}
