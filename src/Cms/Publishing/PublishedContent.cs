using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace ChildProtection.Cms.Publishing;

/// <summary>A culture of a published node: its name, URL segment and full URL ("/", "/tin-tuc/", "/en/leaflets/").</summary>
public sealed record PublishedCulture(string Culture, string Name, string UrlSegment, string Url);

/// <summary>
/// A published node as the public sees it: read-only, part of one <see cref="PublishedSnapshot"/> (Umbraco's
/// IPublishedContent). Values are in stored form; see <see cref="PublishedValueExtensions"/> for typed reads.
/// </summary>
public sealed class PublishedContent(
    Guid key,
    int versionId,
    Guid? parentKey,
    string contentTypeAlias,
    int sortOrder,
    int level,
    DateTime createDateUtc,
    DateTime updateDateUtc,
    DateTime publishDateUtc,
    IReadOnlyDictionary<string, PublishedCulture> cultures,
    IReadOnlyDictionary<(string Alias, string Culture), string> values)
{
    private readonly ConcurrentDictionary<string, string> _derived = new();
    private readonly IReadOnlyDictionary<(string Alias, string Culture), string> _values = values;

    public Guid Key { get; } = key;

    /// <summary>The published version; a new publish of the node gives a new one.</summary>
    public int VersionId { get; } = versionId;
    public Guid? ParentKey { get; } = parentKey;
    public string ContentTypeAlias { get; } = contentTypeAlias;
    public int SortOrder { get; } = sortOrder;
    public int Level { get; } = level;
    public DateTime CreateDateUtc { get; } = createDateUtc;
    public DateTime UpdateDateUtc { get; } = updateDateUtc;

    /// <summary>When the node was first published.</summary>
    public DateTime PublishDateUtc { get; } = publishDateUtc;

    public IReadOnlyDictionary<string, PublishedCulture> Cultures { get; } = cultures;

    /// <summary>
    /// What a page can show of this node, hashed the same way on every node of the site: its version (which fixes its
    /// names, values and dates), its place among its siblings and its URLs. See <see cref="PublishedSnapshot.Fingerprint"/>.
    /// </summary>
    internal ulong Fingerprint { get; } = FingerprintOf(key, versionId, parentKey, sortOrder, level, cultures);

    public bool HasCulture(string culture) => Cultures.ContainsKey(culture);

    public string Name(string culture) => Cultures.TryGetValue(culture, out var c) ? c.Name : "";

    public string? Url(string culture) => Cultures.TryGetValue(culture, out var c) ? c.Url : null;

    /// <summary>The value in <paramref name="culture"/>, falling back to the invariant value.</summary>
    public string? Value(string alias, string culture) =>
        _values.TryGetValue((alias, culture), out var value) || _values.TryGetValue((alias, ""), out value) ? value : null;

    private static ulong FingerprintOf(Guid key, int versionId, Guid? parentKey, int sortOrder, int level, IReadOnlyDictionary<string, PublishedCulture> cultures)
    {
        var hash = new XxHash3();
        Span<byte> fixedPart = stackalloc byte[44];
        key.TryWriteBytes(fixedPart);
        (parentKey ?? Guid.Empty).TryWriteBytes(fixedPart[16..]);
        BinaryPrimitives.WriteInt32LittleEndian(fixedPart[32..], versionId);
        BinaryPrimitives.WriteInt32LittleEndian(fixedPart[36..], sortOrder);
        BinaryPrimitives.WriteInt32LittleEndian(fixedPart[40..], level);
        hash.Append(fixedPart);
        foreach (var culture in cultures.Values.OrderBy(c => c.Culture, StringComparer.Ordinal))
        {
            // A NUL after each string: "vi" + "/a/" and "vi/" + "a/" must not hash alike.
            hash.Append(MemoryMarshal.AsBytes($"{culture.Culture}\0{culture.Url}\0".AsSpan()));
        }

        return hash.GetCurrentHashAsUInt64();
    }

    /// <summary>
    /// Caches something computed from this node's values (rendered markdown, say) for the life of the snapshot,
    /// which is exactly as long as the values stay the same.
    /// </summary>
    public string GetOrAddDerived(string key, Func<string> factory) => _derived.GetOrAdd(key, _ => factory());

    /// <summary>
    /// Whether <paramref name="other"/> shows the public exactly what this node shows: then a new snapshot keeps this
    /// instance, and with it what <see cref="GetOrAddDerived"/> has computed.
    /// </summary>
    internal bool SameAs(PublishedContent other) =>
        Key == other.Key && VersionId == other.VersionId && ParentKey == other.ParentKey && ContentTypeAlias == other.ContentTypeAlias
        && SortOrder == other.SortOrder && Level == other.Level && CreateDateUtc == other.CreateDateUtc && UpdateDateUtc == other.UpdateDateUtc
        && PublishDateUtc == other.PublishDateUtc
        && Cultures.Count == other.Cultures.Count && Cultures.All(c => other.Cultures.TryGetValue(c.Key, out var same) && same == c.Value)
        && _values.Count == other._values.Count && _values.All(v => other._values.TryGetValue(v.Key, out var same) && same == v.Value);
}
