using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChildProtection.Cms.Content;

/// <summary>One row of the backoffice content tree: enough to draw it, nothing of the node's values.</summary>
public sealed record ContentTreeItem(
    Guid Key,
    string Name,
    string ContentTypeAlias,
    int Level,
    bool Published,
    bool HasUnpublishedChanges,
    bool HasChildren);

/// <summary>
/// The reads the backoffice tree makes, each in one or two queries whatever the number of children (Umbraco's
/// tree loads children on demand, and a news folder may hold hundreds of items).
/// </summary>
public sealed class ContentTree(CmsDbContext db, IOptions<CmsOptions> options)
{
    public async Task<IReadOnlyList<ContentTreeItem>> GetChildrenAsync(Guid? parentKey, string culture, CancellationToken ct = default)
    {
        int? parentId = null;
        if (parentKey is not null)
        {
            parentId = await db.Nodes.Where(n => n.Key == parentKey && !n.Trashed).Select(n => (int?)n.Id).SingleOrDefaultAsync(ct);
            if (parentId is null)
            {
                return [];
            }
        }

        var nodes = await db.Nodes.AsNoTracking()
            .Where(n => n.ParentId == parentId && !n.Trashed)
            .OrderBy(n => n.SortOrder)
            .Select(n => new NodeRow(n.Id, n.Key, n.ContentTypeAlias, n.Level, n.CurrentVersionId, n.PublishedVersionId, db.Nodes.Any(c => c.ParentId == n.Id && !c.Trashed)))
            .ToListAsync(ct);
        var names = await (
            from node in db.Nodes
            where node.ParentId == parentId && !node.Trashed
            join name in db.VersionCultures on node.CurrentVersionId equals name.VersionId
            select new { name.VersionId, name.Culture, name.Name }).ToListAsync(ct);
        return ToItems(nodes, names.Select(n => (n.VersionId, n.Culture, n.Name)), culture);
    }

    /// <summary>The node's ancestors from the root down (and the node itself if asked), for breadcrumbs.</summary>
    public async Task<IReadOnlyList<ContentTreeItem>> GetAncestorsAsync(Guid key, string culture, bool includeSelf = false, CancellationToken ct = default)
    {
        var path = await db.Nodes.Where(n => n.Key == key).Select(n => n.Path).SingleOrDefaultAsync(ct);
        if (path is null)
        {
            return [];
        }

        var ids = path.Split(',').Skip(1).SkipLast(includeSelf ? 0 : 1).Select(int.Parse).ToList();
        var nodes = await db.Nodes.AsNoTracking().Where(n => ids.Contains(n.Id))
            .Select(n => new NodeRow(n.Id, n.Key, n.ContentTypeAlias, n.Level, n.CurrentVersionId, n.PublishedVersionId, true))
            .ToListAsync(ct);
        var versionIds = nodes.Select(n => n.CurrentVersionId).ToList();
        var names = await db.VersionCultures.Where(c => versionIds.Contains(c.VersionId))
            .Select(c => new { c.VersionId, c.Culture, c.Name }).ToListAsync(ct);
        return ToItems(nodes.OrderBy(n => n.Level).ToList(), names.Select(n => (n.VersionId, n.Culture, n.Name)), culture);
    }

    /// <summary>Nodes of the given document types (possible parents for a move or copy), with their paths' names.</summary>
    public async Task<IReadOnlyList<(Guid Key, string Name, int Level)>> FindByTypesAsync(IReadOnlyCollection<string> contentTypeAliases, string culture, CancellationToken ct = default)
    {
        var rows = await (
            from node in db.Nodes
            where !node.Trashed && contentTypeAliases.Contains(node.ContentTypeAlias)
            join name in db.VersionCultures on node.CurrentVersionId equals name.VersionId
            select new { node.Key, node.Level, node.Path, name.Culture, name.Name }).ToListAsync(ct);
        return rows.GroupBy(r => r.Key)
            .Select(g => (g.Key, (g.FirstOrDefault(r => r.Culture == culture) ?? g.First()).Name, g.First().Level, g.First().Path))
            .OrderBy(r => r.Path, StringComparer.Ordinal)
            .Select(r => (r.Key, r.Name, r.Level))
            .ToList();
    }

    private sealed record NodeRow(int Id, Guid Key, string ContentTypeAlias, int Level, int CurrentVersionId, int? PublishedVersionId, bool HasChildren);

    private List<ContentTreeItem> ToItems(List<NodeRow> nodes, IEnumerable<(int VersionId, string Culture, string Name)> names, string culture)
    {
        var byVersion = names.ToLookup(n => n.VersionId);
        return nodes.Select(n =>
        {
            var versionNames = byVersion[n.CurrentVersionId].ToList();
            // A node not yet translated shows under its default-culture name, as Umbraco shows it in brackets.
            var name = versionNames.FirstOrDefault(v => v.Culture == culture).Name
                ?? versionNames.FirstOrDefault(v => v.Culture == options.Value.DefaultCulture).Name
                ?? versionNames.FirstOrDefault().Name
                ?? "";
            return new ContentTreeItem(n.Key, name, n.ContentTypeAlias, n.Level, n.PublishedVersionId is not null, n.PublishedVersionId != n.CurrentVersionId, n.HasChildren);
        }).ToList();
    }
}
