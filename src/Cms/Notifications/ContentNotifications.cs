using ChildProtection.Cms.Publishing;

namespace ChildProtection.Cms.Notifications;

// One small type per event, named as Umbraco names them. Each carries the keys of the nodes it concerns.

public sealed record ContentSavedNotification(Guid Key, string UserName) : INotification;

public sealed record ContentPublishedNotification(Guid Key, string UserName) : INotification;

public sealed record ContentUnpublishedNotification(Guid Key, string UserName) : INotification;

public sealed record ContentMovedNotification(Guid Key, Guid? OldParentKey, Guid? NewParentKey, string UserName) : INotification;

public sealed record ContentSortedNotification(Guid? ParentKey, string UserName) : INotification;

/// <summary>
/// An import stored these nodes (<see cref="Created"/>) and published some of them (<see cref="Published"/>), in one
/// notification rather than one per node: the search index reads them in batches and the snapshot once.
/// </summary>
public sealed record ContentImportedNotification(IReadOnlyList<Guid> Created, IReadOnlyList<Guid> Published, string UserName) : INotification;

/// <summary>A node and its descendants went to the recycle bin.</summary>
public sealed record ContentMovedToRecycleBinNotification(IReadOnlyList<Guid> Keys, string UserName) : INotification;

public sealed record ContentRestoredNotification(IReadOnlyList<Guid> Keys, string UserName) : INotification;

/// <summary>Nodes deleted for good (emptying the recycle bin).</summary>
public sealed record ContentDeletedNotification(IReadOnlyList<Guid> Keys, string UserName) : INotification;

/// <summary>A new published snapshot has replaced <see cref="Previous"/>: what the public sees may have changed.</summary>
/// <param name="Changed">
/// The nodes added, replaced or removed, when the swap patched the snapshot; null after a full read, when only a
/// comparison of the two snapshots tells.
/// </param>
public sealed record PublishedSnapshotChangedNotification(PublishedSnapshot Previous, PublishedSnapshot Current, IReadOnlyCollection<Guid>? Changed) : INotification;
