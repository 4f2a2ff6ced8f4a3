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

    /// <summary>A new node, last among its siblings, with its first version and audit entry, inside the caller's transaction; the caller saves.</summary>
    private async Task<ContentNode> AddNodeAsync(ContentNode? parent, ContentType type, ContentEdit edit, string userName, Guid? key, CancellationToken ct)
    {
        var maxSort = await db.Nodes.Where(n => n.ParentId == (parent == null ? null : parent.Id)).MaxAsync(n => (int?)n.SortOrder, ct);
        var node = new ContentNode
        {
            Key = key ?? Guid.NewGuid(),
            ParentId = parent?.Id,
            ContentTypeAlias = type.Alias,
            SortOrder = (maxSort ?? -1) + 1,
            Level = (parent?.Level ?? 0) + 1,
            CreateDateUtc = Now,
            UpdateDateUtc = Now,
            CreatedBy = userName,
        };
        db.Nodes.Add(node);
        await db.SaveChangesAsync(ct);
        node.Path = parent is null ? $"-1,{node.Id}" : $"{parent.Path},{node.Id}";
        await AddVersionAsync(node, edit, userName, ct);
        Audit(node.Key, userName, "Create");
        return node;
    }
}
