using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.Notifications;
using ChildProtection.Cms.Persistence;
using ChildProtection.Cms.Schema;
using ChildProtection.Cms.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChildProtection.Cms.Content;

/// <summary>
/// Every change to content goes through here: it validates, writes a new version, records an audit entry and
/// raises a notification once the change is stored. A failed operation changes nothing.
/// </summary>
public sealed class ContentService(
    CmsDbContext db,
    ContentApprovals approvals,
    ContentSchema schema,
    ContentValidator validator,
    IEventAggregator events,
    IOptions<CmsOptions> options,
    TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

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

    public Task<ContentOperationResult> CreateAsync(
        Guid? parentKey, string contentTypeAlias, ContentEdit edit, string userName, Guid? key = null, CancellationToken ct = default) =>
        CreateAsync(parentKey, contentTypeAlias, edit, userName, key, publish: false, ct);

    /// <summary>
    /// "Lưu và xuất bản" of a new node: created and published in one transaction; a refused publish (its parent is not
    /// published) creates nothing.
    /// </summary>
    public Task<ContentOperationResult> CreateAndPublishAsync(Guid? parentKey, string contentTypeAlias, ContentEdit edit, string userName, CancellationToken ct = default) =>
        CreateAsync(parentKey, contentTypeAlias, edit, userName, null, publish: true, ct);

    /// <summary>
    /// "Lưu và xuất bản": saves <paramref name="edit"/> as the node's new draft, publishes it and closes the node's
    /// waiting approval request as approved, in one transaction, so that a refusal or a failure at any step leaves the
    /// node, its versions and the request as they were. The notifications follow the commit.
    /// </summary>
    /// <returns>The outcome, and the approval request it closed (its writer is to be told), if there was one.</returns>
    public async Task<(ContentOperationResult Result, ApprovalRequest? Approved)> SaveAndPublishAsync(Guid key, ContentEdit edit, string userName, CancellationToken ct = default)
    {
        var node = await FindNodeAsync(key, ct);
        if (node is null)
        {
            return (new(ContentOperationStatus.NotFound), null);
        }

        var errors = validator.Validate(schema.Get(node.ContentTypeAlias), edit);
        if (errors.Count > 0)
        {
            return (new(ContentOperationStatus.ValidationFailed, Errors: errors), null);
        }

        ApprovalRequest? approved;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await SaveVersionAsync(node, edit, userName, ct);
            if (await PublishRefusalAsync(node, ct) is { } refusal)
            {
                db.ChangeTracker.Clear();
                return (refusal, null);
            }

            MarkPublished(node, userName);
            approved = await approvals.DecideApprovedAsync(key, userName, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        await events.PublishAsync(new ContentSavedNotification(node.Key, userName), ct);
        await events.PublishAsync(new ContentPublishedNotification(node.Key, userName), ct);
        return (new(ContentOperationStatus.Success, await ToDocumentAsync(node, ct)), approved);
    }

    private async Task<ContentOperationResult> CreateAsync(
        Guid? parentKey, string contentTypeAlias, ContentEdit edit, string userName, Guid? key, bool publish, CancellationToken ct)
    {
        var (type, parent, refusal) = await CreationRefusalAsync(parentKey, contentTypeAlias, edit, [], ct);
        if (refusal is not null)
        {
            return refusal;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var node = await AddNodeAsync(parent, type!, edit, userName, key, ct);
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

        return new(ContentOperationStatus.Success, await ToDocumentAsync(node, ct));
    }

    /// <summary>
    /// Creates many nodes with the keys given, in one transaction: an import. Items come parents first; each is checked
    /// as <see cref="CreateAsync(Guid?, string, ContentEdit, string, Guid?, CancellationToken)"/> checks a node, and one
    /// refused is left out (its descendants then find no parent) while the others go on. An item to publish whose parent
    /// is not published is kept as a draft, with the status <see cref="ContentOperationStatus.ParentNotPublished"/>.
    /// A failure of the database takes the whole import back. The notifications follow the commit.
    /// </summary>
    /// <returns>Each item's outcome, in the items' order; a success carries no document.</returns>
    public async Task<IReadOnlyList<ContentOperationResult>> ImportAsync(IReadOnlyList<ContentImportItem> items, string userName, CancellationToken ct = default)
    {
        // The import's own nodes: children find their parent here rather than with a query.
        var created = new Dictionary<Guid, ContentNode>();
        var results = new List<ContentOperationResult>(items.Count);
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

    private async Task<ContentOperationResult> ImportItemAsync(ContentImportItem item, Dictionary<Guid, ContentNode> created, string userName, CancellationToken ct)
    {
        var (type, parent, refusal) = await CreationRefusalAsync(item.ParentKey, item.ContentTypeAlias, item.Edit, created, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var node = await AddNodeAsync(parent, type!, item.Edit, userName, item.Key, ct);
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
        return new(item.Publish && !publishable ? ContentOperationStatus.ParentNotPublished : ContentOperationStatus.Success);
    }

    /// <summary>Why a node of this type and content cannot be created under this parent (null when it can), with the type and the parent.</summary>
    private async Task<(ContentType? Type, ContentNode? Parent, ContentOperationResult? Refusal)> CreationRefusalAsync(
        Guid? parentKey, string contentTypeAlias, ContentEdit edit, Dictionary<Guid, ContentNode> known, CancellationToken ct)
    {
        if (schema.Find(contentTypeAlias) is not { } type)
        {
            return (null, null, new(ContentOperationStatus.UnknownContentType));
        }

        ContentNode? parent = null;
        if (parentKey is not null && !known.TryGetValue(parentKey.Value, out parent))
        {
            parent = await FindNodeAsync(parentKey.Value, ct);
            if (parent is null || parent.Trashed)
            {
                return (type, null, new(ContentOperationStatus.ParentNotFound));
            }
        }

        if (AllowedHere(parent, type) is { } refusal)
        {
            return (type, parent, new(refusal));
        }

        var errors = validator.Validate(type, edit);
        return (type, parent, errors.Count > 0 ? new(ContentOperationStatus.ValidationFailed, Errors: errors) : null);
    }

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

    public async Task<ContentOperationResult> SaveAsync(Guid key, ContentEdit edit, string userName, CancellationToken ct = default)
    {
        var node = await FindNodeAsync(key, ct);
        if (node is null)
        {
            return new(ContentOperationStatus.NotFound);
        }

        var errors = validator.Validate(schema.Get(node.ContentTypeAlias), edit);
        if (errors.Count > 0)
        {
            return new(ContentOperationStatus.ValidationFailed, Errors: errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await SaveVersionAsync(node, edit, userName, ct);
        await transaction.CommitAsync(ct);

        await events.PublishAsync(new ContentSavedNotification(node.Key, userName), ct);
        return new(ContentOperationStatus.Success, await ToDocumentAsync(node, ct));
    }

    public async Task<ContentOperationResult> PublishAsync(Guid key, string userName, CancellationToken ct = default)
    {
        var node = await FindNodeAsync(key, ct);
        if (node is null)
        {
            return new(ContentOperationStatus.NotFound);
        }

        if (await PublishRefusalAsync(node, ct) is { } refusal)
        {
            return refusal;
        }

        MarkPublished(node, userName);
        await db.SaveChangesAsync(ct);

        await events.PublishAsync(new ContentPublishedNotification(node.Key, userName), ct);
        return new(ContentOperationStatus.Success, await ToDocumentAsync(node, ct));
    }

    public async Task<ContentOperationResult> UnpublishAsync(Guid key, string userName, CancellationToken ct = default)
    {
        var node = await FindNodeAsync(key, ct);
        if (node is null)
        {
            return new(ContentOperationStatus.NotFound);
        }

        node.PublishedVersionId = null;
        node.UpdateDateUtc = Now;
        Audit(node.Key, userName, "Unpublish");
        await db.SaveChangesAsync(ct);

        await events.PublishAsync(new ContentUnpublishedNotification(node.Key, userName), ct);
        return new(ContentOperationStatus.Success, await ToDocumentAsync(node, ct));
    }

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

    public async Task<IReadOnlyList<ContentVersionSummary>> GetVersionsAsync(Guid key, CancellationToken ct = default)
    {
        var node = await db.Nodes.AsNoTracking().SingleOrDefaultAsync(n => n.Key == key, ct);
        if (node is null)
        {
            return [];
        }

        return await db.Versions.AsNoTracking().Where(v => v.NodeId == node.Id).OrderByDescending(v => v.Id)
            .Select(v => new ContentVersionSummary(v.Id, v.VersionDateUtc, v.UserName, v.Id == node.CurrentVersionId, v.Id == node.PublishedVersionId))
            .ToListAsync(ct);
    }

    public async Task<ContentDocument?> GetVersionAsync(Guid key, int versionId, CancellationToken ct = default)
    {
        var node = await db.Nodes.AsNoTracking().SingleOrDefaultAsync(n => n.Key == key, ct);
        if (node is null || !await db.Versions.AnyAsync(v => v.Id == versionId && v.NodeId == node.Id, ct))
        {
            return null;
        }

        return await ToDocumentAsync(node, ct, versionId);
    }

    /// <summary>Makes an earlier version the newest draft again, as Umbraco's rollback does; publishing is separate.</summary>
    public async Task<ContentOperationResult> RollbackAsync(Guid key, int versionId, string userName, CancellationToken ct = default)
    {
        var old = await GetVersionAsync(key, versionId, ct);
        if (old is null)
        {
            return new(ContentOperationStatus.VersionNotFound);
        }

        var node = (await FindNodeAsync(key, ct))!;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await AddVersionAsync(node, new ContentEdit(old.Names, old.Values), userName, ct);
        node.UpdateDateUtc = Now;
        Audit(node.Key, userName, "Rollback", $"version {versionId}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        await events.PublishAsync(new ContentSavedNotification(node.Key, userName), ct);
        return new(ContentOperationStatus.Success, await ToDocumentAsync(node, ct));
    }

    /// <summary>The current names of these nodes in <paramref name="culture"/> (for lists such as the audit log).</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> GetNamesAsync(IReadOnlyCollection<Guid> keys, string culture, CancellationToken ct = default) =>
        await (
            from node in db.Nodes
            where keys.Contains(node.Key)
            join name in db.VersionCultures on node.CurrentVersionId equals name.VersionId
            where name.Culture == culture
            select new { node.Key, name.Name }).AsNoTracking().ToDictionaryAsync(n => n.Key, n => n.Name, ct);

    public async Task<IReadOnlyList<AuditEntry>> GetAuditAsync(Guid? nodeKey = null, string? userName = null, DateTime? fromUtc = null, DateTime? toUtc = null, CancellationToken ct = default)
    {
        var query = db.Audit.AsNoTracking();
        if (nodeKey is not null)
        {
            query = query.Where(a => a.NodeKey == nodeKey);
        }

        if (userName is not null)
        {
            query = query.Where(a => a.UserName == userName);
        }

        if (fromUtc is not null)
        {
            query = query.Where(a => a.DateUtc >= fromUtc);
        }

        if (toUtc is not null)
        {
            query = query.Where(a => a.DateUtc < toUtc);
        }

        return await query.OrderByDescending(a => a.Id).Take(1000).ToListAsync(ct);
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
    private async Task<ContentOperationResult?> PublishRefusalAsync(ContentNode node, CancellationToken ct)
    {
        if (node.Trashed)
        {
            return new(ContentOperationStatus.InRecycleBin);
        }

        if (node.ParentId is { } parentId && !await db.Nodes.AnyAsync(n => n.Id == parentId && n.PublishedVersionId != null, ct))
        {
            return new(ContentOperationStatus.ParentNotPublished);
        }

        // The schema may have changed since the draft was saved: what goes public must meet today's rules.
        var current = await ToDocumentAsync(node, ct);
        var errors = validator.Validate(schema.Get(node.ContentTypeAlias), new ContentEdit(current.Names, current.Values));
        return errors.Count > 0 ? new(ContentOperationStatus.ValidationFailed, Errors: errors) : null;
    }

    private void MarkPublished(ContentNode node, string userName)
    {
        node.PublishedVersionId = node.CurrentVersionId;
        node.FirstPublishedUtc ??= Now;
        node.UpdateDateUtc = Now;
        Audit(node.Key, userName, "Publish");
    }

    private async Task AddVersionAsync(ContentNode node, ContentEdit edit, string userName, CancellationToken ct)
    {
        var type = schema.Get(node.ContentTypeAlias);
        var siblingSegments = await SiblingSegmentsAsync(node, ct);
        var version = new ContentVersion { NodeId = node.Id, VersionDateUtc = Now, UserName = userName };
        foreach (var (culture, name) in edit.Names.Where(n => !string.IsNullOrWhiteSpace(n.Value)))
        {
            var taken = siblingSegments.TryGetValue(culture, out var set) ? set : new HashSet<string>();
            version.Cultures.Add(new ContentVersionCulture { Culture = culture, Name = name.Trim(), UrlSegment = UrlSegments.Unique(name, taken) });
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

        db.Versions.Add(version);
        await db.SaveChangesAsync(ct);
        node.CurrentVersionId = version.Id;
    }

    /// <summary>Culture → the URL segments that siblings use in their newest and their published versions.</summary>
    private async Task<Dictionary<string, IReadOnlySet<string>>> SiblingSegmentsAsync(ContentNode node, CancellationToken ct)
    {
        var rows = await (
            from sibling in db.Nodes
            where sibling.ParentId == node.ParentId && sibling.Id != node.Id && !sibling.Trashed
            from culture in db.VersionCultures
            where culture.VersionId == sibling.CurrentVersionId || culture.VersionId == sibling.PublishedVersionId
            select new { culture.Culture, culture.UrlSegment }).ToListAsync(ct);
        return rows.GroupBy(r => r.Culture).ToDictionary(
            g => g.Key,
            g => (IReadOnlySet<string>)g.Select(r => r.UrlSegment).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>After a move or restore, a sibling may already use this node's segment: suffix ours (segments are derived data).</summary>
    private async Task MakeSegmentsUniqueAsync(ContentNode node, CancellationToken ct)
    {
        var taken = await SiblingSegmentsAsync(node, ct);
        var rows = await db.VersionCultures
            .Where(c => c.VersionId == node.CurrentVersionId || c.VersionId == node.PublishedVersionId).ToListAsync(ct);
        foreach (var row in rows)
        {
            if (taken.TryGetValue(row.Culture, out var set) && set.Contains(row.UrlSegment))
            {
                row.UrlSegment = UrlSegments.Unique(row.Name, set);
            }
        }
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
