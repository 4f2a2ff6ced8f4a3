using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.Notifications;
using ChildProtection.Cms.Persistence;
using ChildProtection.Cms.Schema;
using ChildProtection.Cms.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChildProtection.Cms.Content;

/// <summary>Where nodes sit: moving, copying, sorting, the recycle bin and deleting for good.</summary>
public sealed partial class ContentService
{
    public async Task<ContentOperationResult> MoveAsync(Guid key, Guid? newParentKey, string userName, CancellationToken ct = default)
    {
        var node = await FindNodeAsync(key, ct);
        if (node is null)
        {
            return new(ContentOperationStatus.NotFound);
        }

        ContentNode? parent = null;
        if (newParentKey is not null)
        {
            parent = await FindNodeAsync(newParentKey.Value, ct);
            if (parent is null || parent.Trashed)
            {
                return new(ContentOperationStatus.ParentNotFound);
            }

            if (parent.Id == node.Id || parent.Path.Split(',').Contains(node.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                return new(ContentOperationStatus.CannotMoveIntoOwnSubtree);
            }
        }

        if (AllowedHere(parent, schema.Get(node.ContentTypeAlias)) is { } refusal)
        {
            return new(refusal);
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
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        await events.PublishAsync(new ContentMovedNotification(node.Key, oldParentKey, parent?.Key, userName), ct);
        return new(ContentOperationStatus.Success, await ToDocumentAsync(node, ct));
    }

    /// <summary>Copies a node's newest version to a new, unpublished node under <paramref name="newParentKey"/>.</summary>
    public async Task<ContentOperationResult> CopyAsync(Guid key, Guid? newParentKey, string userName, CancellationToken ct = default)
    {
        var source = await GetAsync(key, ct);
        if (source is null)
        {
            return new(ContentOperationStatus.NotFound);
        }

        var result = await CreateAsync(newParentKey, source.ContentTypeAlias, new ContentEdit(source.Names, source.Values), userName, ct: ct);
        if (result.Success)
        {
            Audit(source.Key, userName, "Copy", result.Content!.Key.ToString());
            await db.SaveChangesAsync(ct);
        }

        return result;
    }

    /// <summary>Puts the children of <paramref name="parentKey"/> in the given order; the keys must be exactly those children.</summary>
    public async Task<ContentOperationResult> SortAsync(Guid? parentKey, IReadOnlyList<Guid> orderedKeys, string userName, CancellationToken ct = default)
    {
        int? parentId = null;
        if (parentKey is not null)
        {
            var parent = await FindNodeAsync(parentKey.Value, ct);
            if (parent is null)
            {
                return new(ContentOperationStatus.ParentNotFound);
            }

            parentId = parent.Id;
        }

        var children = await db.Nodes.Where(n => n.ParentId == parentId && !n.Trashed).ToListAsync(ct);
        if (children.Count != orderedKeys.Count || !children.Select(c => c.Key).ToHashSet().SetEquals(orderedKeys))
        {
            return new(ContentOperationStatus.InvalidSortKeys);
        }

        foreach (var child in children)
        {
            child.SortOrder = orderedKeys.ToList().IndexOf(child.Key);
        }

        Audit(parentKey ?? Guid.Empty, userName, "Sort");
        await db.SaveChangesAsync(ct);
        await events.PublishAsync(new ContentSortedNotification(parentKey, userName), ct);
        return new(ContentOperationStatus.Success);
    }

    /// <summary>Moves a node and its descendants to the recycle bin; they stop being public.</summary>
    public async Task<ContentOperationResult> MoveToRecycleBinAsync(Guid key, string userName, CancellationToken ct = default)
    {
        var node = await FindNodeAsync(key, ct);
        if (node is null)
        {
            return new(ContentOperationStatus.NotFound);
        }

        if (node.Trashed)
        {
            return new(ContentOperationStatus.InRecycleBin);
        }

        var subtree = await SubtreeAsync(node, ct);
        foreach (var item in subtree)
        {
            item.Trashed = true;
            item.PublishedVersionId = null;
        }

        node.TrashedFromParentId = node.ParentId;
        Audit(node.Key, userName, "Trash");
        await db.SaveChangesAsync(ct);

        await events.PublishAsync(new ContentMovedToRecycleBinNotification(subtree.Select(n => n.Key).ToList(), userName), ct);
        return new(ContentOperationStatus.Success, await ToDocumentAsync(node, ct));
    }

    /// <summary>Brings a node and its descendants back from the recycle bin, unpublished, to where they were.</summary>
    public async Task<ContentOperationResult> RestoreAsync(Guid key, string userName, CancellationToken ct = default)
    {
        var node = await FindNodeAsync(key, ct);
        if (node is null)
        {
            return new(ContentOperationStatus.NotFound);
        }

        if (!node.Trashed || node.TrashedFromParentId is null && node.ParentId is not null)
        {
            return new(ContentOperationStatus.NotInRecycleBin);
        }

        if (node.ParentId is { } parentId && await db.Nodes.AnyAsync(n => n.Id == parentId && n.Trashed, ct))
        {
            return new(ContentOperationStatus.ParentNotFound);
        }

        var subtree = await SubtreeAsync(node, ct);
        foreach (var item in subtree)
        {
            item.Trashed = false;
        }

        node.TrashedFromParentId = null;
        await MakeSegmentsUniqueAsync(node, ct);
        Audit(node.Key, userName, "Restore");
        await db.SaveChangesAsync(ct);

        await events.PublishAsync(new ContentRestoredNotification(subtree.Select(n => n.Key).ToList(), userName), ct);
        return new(ContentOperationStatus.Success, await ToDocumentAsync(node, ct));
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

    /// <summary>Deletes every node in the recycle bin for good, with all their versions.</summary>
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
