using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace ChildProtection.Cms.Publishing;

/// <summary>A culture of a published node: its name, URL segment and full URL ("/", "/tin-tuc/", "/en/leaflets/").</summary>
public sealed record PublishedCulture(string Culture, string Name, string UrlSegment, string Url);

/// <summary>A stored value of a published node: its property alias, its culture ("" when invariant) and the value.</summary>
public readonly record struct PublishedValue(string Alias, string Culture, string Value);

/// <summary>
/// A published node as the public sees it: read-only, part of one <see cref="PublishedSnapshot"/> (Umbraco's
/// IPublishedContent). Values are in stored form; see <see cref="PublishedValueExtensions"/> for typed reads.
/// </summary>
/// <remarks>
/// A site holds one of these per published page (100,000 on a large one), so it is kept small: names and values sit in
/// arrays searched in order (a node has a culture or two and a handful of values), the property aliases, cultures and
/// content types are interned (one string each for the whole site, not one per page), long values (bodies) stay in the
/// node's value file (<see cref="PublishedValueStore"/>) until a page reads them, and what is derived from them is
/// cached there within a size limit.
/// </remarks>
public sealed class PublishedContent
{
    /// <summary>One hasher per thread, reset for each node: a start reads 100,000 nodes, and each hasher is large.</summary>
    [ThreadStatic]
    private static XxHash3? _hasher;

    private readonly PublishedCulture[] _cultures;
    private readonly StoredValue[] _values;
    private readonly PublishedValueStore? _store;
    private ConcurrentDictionary<string, string>? _derived;

    /// <summary>
    /// A node of the snapshot, whose long values <paramref name="store"/> holds; without a store every value is in
    /// memory (a draft's preview, which lives for one request).
    /// </summary>
    internal PublishedContent(
        Guid key,
        int versionId,
        Guid? parentKey,
        string contentTypeAlias,
        int sortOrder,
        int level,
        DateTime createDateUtc,
        DateTime updateDateUtc,
        DateTime publishDateUtc,
        IReadOnlyList<PublishedCulture> cultures,
        StoredValue[] values,
        PublishedValueStore? store)
    {
        Key = key;
        VersionId = versionId;
        ParentKey = parentKey;
        ContentTypeAlias = string.Intern(contentTypeAlias);
        SortOrder = sortOrder;
        Level = level;
        CreateDateUtc = createDateUtc;
        UpdateDateUtc = updateDateUtc;
        PublishDateUtc = publishDateUtc;
        _cultures = Interned(cultures);
        _values = values;
        _store = store;
        Fingerprint = FingerprintOf(key, versionId, parentKey, sortOrder, level, cultures);
    }

    public Guid Key { get; }

    /// <summary>The published version; a new publish of the node gives a new one.</summary>
    public int VersionId { get; }
    public Guid? ParentKey { get; }
    public string ContentTypeAlias { get; }
    public int SortOrder { get; }
    public int Level { get; }
    public DateTime CreateDateUtc { get; }
    public DateTime UpdateDateUtc { get; }

    /// <summary>When the node was first published.</summary>
    public DateTime PublishDateUtc { get; }

    /// <summary>The cultures the node is published in, each with its name and URL.</summary>
    public IReadOnlyList<PublishedCulture> Cultures => _cultures;

    /// <summary>
    /// What a page can show of this node, hashed the same way on every node of the site: its version (which fixes its
    /// names, values and dates), its place among its siblings and its URLs. See <see cref="PublishedSnapshot.Fingerprint"/>.
    /// </summary>
    internal ulong Fingerprint { get; }

    /// <summary>Every value as the snapshot keeps it, for <see cref="PublishedSnapshotFile"/> and the same version read again.</summary>
    internal StoredValue[] StoredValues => _values;

    internal bool HasStore(PublishedValueStore store) => ReferenceEquals(_store, store);

    /// <summary>The node's name and URL in <paramref name="culture"/>, or null when it is not published in it.</summary>
    public PublishedCulture? Culture(string culture)
    {
        foreach (var item in _cultures)
        {
            if (item.Culture == culture)
            {
                return item;
            }
        }

        return null;
    }

    public bool HasCulture(string culture) => Culture(culture) is not null;

    public string Name(string culture) => Culture(culture)?.Name ?? "";

    public string? Url(string culture) => Culture(culture)?.Url;

    /// <summary>The value in <paramref name="culture"/>, falling back to the invariant value.</summary>
    public string? Value(string alias, string culture)
    {
        StoredValue? invariant = null;
        foreach (var value in _values)
        {
            if (value.Alias == alias)
            {
                if (value.Culture == culture)
                {
                    return Read(value);
                }

                if (value.Culture.Length == 0)
                {
                    invariant = value;
                }
            }
        }

        // Read only when no value of the culture comes after it: a long one is a read from the file.
        return invariant is { } fallback ? Read(fallback) : null;
    }

    private string Read(in StoredValue value) => value.InFile ? _store!.Read(value) : value.Text!;

    private static ulong FingerprintOf(Guid key, int versionId, Guid? parentKey, int sortOrder, int level, IReadOnlyList<PublishedCulture> cultures)
    {
        var hash = _hasher ??= new XxHash3();
        hash.Reset();
        Span<byte> fixedPart = stackalloc byte[44];
        key.TryWriteBytes(fixedPart);
        (parentKey ?? Guid.Empty).TryWriteBytes(fixedPart[16..]);
        BinaryPrimitives.WriteInt32LittleEndian(fixedPart[32..], versionId);
        BinaryPrimitives.WriteInt32LittleEndian(fixedPart[36..], sortOrder);
        BinaryPrimitives.WriteInt32LittleEndian(fixedPart[40..], level);
        hash.Append(fixedPart);
        ReadOnlySpan<byte> nul = [0, 0];
        foreach (var culture in cultures.Count == 1 ? cultures : (IEnumerable<PublishedCulture>)cultures.OrderBy(c => c.Culture, StringComparer.Ordinal))
        {
            // A NUL (UTF-16) after each string: "vi" + "/a/" and "vi/" + "a/" must not hash alike.
            hash.Append(MemoryMarshal.AsBytes(culture.Culture.AsSpan()));
            hash.Append(nul);
            hash.Append(MemoryMarshal.AsBytes(culture.Url.AsSpan()));
            hash.Append(nul);
        }

        return hash.GetCurrentHashAsUInt64();
    }

    private static PublishedCulture[] Interned(IReadOnlyList<PublishedCulture> cultures)
    {
        var result = new PublishedCulture[cultures.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var culture = cultures[i];
            var interned = string.Intern(culture.Culture);
            result[i] = ReferenceEquals(interned, culture.Culture) ? culture : culture with { Culture = interned };
        }

        return result;
    }

    /// <summary>
    /// Caches something computed from this node's values and place (rendered markdown, say): in the value store's
    /// cache, which keeps what is read most within its size, for as long as the node shows the same; on a node of its
    /// own (a preview), for the node's life.
    /// </summary>
    public string GetOrAddDerived(string key, Func<string> factory)
    {
        if (_store is not null)
        {
            return _store.GetOrAddDerived((Key, Fingerprint, key), factory);
        }

        var derived = _derived ?? Interlocked.CompareExchange(ref _derived, new(), null) ?? _derived;
        return derived.GetOrAdd(key, _ => factory());
    }

    /// <summary>
    /// Whether <paramref name="other"/> shows the public exactly what this node shows: then a new snapshot keeps this
    /// instance, and with it what <see cref="GetOrAddDerived"/> has computed.
    /// </summary>
    internal bool SameAs(PublishedContent other) =>
        Key == other.Key && VersionId == other.VersionId && ParentKey == other.ParentKey && ContentTypeAlias == other.ContentTypeAlias
        && SortOrder == other.SortOrder && Level == other.Level && CreateDateUtc == other.CreateDateUtc && UpdateDateUtc == other.UpdateDateUtc
        && PublishDateUtc == other.PublishDateUtc
        && _cultures.Length == other._cultures.Length && _cultures.All(c => other.Culture(c.Culture) == c)
        && _values.Length == other._values.Length && _values.All(v => other._values.Any(o => SameValue(v, other, o)));

    /// <summary>Two values are alike when they sit in the same place; else (another read of the same version) their text is compared.</summary>
    private bool SameValue(StoredValue value, PublishedContent other, StoredValue candidate) =>
        value.Alias == candidate.Alias && value.Culture == candidate.Culture
        && ((value == candidate && ReferenceEquals(_store, other._store)) || Read(value) == other.Read(candidate));
}
