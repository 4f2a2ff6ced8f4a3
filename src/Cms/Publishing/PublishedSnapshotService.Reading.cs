using ChildProtection.Cms.Content;
using ChildProtection.Cms.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Cms.Publishing;

/// <summary>Reading published nodes from the database: every one (start-up, repair), or the ones a change names.</summary>
public sealed partial class PublishedSnapshotService
{
    private async Task<IReadOnlyList<PublishedContent>> LoadAllAsync(CmsDbContext db, PublishedSnapshot old, CancellationToken ct)
    {
        var rows = await LoadAsync(db, db.Nodes, ct);
        var byParent = rows.Nodes.ToLookup(n => n.ParentId);
        var result = new List<PublishedContent>(rows.Nodes.Count);

        // Walk down from the roots: a node whose parent is not published is not reachable, so it is left out.
        var first = true;
        foreach (var root in byParent[null].OrderBy(n => n.SortOrder).ThenBy(n => n.CreateDateUtc).ThenBy(n => n.Key))
        {
            Walk(root, null, isHome: first, rows, byParent, old, result.Add);
            first = false;
        }

        return result;
    }

    /// <summary>The published, not trashed nodes of <paramref name="scope"/>, with their published names and values: one query per table.</summary>
    private static async Task<PublishedRows> LoadAsync(CmsDbContext db, IQueryable<ContentNode> scope, CancellationToken ct)
    {
        var published = scope.Where(n => !n.Trashed && n.PublishedVersionId != null);
        var nodes = await published.AsNoTracking().ToListAsync(ct);
        var cultures = await (
            from node in published
            join culture in db.VersionCultures on node.PublishedVersionId equals (int?)culture.VersionId
            select culture).AsNoTracking().ToListAsync(ct);
        var values = await (
            from node in published
            join value in db.PropertyValues on node.PublishedVersionId equals (int?)value.VersionId
            select value).AsNoTracking().ToListAsync(ct);
        return new PublishedRows(nodes, cultures.ToLookup(c => c.VersionId), values.ToLookup(v => v.VersionId));
    }

    private void Walk(
        ContentNode node, PublishedContent? parent, bool isHome, PublishedRows rows, ILookup<int?, ContentNode> byParent, PublishedSnapshot old, Action<PublishedContent> add)
    {
        var was = old.Get(node.Key);
        var item = Reuse(was, ToPublished(node, was, parent, isHome, rows));
        add(item);
        foreach (var child in byParent[node.Id])
        {
            Walk(child, item, isHome: false, rows, byParent, old, add);
        }
    }

    /// <summary>
    /// The node as the public sees it under <paramref name="parent"/>: only the cultures its parent has a URL in. The
    /// values of the version <paramref name="was"/> already holds are its own (a version's values never change), so a
    /// node read again writes nothing to the value file.
    /// </summary>
    private PublishedContent ToPublished(ContentNode node, PublishedContent? was, PublishedContent? parent, bool isHome, PublishedRows rows)
    {
        var publishedCultures = new List<PublishedCulture>();
        foreach (var culture in rows.Cultures[node.PublishedVersionId!.Value])
        {
            string url;
            if (parent is null)
            {
                var prefix = UrlBuilder.Prefix(culture.Culture, options.Value.DefaultCulture);
                url = isHome ? prefix : $"{prefix}{culture.UrlSegment}/";
            }
            else if (parent.Url(culture.Culture) is { } parentUrl)
            {
                url = $"{parentUrl}{culture.UrlSegment}/";
            }
            else
            {
                continue;
            }

            publishedCultures.Add(new PublishedCulture(culture.Culture, culture.Name, culture.UrlSegment, url));
        }

        var versionId = node.PublishedVersionId!.Value;
        var values = was is not null && was.VersionId == versionId && was.HasStore(valueStore)
            ? was.StoredValues
            : valueStore.Keep([.. rows.Values[versionId].Select(v => new PublishedValue(v.Alias, v.Culture, v.Value ?? ""))]);
        return new PublishedContent(
            node.Key, versionId, parent?.Key, node.ContentTypeAlias, node.SortOrder, node.Level, node.CreateDateUtc, node.UpdateDateUtc,
            node.FirstPublishedUtc ?? node.CreateDateUtc, publishedCultures, values, valueStore);
    }

    private static PublishedContent Reuse(PublishedContent? was, PublishedContent now) => was is not null && was.SameAs(now) ? was : now;

    private static bool SameUrls(PublishedContent was, PublishedContent now) =>
        was.Cultures.Count == now.Cultures.Count && was.Cultures.All(c => now.Url(c.Culture) == c.Url);

    private static Task<Dictionary<(string Culture, string Url), Guid>> LoadRedirectsAsync(CmsDbContext db, CancellationToken ct) =>
        db.RedirectUrls.AsNoTracking().ToDictionaryAsync(r => (r.Culture, r.Url), r => r.NodeKey, ct);

    private sealed record PublishedRows(List<ContentNode> Nodes, ILookup<int, ContentVersionCulture> Cultures, ILookup<int, PropertyValue> Values);
}
