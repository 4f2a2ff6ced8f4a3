using ChildProtection.Cms.Notifications;

namespace ChildProtection.Cms.Publishing;

/// <summary>What a content change may have altered in the published snapshot, as its notification tells it.</summary>
internal abstract record SnapshotChange
{
    /// <summary>Nodes published, unpublished, trashed, restored or deleted.</summary>
    internal sealed record Nodes(IReadOnlyList<Guid> Keys) : SnapshotChange;

    /// <summary>A node moved: the URLs and levels of its subtree follow it.</summary>
    internal sealed record Moved(Guid Key) : SnapshotChange;

    /// <summary>The children of a node (the roots when null) were put in a new order.</summary>
    internal sealed record Sorted(Guid? ParentKey) : SnapshotChange;

    /// <summary>Redirects were added or removed: no page changed.</summary>
    internal sealed record Redirects : SnapshotChange;
}

/// <summary>Passes every change to what the public may see on to the snapshot service.</summary>
internal sealed class PublishedSnapshotRefresher(PublishedSnapshotService snapshots) :
    INotificationHandler<ContentPublishedNotification>,
    INotificationHandler<ContentImportedNotification>,
    INotificationHandler<ContentUnpublishedNotification>,
    INotificationHandler<ContentMovedNotification>,
    INotificationHandler<ContentSortedNotification>,
    INotificationHandler<ContentMovedToRecycleBinNotification>,
    INotificationHandler<ContentRestoredNotification>,
    INotificationHandler<ContentDeletedNotification>
{
    public Task HandleAsync(ContentPublishedNotification notification, CancellationToken cancellationToken) =>
        snapshots.RefreshAsync(new SnapshotChange.Nodes([notification.Key]), cancellationToken);

    public Task HandleAsync(ContentImportedNotification notification, CancellationToken cancellationToken) =>
        notification.Published.Count == 0 ? Task.CompletedTask : snapshots.RefreshAsync(new SnapshotChange.Nodes(notification.Published), cancellationToken);

    public Task HandleAsync(ContentUnpublishedNotification notification, CancellationToken cancellationToken) =>
        snapshots.RefreshAsync(new SnapshotChange.Nodes([notification.Key]), cancellationToken);

    public Task HandleAsync(ContentMovedNotification notification, CancellationToken cancellationToken) =>
        snapshots.RefreshAsync(new SnapshotChange.Moved(notification.Key), cancellationToken);

    public Task HandleAsync(ContentSortedNotification notification, CancellationToken cancellationToken) =>
        snapshots.RefreshAsync(new SnapshotChange.Sorted(notification.ParentKey), cancellationToken);

    public Task HandleAsync(ContentMovedToRecycleBinNotification notification, CancellationToken cancellationToken) =>
        snapshots.RefreshAsync(new SnapshotChange.Nodes(notification.Keys), cancellationToken);

    public Task HandleAsync(ContentRestoredNotification notification, CancellationToken cancellationToken) =>
        snapshots.RefreshAsync(new SnapshotChange.Nodes(notification.Keys), cancellationToken);

    public Task HandleAsync(ContentDeletedNotification notification, CancellationToken cancellationToken) =>
        snapshots.RefreshAsync(new SnapshotChange.Nodes(notification.Keys), cancellationToken);
}
