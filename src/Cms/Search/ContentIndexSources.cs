using System.Globalization;
using ChildProtection.Cms.Persistence;
using ChildProtection.Cms.Publishing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChildProtection.Cms.Search;

/// <summary>Where an index's documents come from.</summary>
internal interface IContentIndexSource
{
    /// <summary>id → fingerprint of every document that belongs in the index now.</summary>
    Task<IReadOnlyDictionary<string, string>> FingerprintsAsync(CancellationToken ct);

    /// <summary>The documents of these nodes that belong in the index now; none for a node that no longer does.</summary>
    Task<IReadOnlyList<SearchDocument>> LoadAsync(IReadOnlyCollection<Guid> keys, CancellationToken ct);
}

/// <summary>The external index holds what the public may see: the published snapshot, minus excluded types.</summary>
internal sealed class PublishedIndexSource(IPublishedSnapshotAccessor snapshots, SearchTextExtractor extractor, IOptions<SearchOptions> options) : IContentIndexSource
{
    public Task<IReadOnlyDictionary<string, string>> FingerprintsAsync(CancellationToken ct) =>
        Task.FromResult(Fingerprints(snapshots.Current));

    private IReadOnlyDictionary<string, string> Fingerprints(PublishedSnapshot snapshot)
    {
        var result = new Dictionary<string, string>();
        foreach (var content in snapshot.All.Where(Included))
        {
            foreach (var culture in content.Cultures)
            {
                result[SearchDocument.IdOf(content.Key, culture.Culture)] = Fingerprint(content, culture);
            }
        }

        return result;
    }

    public Task<IReadOnlyList<SearchDocument>> LoadAsync(IReadOnlyCollection<Guid> keys, CancellationToken ct)
    {
        var snapshot = snapshots.Current;
        var result = new List<SearchDocument>();
        foreach (var key in keys)
        {
            if (snapshot.Get(key) is not { } content || !Included(content))
            {
                continue;
            }

            var path = snapshot.Ancestors(content).Select(a => a.Key).Append(content.Key).ToList();
            foreach (var culture in content.Cultures)
            {
                var searchable = extractor.Extract(content.ContentTypeAlias, culture.Name, alias => content.Value(alias, culture.Culture));
                result.Add(new SearchDocument(
                    content.Key, culture.Culture, content.ContentTypeAlias, culture.Name, searchable.Titles, searchable.Text, searchable.Tags, searchable.Boost, culture.Url, path,
                    content.PublishDateUtc, content.UpdateDateUtc, Published: true, Author: "", Fingerprint(content, culture)));
            }
        }

        return Task.FromResult<IReadOnlyList<SearchDocument>>(result);
    }

    private bool Included(PublishedContent content) => !options.Value.ExcludedContentTypes.Contains(content.ContentTypeAlias);

    private static string Fingerprint(PublishedContent content, PublishedCulture culture) =>
        string.Create(CultureInfo.InvariantCulture, $"{content.VersionId}|{culture.Url}");
}

/// <summary>
/// The internal index holds every node outside the recycle bin in its newest version, drafts included, for
/// the backoffice (Umbraco's InternalIndex).
/// </summary>
internal sealed class DraftIndexSource(IServiceScopeFactory scopes, IPublishedSnapshotAccessor snapshots, SearchTextExtractor extractor) : IContentIndexSource
{
    public async Task<IReadOnlyDictionary<string, string>> FingerprintsAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        var rows = await (
            from node in db.Nodes
            where !node.Trashed
            join culture in db.VersionCultures on node.CurrentVersionId equals culture.VersionId
            select new { node.Key, culture.Culture, node.CurrentVersionId, node.PublishedVersionId, node.Path }).AsNoTracking().ToListAsync(ct);
        var snapshot = snapshots.Current;
        return rows.ToDictionary(
            r => SearchDocument.IdOf(r.Key, r.Culture),
            r => Fingerprint(r.CurrentVersionId, r.PublishedVersionId, r.Path, snapshot.Get(r.Key)?.Url(r.Culture)));
    }

    public async Task<IReadOnlyList<SearchDocument>> LoadAsync(IReadOnlyCollection<Guid> keys, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        var nodes = await db.Nodes.AsNoTracking().Where(n => keys.Contains(n.Key) && !n.Trashed).ToListAsync(ct);
        var versionIds = nodes.Select(n => n.CurrentVersionId).ToList();
        var cultures = (await db.VersionCultures.AsNoTracking().Where(c => versionIds.Contains(c.VersionId)).ToListAsync(ct)).ToLookup(c => c.VersionId);
        var values = (await db.PropertyValues.AsNoTracking().Where(v => versionIds.Contains(v.VersionId)).ToListAsync(ct)).ToLookup(v => v.VersionId);
        var pathIds = nodes.SelectMany(n => PathIds(n.Path)).Distinct().ToList();
        var keysById = await db.Nodes.Where(n => pathIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, n => n.Key, ct);
        var snapshot = snapshots.Current;

        var result = new List<SearchDocument>();
        foreach (var node in nodes)
        {
            var nodeValues = values[node.CurrentVersionId].ToList();
            var path = PathIds(node.Path).Where(keysById.ContainsKey).Select(id => keysById[id]).ToList();
            foreach (var culture in cultures[node.CurrentVersionId])
            {
                var searchable = extractor.Extract(node.ContentTypeAlias, culture.Name, alias =>
                    (nodeValues.FirstOrDefault(v => v.Alias == alias && v.Culture == culture.Culture)
                     ?? nodeValues.FirstOrDefault(v => v.Alias == alias && v.Culture == ""))?.Value);
                var url = snapshot.Get(node.Key)?.Url(culture.Culture);
                result.Add(new SearchDocument(
                    node.Key, culture.Culture, node.ContentTypeAlias, culture.Name, searchable.Titles, searchable.Text, searchable.Tags, searchable.Boost, url, path,
                    node.FirstPublishedUtc ?? node.CreateDateUtc, node.UpdateDateUtc, node.PublishedVersionId is not null, node.CreatedBy,
                    Fingerprint(node.CurrentVersionId, node.PublishedVersionId, node.Path, url)));
            }
        }

        return result;
    }

    /// <summary>The keys of a node and everything below it (a move changes all their paths).</summary>
    public async Task<IReadOnlyList<Guid>> WithDescendantsAsync(Guid key, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        var path = await db.Nodes.Where(n => n.Key == key).Select(n => n.Path).FirstOrDefaultAsync(ct);
        if (path is null)
        {
            return [key];
        }

        var below = await db.Nodes.Where(n => n.Path.StartsWith(path + ",")).Select(n => n.Key).ToListAsync(ct);
        return [key, .. below];
    }

    private static IEnumerable<int> PathIds(string path) =>
        path.Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).Where(id => id > 0);

    private static string Fingerprint(int currentVersionId, int? publishedVersionId, string path, string? url) =>
        string.Create(CultureInfo.InvariantCulture, $"{currentVersionId}|{publishedVersionId}|{path}|{url}");
}
