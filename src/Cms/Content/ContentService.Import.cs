using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.Notifications;
using ChildProtection.Cms.Persistence;
using ChildProtection.Cms.Schema;
using ChildProtection.Cms.Text;
using ChildProtection.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChildProtection.Cms.Content;

/// <summary>Many nodes in one transaction: the starting content a new site imports.</summary>
public sealed partial class ContentService
{
    /// <summary>
    /// Creates many nodes with the keys given, in one transaction: an import. Items come parents first; each is checked
    /// as <see cref="CreateAsync(Guid?, string, ContentEdit, string, Guid?, CancellationToken)"/> checks a node, and one
    /// refused is left out (its descendants then find no parent) while the others go on. An item to publish whose parent
    /// is not published is kept as a draft, with the status <see cref="ContentOperationStatus.ParentNotPublished"/>.
    /// A failure of the database takes the whole import back. The notifications follow the commit.
    /// </summary>
    /// <returns>Each item's outcome, in the items' order; a success carries no document, only an empty list of mistakes.</returns>
    public async Task<IReadOnlyList<Attempt<ContentEditResult, ContentOperationStatus>>> ImportAsync(IReadOnlyList<ContentImportItem> items, string userName, CancellationToken ct = default)
    {
        // The import's own nodes: children find their parent here rather than with a query.
        var created = new Dictionary<Guid, ContentNode>();
        var results = new Attempt<ContentEditResult, ContentOperationStatus>[items.Count];
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var siblings = new NewNodeSiblings(this);
            foreach (var level in Levels(items))
            {
                await ImportLevelAsync(level.Select(i => (i, items[i])).ToList(), created, siblings, results, userName, ct);
            }

            await transaction.CommitAsync(ct);
        }
        catch
        {
            // Rolled back: nothing the context still tracks from the import is stored.
            db.ChangeTracker.Clear();
            throw;
        }

        var published = items.Zip(results).Where(p => p.First.Publish && p.Second.Success).Select(p => p.First.Key).ToList();
        await events.PublishAsync(new ContentImportedNotification(items.Select(i => i.Key).Where(created.ContainsKey).ToList(), published, userName), ct);

        return results;
    }

    /// <summary>
    /// The items' indexes by depth within the import, in the items' order: an item whose parent is not among the items
    /// is on the first level, its children on the second, and so on. Parents come before their children in the items.
    /// </summary>
    private static IEnumerable<IEnumerable<int>> Levels(IReadOnlyList<ContentImportItem> items)
    {
        var depths = new Dictionary<Guid, int>();
        var levels = new int[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            levels[i] = item.ParentKey is { } parent && depths.TryGetValue(parent, out var depth) ? depth + 1 : 0;
            depths.TryAdd(item.Key, levels[i]);
        }

        return Enumerable.Range(0, items.Count).GroupBy(i => levels[i]).OrderBy(g => g.Key).Select(g => g.AsEnumerable());
    }

    /// <summary>The keys among <paramref name="keys"/> that some node has.</summary>
    public async Task<IReadOnlySet<Guid>> ExistingAsync(IReadOnlyCollection<Guid> keys, CancellationToken ct = default) =>
        await db.Nodes.Where(n => keys.Contains(n.Key)).Select(n => n.Key).ToHashSetAsync(ct);

    /// <summary>One level of the import's tree: each item checked, then all that pass created together.</summary>
    private async Task ImportLevelAsync(
        IReadOnlyList<(int Index, ContentImportItem Item)> level,
        Dictionary<Guid, ContentNode> created,
        NewNodeSiblings siblings,
        Attempt<ContentEditResult, ContentOperationStatus>[] results,
        string userName,
        CancellationToken ct)
    {
        var placed = new List<(int Index, ContentImportItem Item, NodePlacement Placement)>(level.Count);
        foreach (var (index, item) in level)
        {
            var placement = await PlacementAsync(item.ParentKey, item.ContentTypeAlias, item.Edit, created, ct);
            if (placement.Success)
            {
                placed.Add((index, item, placement.Result));
            }
            else
            {
                results[index] = Refused(placement);
            }
        }

        var nodes = await AddNodesAsync(placed.Select(p => new NewNode(p.Placement.Parent, p.Placement.Type, p.Item.Edit, p.Item.Key)).ToList(), siblings, userName, ct);
        var imported = new ContentEditResult(null, []);
        foreach (var ((index, item, placement), node) in placed.Zip(nodes))
        {
            // Just validated, and new: the parent's state is all a publish could still be refused for.
            var publishable = placement.Parent is null || placement.Parent.PublishedVersionId is not null;
            if (item.Publish && publishable)
            {
                MarkPublished(node, userName);
            }

            created[node.Key] = node;
            results[index] = item.Publish && !publishable
                ? Attempt.FailWithStatus(ContentOperationStatus.ParentNotPublished, imported)
                : Attempt.SucceedWithStatus(ContentOperationStatus.Success, imported);
        }

        await db.SaveChangesAsync(ct);
        // Stored: tracking them on would make every later save of the import check them again. Their children only read them.
        db.ChangeTracker.Clear();
    }
}
