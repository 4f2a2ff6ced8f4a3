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
        var results = new List<Attempt<ContentEditResult, ContentOperationStatus>>(items.Count);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var item in items)
            {
                results.Add(await ImportItemAsync(item, created, userName, ct));
            }

            await transaction.CommitAsync(ct);
        }
        catch
        {
            // Rolled back: nothing the context still tracks from the import is stored.
            db.ChangeTracker.Clear();
            throw;
        }

        foreach (var (item, result) in items.Zip(results))
        {
            if (created.ContainsKey(item.Key))
            {
                await events.PublishAsync(new ContentSavedNotification(item.Key, userName), ct);
            }

            if (item.Publish && result.Success)
            {
                await events.PublishAsync(new ContentPublishedNotification(item.Key, userName), ct);
            }
        }

        return results;
    }

    /// <summary>The keys among <paramref name="keys"/> that some node has.</summary>
    public async Task<IReadOnlySet<Guid>> ExistingAsync(IReadOnlyCollection<Guid> keys, CancellationToken ct = default) =>
        await db.Nodes.Where(n => keys.Contains(n.Key)).Select(n => n.Key).ToHashSetAsync(ct);

    private async Task<Attempt<ContentEditResult, ContentOperationStatus>> ImportItemAsync(ContentImportItem item, Dictionary<Guid, ContentNode> created, string userName, CancellationToken ct)
    {
        var placement = await PlacementAsync(item.ParentKey, item.ContentTypeAlias, item.Edit, created, ct);
        if (!placement.Success)
        {
            return Refused(placement);
        }

        var (type, parent, _) = placement.Result;
        var node = await AddNodeAsync(parent, type, item.Edit, userName, item.Key, ct);
        // Just validated, and new: the parent's state is all a publish could still be refused for.
        var publishable = parent is null || parent.PublishedVersionId is not null;
        if (item.Publish && publishable)
        {
            MarkPublished(node, userName);
        }

        await db.SaveChangesAsync(ct);
        // Stored: tracking it on would make every later save of the import check it again. Its children only read it.
        db.ChangeTracker.Clear();
        created[node.Key] = node;
        var imported = new ContentEditResult(null, []);
        return item.Publish && !publishable
            ? Attempt.FailWithStatus(ContentOperationStatus.ParentNotPublished, imported)
            : Attempt.SucceedWithStatus(ContentOperationStatus.Success, imported);
    }
}
