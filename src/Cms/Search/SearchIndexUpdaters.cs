using ChildProtection.Cms.Notifications;
using ChildProtection.Cms.Publishing;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Cms.Search;

/// <summary>
/// Keeps the indexes current as content changes, inside the operation that changed it, so a publish is searchable
/// as soon as it returns. A failure here is logged, not thrown: the content change stands, and the comparison
/// at the next start-up (or a rebuild) repairs the index.
/// </summary>
internal sealed class SearchIndexUpdaters(SearchIndexes indexes, DraftIndexSource drafts, ILogger<SearchIndexUpdaters> logger) :
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
        // The internal index shows each node's publish state and public URL, so it follows too.
        return UpdateAsync(notification.Changed?.ToList() ?? Compare(notification.Previous, notification.Current), cancellationToken, IndexName.External, IndexName.Internal);
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
        UpdateAsync([notification.Key], cancellationToken, IndexName.Internal);

    /// <summary>The imported drafts in one write; what the import published follows with the snapshot.</summary>
    public Task HandleAsync(ContentImportedNotification notification, CancellationToken cancellationToken) =>
        UpdateAsync(notification.Created, cancellationToken, IndexName.Internal);

    public async Task HandleAsync(ContentMovedNotification notification, CancellationToken cancellationToken) =>
        await UpdateAsync(await drafts.WithDescendantsAsync(notification.Key, cancellationToken), cancellationToken, IndexName.Internal);

    public Task HandleAsync(ContentMovedToRecycleBinNotification notification, CancellationToken cancellationToken) =>
        UpdateAsync(notification.Keys, cancellationToken, IndexName.Internal);

    public Task HandleAsync(ContentRestoredNotification notification, CancellationToken cancellationToken) =>
        UpdateAsync(notification.Keys, cancellationToken, IndexName.Internal);

    public Task HandleAsync(ContentDeletedNotification notification, CancellationToken cancellationToken) =>
        UpdateAsync(notification.Keys, cancellationToken, IndexName.Internal);

    private async Task UpdateAsync(IReadOnlyList<Guid> keys, CancellationToken ct, params IndexName[] names)
    {
        foreach (var name in names)
        {
            try
            {
                await indexes.Get(name).UpdateAsync(keys, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Search index {Index} could not be updated for {Count} nodes; it will be repaired at the next start or rebuild.", name, keys.Count);
            }
        }
    }
}
