using ChildProtection.Cms.Text;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Cms.Content;

/// <summary>URL segments: each page's is unique among its siblings, in every culture.</summary>
public sealed partial class ContentService
{
    /// <summary>
    /// Culture → the URL segments that the children of <paramref name="parentId"/> (but <paramref name="except"/>) use
    /// in their newest and their published versions; when <paramref name="names"/> are given, only those a segment made
    /// from one of them could clash with (<see cref="UrlSegments.Unique"/>: itself, or it with a suffix), so that
    /// saving one page of a list of ten thousand does not read ten thousand segments.
    /// </summary>
    private async Task<Dictionary<string, HashSet<string>>> ChildSegmentsAsync(int? parentId, int? except, IEnumerable<string>? names, CancellationToken ct)
    {
        var segments =
            from sibling in db.Nodes
            where sibling.ParentId == parentId && sibling.Id != except && !sibling.Trashed
            from culture in db.VersionCultures
            where culture.VersionId == sibling.CurrentVersionId || culture.VersionId == sibling.PublishedVersionId
            select culture;
        IEnumerable<IQueryable<ContentVersionCulture>> queries = names is null
            ? [segments]
            : names.Where(n => !string.IsNullOrWhiteSpace(n)).Select(UrlSegments.FromName).Distinct()
                .Select(segment => segments.Where(c => c.UrlSegment == segment || c.UrlSegment.StartsWith(segment + "-")));
        var rows = new List<(string Culture, string UrlSegment)>();
        foreach (var query in queries)
        {
            rows.AddRange((await query.Select(c => new { c.Culture, c.UrlSegment }).ToListAsync(ct)).Select(r => (r.Culture, r.UrlSegment)));
        }

        return rows.GroupBy(r => r.Culture).ToDictionary(
            g => g.Key,
            g => g.Select(r => r.UrlSegment).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>After a move or restore, a sibling may already use this node's segment: suffix ours (segments are derived data).</summary>
    private async Task MakeSegmentsUniqueAsync(ContentNode node, CancellationToken ct)
    {
        var rows = await db.VersionCultures
            .Where(c => c.VersionId == node.CurrentVersionId || c.VersionId == node.PublishedVersionId).ToListAsync(ct);
        var taken = await ChildSegmentsAsync(node.ParentId, node.Id, rows.Select(r => r.Name), ct);
        foreach (var row in rows)
        {
            if (taken.TryGetValue(row.Culture, out var set) && set.Contains(row.UrlSegment))
            {
                row.UrlSegment = UrlSegments.Unique(row.Name, set);
            }
        }
    }
}
