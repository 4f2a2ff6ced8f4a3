using ChildProtection.Cms.Publishing;
using ChildProtection.Cms.PropertyEditors;

namespace ChildProtection.Web.Features.Backoffice.Content;

/// <summary>The tags already used on published pages, most used first, per property: suggestions for the tags input.</summary>
public sealed class TagSuggestions(IPublishedSnapshotAccessor snapshots)
{
    private const int Count = 20;
    private (long Generation, Dictionary<string, IReadOnlyList<string>> ByAlias) _cache = (-1, []);

    public IReadOnlyList<string> For(string alias, string culture)
    {
        var snapshot = snapshots.Current;
        var cache = _cache;
        if (cache.Generation != snapshot.Generation)
        {
            cache = (snapshot.Generation, []);
            _cache = cache;
        }

        var key = $"{alias}:{culture}";
        lock (cache.ByAlias)
        {
            if (!cache.ByAlias.TryGetValue(key, out var tags))
            {
                tags = snapshot.All
                    .SelectMany(c => StoredValues.ParseStringArray(c.Value(alias, culture)))
                    .GroupBy(t => t, StringComparer.CurrentCultureIgnoreCase)
                    .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.CurrentCulture)
                    .Take(Count).Select(g => g.Key).ToList();
                cache.ByAlias[key] = tags;
            }

            return tags;
        }
    }
}
