using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.Notifications;
using ChildProtection.Cms.Persistence;
using ChildProtection.Cms.Schema;
using ChildProtection.Cms.Text;
using ChildProtection.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChildProtection.Cms.Content;

/// <summary>Versions, rollback and the audit trail of content.</summary>
public sealed partial class ContentService
{
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
    public async Task<Attempt<ContentDocument, ContentOperationStatus>> RollbackAsync(Guid key, int versionId, string userName, CancellationToken ct = default)
    {
        var old = await GetVersionAsync(key, versionId, ct);
        if (old is null)
        {
            return Attempt.Fail(ContentOperationStatus.VersionNotFound);
        }

        var node = (await FindNodeAsync(key, ct))!;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await AddVersionAsync(node, new ContentEdit(old.Names, old.Values), userName, ct);
        node.UpdateDateUtc = Now;
        Audit(node.Key, userName, "Rollback", $"version {versionId}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        await events.PublishAsync(new ContentSavedNotification(node.Key, userName), ct);
        return Attempt.SucceedWithStatus(ContentOperationStatus.Success, await ToDocumentAsync(node, ct));
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
}
