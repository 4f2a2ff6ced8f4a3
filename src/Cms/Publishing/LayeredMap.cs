using System.Diagnostics.CodeAnalysis;

namespace ChildProtection.Cms.Publishing;

/// <summary>
/// An immutable map that a change copies in the size of the change, not of the map: a base dictionary shared by every
/// map made from it, and a small overlay of what changed since (a removal held as null). When the overlay grows past
/// an eighth of the base it is folded into a new base, so a lookup stays at most two dictionary reads and the copying
/// averages out to a few entries per change. (<c>ImmutableDictionary</c> shares as much, but every read walks a tree:
/// the snapshot is read on every request and changed once per publish.)
/// </summary>
internal sealed class LayeredMap<TKey, TValue>
    where TKey : notnull
    where TValue : class
{
    private const int MinimumFold = 64;

    private readonly Dictionary<TKey, TValue> _base;
    private readonly Dictionary<TKey, TValue?> _overlay;

    public LayeredMap(Dictionary<TKey, TValue> entries)
        : this(entries, [], entries.Count)
    {
    }

    private LayeredMap(Dictionary<TKey, TValue> @base, Dictionary<TKey, TValue?> overlay, int count)
    {
        _base = @base;
        _overlay = overlay;
        Count = count;
    }

    public int Count { get; }

    public IEnumerable<TValue> Values =>
        _overlay.Count == 0
            ? _base.Values
            : _base.Where(e => !_overlay.ContainsKey(e.Key)).Select(e => e.Value).Concat(_overlay.Values.OfType<TValue>());

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => TryGet(_base, _overlay, key, out value);

    public TValue? GetValueOrDefault(TKey key) => TryGetValue(key, out var value) ? value : null;

    public bool ContainsKey(TKey key) => TryGetValue(key, out _);

    /// <summary>The overlay's entry for <paramref name="key"/> when it has one (null: removed), else the base's.</summary>
    private static bool TryGet(Dictionary<TKey, TValue> @base, Dictionary<TKey, TValue?> overlay, TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (overlay.Count > 0 && overlay.TryGetValue(key, out var changed))
        {
            value = changed;
            return changed is not null;
        }

        return @base.TryGetValue(key, out value);
    }

    /// <summary>Changes are made on the builder and end with <see cref="Builder.ToMap"/>; this map stays as it is.</summary>
    public Builder ToBuilder() => new(this);

    internal sealed class Builder(LayeredMap<TKey, TValue> from)
    {
        private readonly Dictionary<TKey, TValue?> _overlay = new(from._overlay, from._overlay.Comparer);
        private int _count = from.Count;

        public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => TryGet(from._base, _overlay, key, out value);

        public TValue this[TKey key]
        {
            set
            {
                if (!TryGetValue(key, out _))
                {
                    _count++;
                }

                _overlay[key] = value;
            }
        }

        public void Remove(TKey key)
        {
            if (TryGetValue(key, out _))
            {
                _count--;
                if (from._base.ContainsKey(key))
                {
                    _overlay[key] = null;
                }
                else
                {
                    _overlay.Remove(key);
                }
            }
        }

        public LayeredMap<TKey, TValue> ToMap()
        {
            if (_overlay.Count <= Math.Max(MinimumFold, from._base.Count / 8))
            {
                return new(from._base, _overlay, _count);
            }

            var folded = new Dictionary<TKey, TValue>(from._base, from._base.Comparer);
            foreach (var (key, value) in _overlay)
            {
                if (value is null)
                {
                    folded.Remove(key);
                }
                else
                {
                    folded[key] = value;
                }
            }

            return new(folded, [], _count);
        }
    }
}
