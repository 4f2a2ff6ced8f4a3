namespace ChildProtection.Cms.Publishing;

/// <summary>
/// All published content at one moment, immutable. A publish builds a new snapshot and swaps it in whole, so a
/// request reads one consistent tree from start to end.
/// </summary>
public sealed class PublishedSnapshot
{
    private readonly Dictionary<Guid, PublishedContent> _byKey;
    private readonly Dictionary<Guid, IReadOnlyList<PublishedContent>> _children;
    private readonly Dictionary<(string Culture, string Url), PublishedContent> _byUrl;
    private readonly Dictionary<(string Culture, string Url), Guid> _redirects;

    public PublishedSnapshot(
        long generation,
        IReadOnlyList<PublishedContent> content,
        IReadOnlyDictionary<(string Culture, string Url), Guid> redirects)
    {
        Generation = generation;
        _byKey = content.ToDictionary(c => c.Key);
        _children = content.Where(c => c.ParentKey is not null)
            .GroupBy(c => c.ParentKey!.Value)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<PublishedContent>)g.OrderBy(c => c.SortOrder).ToList());
        Roots = content.Where(c => c.ParentKey is null).OrderBy(c => c.SortOrder).ToList();
        _byUrl = content.SelectMany(c => c.Cultures.Values.Select(culture => (culture, c)))
            .ToDictionary(x => (x.culture.Culture, x.culture.Url), x => x.c);
        _redirects = redirects.ToDictionary();
    }

    public static PublishedSnapshot Empty { get; } = new(0, [], new Dictionary<(string, string), Guid>());

    /// <summary>Increases with every rebuild; caches keyed on it expire with the snapshot.</summary>
    public long Generation { get; }

    public IReadOnlyList<PublishedContent> Roots { get; }

    public IEnumerable<PublishedContent> All => _byKey.Values;

    public PublishedContent? Get(Guid key) => _byKey.GetValueOrDefault(key);

    public IReadOnlyList<PublishedContent> Children(PublishedContent parent) => _children.GetValueOrDefault(parent.Key) ?? [];

    public IReadOnlyList<PublishedContent> Children(PublishedContent parent, string culture) =>
        Children(parent).Where(c => c.HasCulture(culture)).ToList();

    public PublishedContent? Parent(PublishedContent content) => content.ParentKey is { } key ? Get(key) : null;

    /// <summary>From the root down to the parent of <paramref name="content"/>.</summary>
    public IReadOnlyList<PublishedContent> Ancestors(PublishedContent content)
    {
        var result = new List<PublishedContent>();
        for (var parent = Parent(content); parent is not null; parent = Parent(parent))
        {
            result.Insert(0, parent);
        }

        return result;
    }

    public IEnumerable<PublishedContent> Descendants(PublishedContent content)
    {
        foreach (var child in Children(content))
        {
            yield return child;
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }

    /// <summary>The content at <paramref name="url"/> ("/a/b/", with or without the trailing slash) in a culture.</summary>
    public PublishedContent? GetByUrl(string culture, string url) => _byUrl.GetValueOrDefault((culture, UrlBuilder.Normalize(url)));

    /// <summary>The node that used to live at <paramref name="url"/>, if it still exists.</summary>
    public PublishedContent? GetRedirectTarget(string culture, string url) =>
        _redirects.TryGetValue((culture, UrlBuilder.Normalize(url)), out var key) ? Get(key) : null;

    public IReadOnlyDictionary<(string Culture, string Url), Guid> Redirects => _redirects;
}
