using System.Collections.Concurrent;

namespace ChildProtection.Cms.Publishing;

/// <summary>
/// All published content at one moment, immutable. A publish builds a new snapshot and swaps it in whole, so a
/// request reads one consistent tree from start to end. A snapshot made by <see cref="With"/> shares every node the
/// change did not touch with the one it came from.
/// </summary>
public sealed class PublishedSnapshot
{
    private readonly LayeredMap<Guid, PublishedContent> _byKey;
    private readonly LayeredMap<Guid, IReadOnlyList<PublishedContent>> _children;
    private readonly LayeredMap<(string Culture, string Url), PublishedContent> _byUrl;
    private readonly Dictionary<(string Culture, string Url), Guid> _redirects;
    private readonly Lazy<IReadOnlyList<PublishedContent>> _inTreeOrder;
    private readonly ConcurrentDictionary<string, string> _derived = new();

    public PublishedSnapshot(
        long generation,
        IReadOnlyList<PublishedContent> content,
        IReadOnlyDictionary<(string Culture, string Url), Guid> redirects)
        : this(
            generation,
            new(content.ToDictionary(c => c.Key)),
            new(content.Where(c => c.ParentKey is not null)
                .GroupBy(c => c.ParentKey!.Value)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<PublishedContent>)InSiblingOrder(g))),
            InSiblingOrder(content.Where(c => c.ParentKey is null)),
            new(content.SelectMany(c => c.Cultures.Select(culture => (culture, c)))
                .ToDictionary(x => (x.culture.Culture, x.culture.Url), x => x.c)),
            redirects.ToDictionary(),
            content.Aggregate(0UL, (sum, c) => unchecked(sum + c.Fingerprint)))
    {
    }

    private PublishedSnapshot(
        long generation,
        LayeredMap<Guid, PublishedContent> byKey,
        LayeredMap<Guid, IReadOnlyList<PublishedContent>> children,
        IReadOnlyList<PublishedContent> roots,
        LayeredMap<(string Culture, string Url), PublishedContent> byUrl,
        Dictionary<(string Culture, string Url), Guid> redirects,
        ulong fingerprint)
    {
        Generation = generation;
        Fingerprint = fingerprint;
        _byKey = byKey;
        _children = children;
        Roots = roots;
        _byUrl = byUrl;
        _redirects = redirects;
        _inTreeOrder = new(InTreeOrder);
    }

    public static PublishedSnapshot Empty { get; } = new(0, [], new Dictionary<(string, string), Guid>());

    /// <summary>Increases with every rebuild of this process's snapshot.</summary>
    public long Generation { get; }

    /// <summary>
    /// The published state this snapshot holds, the same on every node that holds it however it got there (the sum of
    /// its nodes' <see cref="PublishedContent.Fingerprint"/>s, patched by <see cref="With"/>): pages cached under it can
    /// be shared by every node of the site, and any publish, move or sort gives another.
    /// </summary>
    public ulong Fingerprint { get; }

    public IReadOnlyList<PublishedContent> Roots { get; }

    /// <summary>
    /// Every node, in tree order (roots and siblings by sort order, each node before its children), so that "the first
    /// page of a type" is the same however the snapshot was made.
    /// </summary>
    public IEnumerable<PublishedContent> All => _inTreeOrder.Value;

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

    /// <summary>
    /// Caches something computed from the whole snapshot (the URL of the first page of a type, say) for its life; what
    /// comes from one node's values belongs in <see cref="PublishedContent.GetOrAddDerived"/>, which outlives it.
    /// </summary>
    public string GetOrAddDerived(string key, Func<string> factory) => _derived.GetOrAdd(key, _ => factory());

    /// <summary>Whether a node is published at exactly this URL (as built, not normalised).</summary>
    internal bool IsLive((string Culture, string Url) url) => _byUrl.ContainsKey(url);

    /// <summary>
    /// This snapshot with <paramref name="changes"/> applied (key → the node's new form, or null when it left) and the
    /// given generation. The indexes are patched in the size of the change (<see cref="LayeredMap{TKey, TValue}"/>), and
    /// a parent's changed children are placed among the others without sorting them again. Nodes not named in
    /// <paramref name="changes"/> are the same instances.
    /// </summary>
    internal PublishedSnapshot With(long generation, IReadOnlyDictionary<Guid, PublishedContent?> changes)
    {
        if (changes.Count == 0)
        {
            return new(generation, _byKey, _children, Roots, _byUrl, _redirects, Fingerprint);
        }

        var fingerprint = Fingerprint;

        var byKey = _byKey.ToBuilder();
        var byUrl = _byUrl.ToBuilder();
        var children = _children.ToBuilder();
        var parents = new HashSet<Guid?>();

        // Every old form leaves first, so that a URL handed from one changed node to another ends with the new holder.
        foreach (var key in changes.Keys)
        {
            if (_byKey.TryGetValue(key, out var was))
            {
                fingerprint = unchecked(fingerprint - was.Fingerprint);
                byKey.Remove(key);
                foreach (var culture in was.Cultures)
                {
                    byUrl.Remove((culture.Culture, culture.Url));
                }

                parents.Add(was.ParentKey);
            }
        }

        var added = changes.Values.OfType<PublishedContent>().ToList();
        foreach (var item in added)
        {
            fingerprint = unchecked(fingerprint + item.Fingerprint);
            byKey[item.Key] = item;
            foreach (var culture in item.Cultures)
            {
                byUrl[(culture.Culture, culture.Url)] = item;
            }

            parents.Add(item.ParentKey);
        }

        var addedByParent = added.ToLookup(c => c.ParentKey);
        IReadOnlyList<PublishedContent> SiblingsUnder(Guid? parent, IReadOnlyList<PublishedContent> before)
        {
            var siblings = new List<PublishedContent>(before.Count + 1);
            siblings.AddRange(before.Where(c => !changes.ContainsKey(c.Key)));
            foreach (var item in addedByParent[parent])
            {
                var at = siblings.BinarySearch(item, SiblingOrder.Instance);
                siblings.Insert(at < 0 ? ~at : at, item);
            }

            return siblings;
        }

        var roots = Roots;
        foreach (var parent in parents)
        {
            if (parent is not { } key)
            {
                roots = SiblingsUnder(null, Roots);
            }
            else if (SiblingsUnder(key, _children.GetValueOrDefault(key) ?? []) is { Count: > 0 } siblings)
            {
                children[key] = siblings;
            }
            else
            {
                children.Remove(key);
            }
        }

        return new(generation, byKey.ToMap(), children.ToMap(), roots, byUrl.ToMap(), _redirects, fingerprint);
    }

    /// <summary>This snapshot with other redirects; everything else is shared.</summary>
    internal PublishedSnapshot WithRedirects(IReadOnlyDictionary<(string Culture, string Url), Guid> redirects) =>
        new(Generation, _byKey, _children, Roots, _byUrl, redirects.ToDictionary(), Fingerprint);

    private static List<PublishedContent> InSiblingOrder(IEnumerable<PublishedContent> siblings) => siblings.Order(SiblingOrder.Instance).ToList();

    /// <summary>Sort order first; equal ones (a node restored beside one that took its place) by creation, then key.</summary>
    private sealed class SiblingOrder : IComparer<PublishedContent>
    {
        public static readonly SiblingOrder Instance = new();

        public int Compare(PublishedContent? x, PublishedContent? y) =>
            ReferenceEquals(x, y) ? 0
            : x is null ? -1
            : y is null ? 1
            : x.SortOrder != y.SortOrder ? x.SortOrder.CompareTo(y.SortOrder)
            : x.CreateDateUtc != y.CreateDateUtc ? x.CreateDateUtc.CompareTo(y.CreateDateUtc)
            : x.Key.CompareTo(y.Key);
    }

    private List<PublishedContent> InTreeOrder()
    {
        var result = new List<PublishedContent>(_byKey.Count);
        var pending = new Stack<PublishedContent>(Roots.Reverse());
        while (pending.TryPop(out var item))
        {
            result.Add(item);
            foreach (var child in Children(item).Reverse())
            {
                pending.Push(child);
            }
        }

        // A preview may hold a draft whose parent is not published: it is reachable by key only, and comes last.
        if (result.Count < _byKey.Count)
        {
            var seen = result.Select(c => c.Key).ToHashSet();
            result.AddRange(_byKey.Values.Where(c => !seen.Contains(c.Key)));
        }

        return result;
    }
}
