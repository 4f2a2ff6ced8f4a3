using ChildProtection.Cms.Schema;
using ChildProtection.Core;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Cms.Content;

/// <summary>Where a new node goes: the checks a create and an import share, and the node's first version.</summary>
public sealed partial class ContentService
{
    /// <summary>Where a new node of this type would go: its type and parent, or why it cannot be created there (with the edit's mistakes when it is invalid).</summary>
    private async Task<Attempt<NodePlacement, ContentOperationStatus>> PlacementAsync(
        Guid? parentKey, string contentTypeAlias, ContentEdit edit, Dictionary<Guid, ContentNode> known, CancellationToken ct)
    {
        if (schema.Find(contentTypeAlias) is not { } type)
        {
            return Attempt.Fail(ContentOperationStatus.UnknownContentType);
        }

        ContentNode? parent = null;
        if (parentKey is not null && !known.TryGetValue(parentKey.Value, out parent))
        {
            parent = await FindNodeAsync(parentKey.Value, ct);
            if (parent is null || parent.Trashed)
            {
                return Attempt.Fail(ContentOperationStatus.ParentNotFound);
            }
        }

        if (AllowedHere(parent, type) is { } refusal)
        {
            return Attempt.Fail(refusal);
        }

        var errors = validator.Validate(type, edit);
        return errors.Count > 0
            ? Attempt.FailWithStatus(ContentOperationStatus.ValidationFailed, new NodePlacement(type, parent, errors))
            : Attempt.SucceedWithStatus(ContentOperationStatus.Success, new NodePlacement(type, parent, []));
    }

    /// <param name="Errors">The edit's mistakes; a placement refused for them carries them.</param>
    private sealed record NodePlacement(ContentType Type, ContentNode? Parent, IReadOnlyList<ContentValidationError> Errors);

    /// <summary>A refused placement as the create's refusal, with the edit's mistakes when it was refused for them.</summary>
    private static Attempt<ContentEditResult, ContentOperationStatus> Refused(Attempt<NodePlacement, ContentOperationStatus> placement) =>
        placement.Result is { } invalid ? Refused(invalid.Errors) : Attempt.Fail(placement.Status);

    /// <summary>A node to create under a stored parent (or at the root), once its placement is checked.</summary>
    private sealed record NewNode(ContentNode? Parent, ContentType Type, ContentEdit Edit, Guid? Key);

    /// <summary>A new node, last among its siblings, with its first version and audit entry, inside the caller's transaction; the caller saves.</summary>
    private async Task<ContentNode> AddNodeAsync(NewNode item, string userName, CancellationToken ct) =>
        (await AddNodesAsync([item], new NewNodeSiblings(this, item.Edit.Names.Values), userName, ct))[0];

    /// <summary>
    /// New nodes, each last among its siblings in the order given, with their first versions and audit entries, in two
    /// saves however many there are: an import's level of the tree costs what one node costs. The caller saves the rest.
    /// </summary>
    private async Task<IReadOnlyList<ContentNode>> AddNodesAsync(IReadOnlyList<NewNode> items, NewNodeSiblings siblings, string userName, CancellationToken ct)
    {
        var nodes = new List<ContentNode>(items.Count);
        var siblingsOf = new List<NewNodeSiblings.Siblings>(items.Count);
        foreach (var item in items)
        {
            var parent = item.Parent;
            var around = await siblings.OfAsync(parent, ct);
            siblingsOf.Add(around);
            nodes.Add(new ContentNode
            {
                Key = item.Key ?? Guid.NewGuid(),
                ParentId = parent?.Id,
                ContentTypeAlias = item.Type.Alias,
                SortOrder = around.NextSortOrder++,
                Level = (parent?.Level ?? 0) + 1,
                CreateDateUtc = Now,
                UpdateDateUtc = Now,
                CreatedBy = userName,
            });
        }

        db.Nodes.AddRange(nodes);
        await db.SaveChangesAsync(ct);

        var versions = new List<ContentVersion>(items.Count);
        foreach (var ((item, node), around) in items.Zip(nodes).Zip(siblingsOf))
        {
            node.Path = item.Parent is { } parent ? $"{parent.Path},{node.Id}" : $"-1,{node.Id}";
            siblings.Created(node);
            versions.Add(NewVersion(node, item.Edit, userName, around.Segments));
        }

        db.Versions.AddRange(versions);
        AnnounceDrafts(new DraftChange(nodes.Select(n => n.Key).ToList()));
        await db.SaveChangesAsync(ct);
        foreach (var (node, version) in nodes.Zip(versions))
        {
            node.CurrentVersionId = version.Id;
            Audit(node.Key, userName, "Create");
        }

        return nodes;
    }

    private async Task<int> NextSortOrderAsync(int? parentId, CancellationToken ct) =>
        (await db.Nodes.Where(n => n.ParentId == parentId).MaxAsync(n => (int?)n.SortOrder, ct) ?? -1) + 1;

    /// <summary>
    /// What new nodes need of their siblings, read once per parent: the next sort order and the URL segments taken
    /// (each new node's segments are added as it gets them). A parent created in the same batch has no other children.
    /// </summary>
    /// <param name="names">The names of the only node to be created, whose segments are all that can clash; null for a batch.</param>
    private sealed class NewNodeSiblings(ContentService content, IEnumerable<string>? names = null)
    {
        private readonly Dictionary<int, Siblings> _byParent = [];

        public sealed class Siblings(int nextSortOrder, Dictionary<string, HashSet<string>> segments)
        {
            public int NextSortOrder { get; set; } = nextSortOrder;

            /// <summary>Culture → the URL segments in use under the parent.</summary>
            public Dictionary<string, HashSet<string>> Segments { get; } = segments;
        }

        public void Created(ContentNode node) => _byParent.TryAdd(node.Id, new Siblings(0, []));

        public async Task<Siblings> OfAsync(ContentNode? parent, CancellationToken ct)
        {
            // The root's children are filed under 0, an id no node has.
            var id = parent?.Id ?? 0;
            if (!_byParent.TryGetValue(id, out var siblings))
            {
                siblings = new Siblings(await content.NextSortOrderAsync(parent?.Id, ct), await content.ChildSegmentsAsync(parent?.Id, null, names, ct));
                _byParent[id] = siblings;
            }

            return siblings;
        }
    }
}
