using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.Notifications;
using ChildProtection.Cms.Persistence;
using ChildProtection.Cms.Publishing;
using ChildProtection.Cms.Schema;
using ChildProtection.Cms.Text;
using ChildProtection.Core;
using ChildProtection.Core.Changes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChildProtection.Cms.Content;

/// <summary>
/// Every change to content goes through here: it validates, writes a new version, records an audit entry and
/// raises a notification once the change is stored. A change to what the public sees is announced to the other nodes in
/// the change feed, in the same transaction. A failed operation changes nothing.
/// </summary>
public sealed partial class ContentService(
    CmsDbContext db,
    ContentApprovals approvals,
    ContentSchema schema,
    ContentValidator validator,
    IEventAggregator events,
    IOptions<CmsOptions> options,
    ChangeFeed feed,
    TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Tells the other nodes, in this unit of work, what their published snapshot must read again.</summary>
    private void Announce(SnapshotChange change) => feed.Stage(db, SnapshotChangeFeed.Kind, SnapshotChangeFeed.Write(change));

    /// <summary>Tells the other nodes, in this unit of work, which drafts their backoffice search must read again.</summary>
    private void AnnounceDrafts(DraftChange change) => feed.Stage(db, DraftChange.Kind, change.Write());

    public async Task<ContentDocument?> GetAsync(Guid key, CancellationToken ct = default)
    {
        var node = await db.Nodes.AsNoTracking().SingleOrDefaultAsync(n => n.Key == key, ct);
        return node is null ? null : await ToDocumentAsync(node, ct);
    }

    public async Task<IReadOnlyList<ContentDocument>> GetChildrenAsync(Guid? parentKey, CancellationToken ct = default)
    {
        int? parentId = parentKey is null ? null : (await FindNodeAsync(parentKey.Value, ct))?.Id;
        var children = await db.Nodes.AsNoTracking()
            .Where(n => n.ParentId == parentId && !n.Trashed)
            .OrderBy(n => n.SortOrder).ToListAsync(ct);
        var result = new List<ContentDocument>(children.Count);
        foreach (var child in children)
        {
            result.Add(await ToDocumentAsync(child, ct));
        }

        return result;
    }

    public Task<Attempt<ContentEditResult, ContentOperationStatus>> CreateAsync(
        Guid? parentKey, string contentTypeAlias, ContentEdit edit, string userName, Guid? key = null, CancellationToken ct = default) =>
        CreateAsync(parentKey, contentTypeAlias, edit, userName, key, publish: false, ct);

    /// <summary>
    /// "Lưu và xuất bản" of a new node: created and published in one transaction; a refused publish (its parent is not
    /// published) creates nothing.
    /// </summary>
    public Task<Attempt<ContentEditResult, ContentOperationStatus>> CreateAndPublishAsync(Guid? parentKey, string contentTypeAlias, ContentEdit edit, string userName, CancellationToken ct = default) =>
        CreateAsync(parentKey, contentTypeAlias, edit, userName, null, publish: true, ct);

    /// <summary>
    /// "Lưu và xuất bản": saves <paramref name="edit"/> as the node's new draft, publishes it and closes the node's
    /// waiting approval request as approved, in one transaction, so that a refusal or a failure at any step leaves the
    /// node, its versions and the request as they were. The notifications follow the commit.
    /// </summary>
    /// <returns>The outcome; a success names the approval request it closed (its writer is to be told), if there was one.</returns>
    public async Task<Attempt<ContentEditResult, ContentOperationStatus>> SaveAndPublishAsync(Guid key, ContentEdit edit, string userName, CancellationToken ct = default)
    {
        var node = await FindNodeAsync(key, ct);
        if (node is null)
        {
            return Attempt.Fail(ContentOperationStatus.NotFound);
        }

        var errors = validator.Validate(schema.Get(node.ContentTypeAlias), edit);
        if (errors.Count > 0)
        {
            return Refused(errors);
        }

        ApprovalRequest? approved;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await SaveVersionAsync(node, edit, userName, ct);
            if (await PublishRefusalAsync(node, ct) is { } refusal)
            {
                db.ChangeTracker.Clear();
                return refusal;
            }

            MarkPublished(node, userName);
            approved = await approvals.DecideApprovedAsync(key, userName, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        await events.PublishAsync(new ContentSavedNotification(node.Key, userName), ct);
        await events.PublishAsync(new ContentPublishedNotification(node.Key, userName), ct);
        return Attempt.SucceedWithStatus(ContentOperationStatus.Success, new ContentEditResult(await ToDocumentAsync(node, ct), [], approved));
    }

    private async Task<Attempt<ContentEditResult, ContentOperationStatus>> CreateAsync(
        Guid? parentKey, string contentTypeAlias, ContentEdit edit, string userName, Guid? key, bool publish, CancellationToken ct)
    {
        var placement = await PlacementAsync(parentKey, contentTypeAlias, edit, [], ct);
        if (!placement.Success)
        {
            return Refused(placement);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var node = await AddNodeAsync(new NewNode(placement.Result.Parent, placement.Result.Type, edit, key), userName, ct);
        await db.SaveChangesAsync(ct);
        if (publish)
        {
            if (await PublishRefusalAsync(node, ct) is { } publishRefusal)
            {
                db.ChangeTracker.Clear();
                return publishRefusal;
            }

            MarkPublished(node, userName);
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);

        await events.PublishAsync(new ContentSavedNotification(node.Key, userName), ct);
        if (publish)
        {
            await events.PublishAsync(new ContentPublishedNotification(node.Key, userName), ct);
        }

        return Saved(await ToDocumentAsync(node, ct));
    }

    private static Attempt<ContentEditResult, ContentOperationStatus> Saved(ContentDocument document) =>
        Attempt.SucceedWithStatus(ContentOperationStatus.Success, new ContentEditResult(document, []));

    private static Attempt<ContentEditResult, ContentOperationStatus> Refused(IReadOnlyList<ContentValidationError> errors) =>
        Attempt.FailWithStatus(ContentOperationStatus.ValidationFailed, ContentEditResult.Refused(errors));

    public async Task<Attempt<ContentEditResult, ContentOperationStatus>> SaveAsync(Guid key, ContentEdit edit, string userName, CancellationToken ct = default)
    {
        var node = await FindNodeAsync(key, ct);
        if (node is null)
        {
            return Attempt.Fail(ContentOperationStatus.NotFound);
        }

        var errors = validator.Validate(schema.Get(node.ContentTypeAlias), edit);
        if (errors.Count > 0)
        {
            return Refused(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await SaveVersionAsync(node, edit, userName, ct);
        await transaction.CommitAsync(ct);

        await events.PublishAsync(new ContentSavedNotification(node.Key, userName), ct);
        return Saved(await ToDocumentAsync(node, ct));
    }

    public async Task<Attempt<ContentEditResult, ContentOperationStatus>> PublishAsync(Guid key, string userName, CancellationToken ct = default)
    {
        var node = await FindNodeAsync(key, ct);
        if (node is null)
        {
            return Attempt.Fail(ContentOperationStatus.NotFound);
        }

        if (await PublishRefusalAsync(node, ct) is { } refusal)
        {
            return refusal;
        }

        MarkPublished(node, userName);
        await db.SaveChangesAsync(ct);

        await events.PublishAsync(new ContentPublishedNotification(node.Key, userName), ct);
        return Saved(await ToDocumentAsync(node, ct));
    }

    public async Task<Attempt<ContentDocument, ContentOperationStatus>> UnpublishAsync(Guid key, string userName, CancellationToken ct = default)
    {
        var node = await FindNodeAsync(key, ct);
        if (node is null)
        {
            return Attempt.Fail(ContentOperationStatus.NotFound);
        }

        node.PublishedVersionId = null;
        node.UpdateDateUtc = Now;
        Audit(node.Key, userName, "Unpublish");
        Announce(new SnapshotChange.Nodes([node.Key]));
        await db.SaveChangesAsync(ct);

        await events.PublishAsync(new ContentUnpublishedNotification(node.Key, userName), ct);
        return Attempt.SucceedWithStatus(ContentOperationStatus.Success, await ToDocumentAsync(node, ct));
    }

    public Task<bool> ExistsAsync(Guid key, CancellationToken ct = default) => db.Nodes.AnyAsync(n => n.Key == key, ct);

    private Task<ContentNode?> FindNodeAsync(Guid key, CancellationToken ct) => db.Nodes.SingleOrDefaultAsync(n => n.Key == key, ct);

    private ContentOperationStatus? AllowedHere(ContentNode? parent, ContentType type) =>
        parent is null
            ? type.AllowAtRoot ? null : ContentOperationStatus.NotAllowedAtRoot
            : schema.Get(parent.ContentTypeAlias).AllowsChild(type.Alias) ? null : ContentOperationStatus.NotAllowedUnderParent;

    /// <summary>The edit as the node's new draft, inside the caller's transaction.</summary>
    private async Task SaveVersionAsync(ContentNode node, ContentEdit edit, string userName, CancellationToken ct)
    {
        await AddVersionAsync(node, edit, userName, ct);
        node.UpdateDateUtc = Now;
        Audit(node.Key, userName, "Save");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Why the node's draft cannot go public now; null when it can.</summary>
    private async Task<Attempt<ContentEditResult, ContentOperationStatus>?> PublishRefusalAsync(ContentNode node, CancellationToken ct)
    {
        if (node.Trashed)
        {
            return Attempt.Fail(ContentOperationStatus.InRecycleBin);
        }

        if (node.ParentId is { } parentId && !await db.Nodes.AnyAsync(n => n.Id == parentId && n.PublishedVersionId != null, ct))
        {
            return Attempt.Fail(ContentOperationStatus.ParentNotPublished);
        }

        // The schema may have changed since the draft was saved: what goes public must meet today's rules.
        var current = await ToDocumentAsync(node, ct);
        var errors = validator.Validate(schema.Get(node.ContentTypeAlias), new ContentEdit(current.Names, current.Values));
        return errors.Count > 0 ? Refused(errors) : null;
    }

    private void MarkPublished(ContentNode node, string userName)
    {
        node.PublishedVersionId = node.CurrentVersionId;
        node.FirstPublishedUtc ??= Now;
        node.UpdateDateUtc = Now;
        Audit(node.Key, userName, "Publish");
        Announce(new SnapshotChange.Nodes([node.Key]));
    }

    /// <summary>
    /// The edit as the node's newest version. A culture whose name the edit keeps keeps its URL segment (it is unique
    /// among the siblings: theirs were chosen to avoid it), so the siblings are read only for a name that changed.
    /// </summary>
    private async Task AddVersionAsync(ContentNode node, ContentEdit edit, string userName, CancellationToken ct)
    {
        var current = await db.VersionCultures.AsNoTracking().Where(c => c.VersionId == node.CurrentVersionId).ToListAsync(ct);
        var kept = current.Where(c => edit.Names.GetValueOrDefault(c.Culture)?.Trim() == c.Name).ToDictionary(c => c.Culture, c => c.UrlSegment);
        var renamed = edit.Names.Where(n => !kept.ContainsKey(n.Key)).Select(n => n.Value).ToList();
        var taken = renamed.Count == 0 ? [] : await ChildSegmentsAsync(node.ParentId, node.Id, renamed, ct);
        var version = NewVersion(node, edit, userName, taken, kept);
        db.Versions.Add(version);
        AnnounceDrafts(new DraftChange([node.Key]));
        await db.SaveChangesAsync(ct);
        node.CurrentVersionId = version.Id;
    }

    /// <summary>
    /// A new version of the node holding the edit, its URL segments those <paramref name="kept"/> names or else unique
    /// among <paramref name="taken"/>, to which they are added.
    /// </summary>
    private ContentVersion NewVersion(
        ContentNode node, ContentEdit edit, string userName, Dictionary<string, HashSet<string>> taken, IReadOnlyDictionary<string, string>? kept = null)
    {
        var type = schema.Get(node.ContentTypeAlias);
        var version = new ContentVersion { NodeId = node.Id, VersionDateUtc = Now, UserName = userName };
        foreach (var (culture, name) in edit.Names.Where(n => !string.IsNullOrWhiteSpace(n.Value)))
        {
            if (!taken.TryGetValue(culture, out var segments))
            {
                taken[culture] = segments = new HashSet<string>(StringComparer.Ordinal);
            }

            var segment = kept?.GetValueOrDefault(culture) ?? UrlSegments.Unique(name, segments);
            segments.Add(segment);
            version.Cultures.Add(new ContentVersionCulture { Culture = culture, Name = name.Trim(), UrlSegment = segment });
        }

        foreach (var value in edit.Values.Where(v => !string.IsNullOrEmpty(v.Value)))
        {
            var property = type.GetProperty(value.Alias)!;
            version.Values.Add(new PropertyValue
            {
                Alias = property.Alias,
                Culture = property.VariesByCulture ? value.Culture ?? options.Value.DefaultCulture : "",
                Value = value.Value,
            });
        }

        return version;
    }

    private async Task RelocateSubtreeAsync(ContentNode node, ContentNode? parent, CancellationToken ct)
    {
        var oldPath = node.Path;
        var levelShift = (parent?.Level ?? 0) + 1 - node.Level;
        node.Path = parent is null ? $"-1,{node.Id}" : $"{parent.Path},{node.Id}";
        node.Level += levelShift;
        var descendants = await db.Nodes.Where(n => n.Path.StartsWith(oldPath + ",")).ToListAsync(ct);
        foreach (var descendant in descendants)
        {
            descendant.Path = node.Path + descendant.Path[oldPath.Length..];
            descendant.Level += levelShift;
        }
    }

    private async Task<List<ContentNode>> SubtreeAsync(ContentNode node, CancellationToken ct)
    {
        var descendants = await db.Nodes.Where(n => n.Path.StartsWith(node.Path + ",")).ToListAsync(ct);
        return [node, .. descendants];
    }

    private void Audit(Guid nodeKey, string userName, string action, string? comment = null) =>
        db.Audit.Add(new AuditEntry { DateUtc = Now, UserName = userName, NodeKey = nodeKey, Action = action, Comment = comment });

    private async Task<ContentDocument> ToDocumentAsync(ContentNode node, CancellationToken ct, int? versionId = null)
    {
        var id = versionId ?? node.CurrentVersionId;
        var cultures = await db.VersionCultures.AsNoTracking().Where(c => c.VersionId == id).ToListAsync(ct);
        var values = await db.PropertyValues.AsNoTracking().Where(v => v.VersionId == id).ToListAsync(ct);
        Guid? parentKey = node.ParentId is { } parentId
            ? await db.Nodes.Where(n => n.Id == parentId).Select(n => (Guid?)n.Key).SingleOrDefaultAsync(ct)
            : null;
        return new ContentDocument(
            node.Key,
            parentKey,
            node.ContentTypeAlias,
            node.SortOrder,
            node.Level,
            node.Trashed,
            node.PublishedVersionId is not null,
            node.CurrentVersionId,
            node.PublishedVersionId,
            cultures.ToDictionary(c => c.Culture, c => c.Name),
            cultures.ToDictionary(c => c.Culture, c => c.UrlSegment),
            values.Select(v => new PropertyValueEdit(v.Alias, v.Culture.Length == 0 ? null : v.Culture, v.Value)).ToList(),
            node.CreateDateUtc,
            node.UpdateDateUtc);
    }
}
