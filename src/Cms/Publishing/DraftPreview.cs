using ChildProtection.Cms.Content;
using ChildProtection.Cms.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChildProtection.Cms.Publishing;

/// <summary>
/// The published site as it would be with one draft published: the draft takes its node's place (or joins the tree
/// under its published parent), so templates render it with its real navigation, breadcrumbs and siblings.
/// </summary>
public sealed class DraftPreview(ContentService content, IPublishedSnapshotAccessor snapshots, IOptions<CmsOptions> options, TimeProvider clock)
{
    public async Task<(PublishedSnapshot Snapshot, PublishedContent Content)?> BuildAsync(Guid key, CancellationToken ct = default)
    {
        var draft = await content.GetAsync(key, ct);
        if (draft is null || draft.Trashed)
        {
            return null;
        }

        var current = snapshots.Current;
        var parent = draft.ParentKey is { } parentKey ? current.Get(parentKey) : null;
        var isHome = draft.ParentKey is null && (current.Roots.Count == 0 || current.Roots[0].Key == key);
        var cultures = new List<PublishedCulture>();
        foreach (var (culture, name) in draft.Names)
        {
            var segment = draft.UrlSegments.GetValueOrDefault(culture, "");
            var baseUrl = parent?.Url(culture) ?? UrlBuilder.Prefix(culture, options.Value.DefaultCulture);
            cultures.Add(new PublishedCulture(culture, name, segment, isHome ? baseUrl : $"{baseUrl}{segment}/"));
        }

        var values = draft.Values.Select(v => StoredValue.InMemory(v.Alias, v.Culture ?? "", v.Value ?? "")).ToArray();
        var preview = new PublishedContent(
            key, draft.CurrentVersionId, draft.ParentKey, draft.ContentTypeAlias, draft.SortOrder, draft.Level, draft.CreateDateUtc, draft.UpdateDateUtc,
            current.Get(key)?.PublishDateUtc ?? clock.GetUtcNow().UtcDateTime, cultures, values, store: null);
        var taken = cultures.Select(c => (c.Culture, c.Url)).ToHashSet();

        // Another published page may hold the URL the draft would take (a rename not yet published): the draft wins.
        var others = current.All.Where(c => c.Key != key && !c.Cultures.Any(v => taken.Contains((v.Culture, v.Url))));
        return (new PublishedSnapshot(current.Generation, [.. others, preview], current.Redirects), preview);
    }
}
