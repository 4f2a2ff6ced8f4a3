using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.Notifications;
using ChildProtection.Cms.Persistence;
using ChildProtection.Cms.Publishing;
using ChildProtection.Cms.Schema;
using ChildProtection.Cms.Text;
using ChildProtection.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChildProtection.Cms.Content;

/// <summary>Where nodes sit: moving, copying, sorting, the recycle bin and deleting for good.</summary>
public sealed partial class ContentService
{
    public async Task<Attempt<ContentDocument, ContentOperationStatus>> MoveAsync(Guid key, Guid? newParentKey, string userName, CancellationToken ct = default)
    {
        var node = await FindNodeAsync(key, ct);
        if (node is null)
        {
            return Attempt.Fail(ContentOperationStatus.NotFound);
        }

        ContentNode? parent = null;
        if (newParentKey is not null)
        {
            parent = await FindNodeAsync(newParentKey.Value, ct);
            if (parent is null || parent.Trashed)
            {
                return Attempt.Fail(ContentOperationStatus.ParentNotFound);
            }

            if (parent.Id == node.Id || parent.Path.Split(',').Contains(node.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                return Attempt.Fail(ContentOperationStatus.CannotMoveIntoOwnSubtree);
            }
        }

        if (AllowedHere(parent, schema.Get(node.ContentTypeAlias)) is { } refusal)
        {
            return Attempt.Fail(refusal);
        }

        var oldParentKey = node.ParentId is { } oldParentId ? (await db.Nodes.SingleAsync(n => n.Id == oldParentId, ct)).Key : (Guid?)null;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var maxSort = await db.Nodes.Where(n => n.ParentId == (parent == null ? null : parent.Id) && n.Id != node.Id).MaxAsync(n => (int?)n.SortOrder, ct);
        node.ParentId = parent?.Id;
        node.SortOrder = (maxSort ?? -1) + 1;
        await RelocateSubtreeAsync(node, parent, ct);
        await MakeSegmentsUniqueAsync(node, ct);
        node.UpdateDateUtc = Now;
        Audit(node.Key, userName, "Move", parent is null ? "(root)" : parent.Key.ToString());
        Announce(new SnapshotChange.Moved(node.Key));
        AnnounceDrafts(new DraftChange([node.Key], WithDescendants: true));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        await events.PublishAsync(new ContentMovedNotification(node.Key, oldParentKey, parent?.Key, userName), ct);
        return Attempt.SucceedWithStatus(ContentOperationStatus.Success, await ToDocumentAsync(node, ct));
    }

    /// <summary>Copies a node's newest version to a new, unpublished node under <paramref name="newParentKey"/>.</summary>
    public async Task<Attempt<ContentDocument, ContentOperationStatus>> CopyAsync(Guid key, Guid? newParentKey, string userName, CancellationToken ct = default)
    {
        var source = await GetAsync(key, ct);
        if (source is null)
        {
            return Attempt.Fail(ContentOperationStatus.NotFound);
        }

        var created = await CreateAsync(newParentKey, source.ContentTypeAlias, new ContentEdit(source.Names, source.Values), userName, ct: ct);
        if (!created.Success)
        {
            return Attempt.Fail(created.Status);
        }

        var copy = created.Result.Content!;
        Audit(source.Key, userName, "Copy", copy.Key.ToString());
        await db.SaveChangesAsync(ct);
        return Attempt.SucceedWithStatus(ContentOperationStatus.Success, copy);
    }

    /// <summary>Puts the children of <paramref name="parentKey"/> in the given order; the keys must be exactly those children.</summary>
    public async Task<Attempt<ContentOperationStatus>> SortAsync(Guid? parentKey, IReadOnlyList<Guid> orderedKeys, string userName, CancellationToken ct = default)
    {
        int? parentId = null;
        if (parentKey is not null)
        {
            var parent = await FindNodeAsync(parentKey.Value, ct);
            if (parent is null)
            {
                return Attempt.Fail(ContentOperationStatus.ParentNotFound);
            }

            parentId = parent.Id;
        }

        var children = await db.Nodes.Where(n => n.ParentId == parentId && !n.Trashed).ToListAsync(ct);
        if (children.Count != orderedKeys.Count || !children.Select(c => c.Key).ToHashSet().SetEquals(orderedKeys))
        {
            return Attempt.Fail(ContentOperationStatus.InvalidSortKeys);
        }

        foreach (var child in children)
        {
            child.SortOrder = orderedKeys.ToList().IndexOf(child.Key);
        }

        Audit(parentKey ?? Guid.Empty, userName, "Sort");
        Announce(new SnapshotChange.Sorted(parentKey));
        await db.SaveChangesAsync(ct);
        await events.PublishAsync(new ContentSortedNotification(parentKey, userName), ct);
        return Attempt.Succeed(ContentOperationStatus.Success);
    }

    /// <summary>Moves a node and its descendants to the recycle bin; they stop being public.</summary>
    public async Task<Attempt<ContentDocument, ContentOperationStatus>> MoveToRecycleBinAsync(Guid key, string userName, CancellationToken ct = default)
    {
        var node = await FindNodeAsync(key, ct);
        if (node is null)
        {
            return Attempt.Fail(ContentOperationStatus.NotFound);
        }

        if (node.Trashed)
        {
            return Attempt.Fail(ContentOperationStatus.InRecycleBin);
        }

        var subtree = await SubtreeAsync(node, ct);
        foreach (var item in subtree)
        {
            item.Trashed = true;
            item.PublishedVersionId = null;
        }

        node.TrashedFromParentId = node.ParentId;
        Audit(node.Key, userName, "Trash");
        Announce(new SnapshotChange.Nodes(subtree.Select(n => n.Key).ToList()));
        AnnounceDrafts(new DraftChange(subtree.Select(n => n.Key).ToList()));
        await db.SaveChangesAsync(ct);

        await events.PublishAsync(new ContentMovedToRecycleBinNotification(subtree.Select(n => n.Key).ToList(), userName), ct);
        return Attempt.SucceedWithStatus(ContentOperationStatus.Success, await ToDocumentAsync(node, ct));
    }

    /// <summary>Brings a node and its descendants back from the recycle bin, unpublished, to where they were.</summary>
    public async Task<Attempt<ContentDocument, ContentOperationStatus>> RestoreAsync(Guid key, string userName, CancellationToken ct = default)
    {
        var node = await FindNodeAsync(key, ct);
        if (node is null)
        {
            return Attempt.Fail(ContentOperationStatus.NotFound);
        }

        if (!node.Trashed || node.TrashedFromParentId is null && node.ParentId is not null)
        {
            return Attempt.Fail(ContentOperationStatus.NotInRecycleBin);
        }

        if (node.ParentId is { } parentId && await db.Nodes.AnyAsync(n => n.Id == parentId && n.Trashed, ct))
        {
            return Attempt.Fail(ContentOperationStatus.ParentNotFound);
        }

        var subtree = await SubtreeAsync(node, ct);
        foreach (var item in subtree)
        {
            item.Trashed = false;
        }

        node.TrashedFromParentId = null;
        await MakeSegmentsUniqueAsync(node, ct);
        Audit(node.Key, userName, "Restore");
        Announce(new SnapshotChange.Nodes(subtree.Select(n => n.Key).ToList()));
        AnnounceDrafts(new DraftChange(subtree.Select(n => n.Key).ToList()));
        await db.SaveChangesAsync(ct);

        await events.PublishAsync(new ContentRestoredNotification(subtree.Select(n => n.Key).ToList(), userName), ct);
        return Attempt.SucceedWithStatus(ContentOperationStatus.Success, await ToDocumentAsync(node, ct));
    }

    public async Task<IReadOnlyList<ContentDocument>> GetRecycleBinAsync(CancellationToken ct = default)
    {
        var trashedTops = await db.Nodes.AsNoTracking().Where(n => n.Trashed && (n.TrashedFromParentId != null || n.ParentId == null))
            .OrderByDescending(n => n.UpdateDateUtc).ToListAsync(ct);
        var result = new List<ContentDocument>();
        foreach (var node in trashedTops)
        {
            result.Add(await ToDocumentAsync(node, ct));
        }

        return result;
    }

    /// <summary>
    /// Deletes every node in the recycle bin for good, with all their versions. Nothing is announced to the other
    /// nodes: a trashed node left every published snapshot when it was trashed.
    /// </summary>
    public async Task<int> EmptyRecycleBinAsync(string userName, CancellationToken ct = default)
    {
        var trashed = await db.Nodes.Where(n => n.Trashed).ToListAsync(ct);
        foreach (var node in trashed)
        {
            Audit(node.Key, userName, "Delete");
        }

        db.Nodes.RemoveRange(trashed);
        await db.SaveChangesAsync(ct);
        await events.PublishAsync(new ContentDeletedNotification(trashed.Select(n => n.Key).ToList(), userName), ct);
        return trashed.Count;
    }
}
