using ChildProtection.Cms.Notifications;
using ChildProtection.Cms.Publishing;

namespace ChildProtection.Cms.Search;

/// <summary>
/// Keeps the indexes current as content changes: the nodes a change names are queued for the index
/// (<see cref="ContentIndex.Enqueue"/>), so the change does not wait for it, and a search made after it returns waits for them.
/// </summary>
internal sealed class SearchIndexUpdaters(SearchIndexes indexes, DraftIndexSource drafts) :
    INotificationHandler<PublishedSnapshotChangedNotification>,
    INotificationHandler<ContentSavedNotification>,
    INotificationHandler<ContentImportedNotification>,
    INotificationHandler<ContentMovedNotification>,
    INotificationHandler<ContentMovedToRecycleBinNotification>,
    INotificationHandler<ContentRestoredNotification>,
    INotificationHandler<ContentDeletedNotification>
{
    /// <summary>Publish, unpublish, move, rename, trash: whatever changed what the public sees.</summary>
    public Task HandleAsync(PublishedSnapshotChangedNotification notification, CancellationToken cancellationToken)
    {
        // The internal index shows each node's publish state and public URL, so it follows too. Before the indexes open
        // (the start's first read of every page), there is nothing to compare: their opening compares them with the database.
        if (!indexes.IsOpening)
        {
            return Task.CompletedTask;
        }

        return Queue(notification.Changed?.ToList() ?? Compare(notification.Previous, notification.Current), IndexName.External, IndexName.Internal);
    }

    /// <summary>
    /// The nodes that differ between two snapshots, by the fingerprint each node carries (its version, place and URLs):
    /// after a full read, which does not say what it changed.
    /// </summary>
    private static List<Guid> Compare(PublishedSnapshot previous, PublishedSnapshot current) =>
        current.All.Where(c => previous.Get(c.Key)?.Fingerprint != c.Fingerprint)
            .Concat(previous.All.Where(c => current.Get(c.Key) is null))
            .Select(c => c.Key)
            .ToList();

    public Task HandleAsync(ContentSavedNotification notification, CancellationToken cancellationToken) =>
        Queue([notification.Key], IndexName.Internal);

    /// <summary>The imported drafts in one write; what the import published follows with the snapshot.</summary>
    public Task HandleAsync(ContentImportedNotification notification, CancellationToken cancellationToken) =>
        Queue(notification.Created, IndexName.Internal);

    public async Task HandleAsync(ContentMovedNotification notification, CancellationToken cancellationToken) =>
        await Queue(await drafts.WithDescendantsAsync(notification.Key, cancellationToken), IndexName.Internal);

    public Task HandleAsync(ContentMovedToRecycleBinNotification notification, CancellationToken cancellationToken) =>
        Queue(notification.Keys, IndexName.Internal);

    public Task HandleAsync(ContentRestoredNotification notification, CancellationToken cancellationToken) =>
        Queue(notification.Keys, IndexName.Internal);

    public Task HandleAsync(ContentDeletedNotification notification, CancellationToken cancellationToken) =>
        Queue(notification.Keys, IndexName.Internal);

    private Task Queue(IReadOnlyList<Guid> keys, params IndexName[] names)
    {
        indexes.Enqueue(keys, names);
        return Task.CompletedTask;
    }
}
