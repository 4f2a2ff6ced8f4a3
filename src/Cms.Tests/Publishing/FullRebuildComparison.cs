using ChildProtection.Cms.Publishing;

namespace ChildProtection.Cms.Tests.Publishing;

/// <summary>Checks a snapshot the engine patched against what a full rebuild reads from the same database.</summary>
internal static class FullRebuildComparison
{
    /// <summary>
    /// Fails unless <paramref name="after"/> (made from <paramref name="before"/> by one change) holds what a full
    /// rebuild from <paramref name="before"/> would: the same nodes, URLs, order, redirects and fingerprint; and unless every node
    /// that did not change is still the same instance.
    /// </summary>
    public static async Task AssertEqualsFullRebuildAsync(PublishedSnapshotService service, PublishedSnapshot before, PublishedSnapshot after)
    {
        var content = await service.LoadAllAsync(PublishedSnapshot.Empty, CancellationToken.None);
        var full = new PublishedSnapshot(0, content, before.Redirects);
        var (changed, live) = PublishedSnapshotService.ChangedUrls(before, full, content);
        var redirects = before.Redirects.Where(r => !live.Contains(r.Key)).ToDictionary();
        foreach (var (culture, url, key) in changed)
        {
            redirects[(culture, url)] = key;
        }

        Assert.Equal(Describe(full), Describe(after));
        Assert.Equal(full.Roots.Select(r => r.Key), after.Roots.Select(r => r.Key));
        Assert.Equal(full.All.Select(c => c.Key), after.All.Select(c => c.Key));
        foreach (var item in full.All)
        {
            var patched = after.Get(item.Key)!;
            Assert.True(patched.SameAs(item), $"{item.Key} differs from a full rebuild (names, values, dates or place)");
            Assert.Equal(full.Children(item).Select(c => c.Key), after.Children(patched).Select(c => c.Key));
            foreach (var culture in item.Cultures)
            {
                Assert.Same(patched, after.GetByUrl(culture.Culture, culture.Url));
            }

            if (before.Get(item.Key) is { } was && was.SameAs(patched))
            {
                Assert.Same(was, patched);
            }
        }

        Assert.Equal(redirects.OrderBy(r => r.Key).ToList(), after.Redirects.OrderBy(r => r.Key).ToList());

        // Another node that read the same state in full shares the pages cached under it.
        Assert.Equal(full.Fingerprint, after.Fingerprint);
    }

    private static List<string> Describe(PublishedSnapshot snapshot) =>
        snapshot.All.Select(c =>
                $"{c.Key} under {c.ParentKey} #{c.SortOrder} L{c.Level} v{c.VersionId}: "
                + string.Join(", ", c.Cultures.OrderBy(v => v.Culture, StringComparer.Ordinal).Select(v => $"{v.Culture} {v.Name} {v.Url}")))
            .Order(StringComparer.Ordinal)
            .ToList();
}
