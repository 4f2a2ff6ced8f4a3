using ChildProtection.Cms.Tests.Infrastructure;

namespace ChildProtection.Cms.Tests.Publishing;

public sealed class PublishedSnapshotConcurrencyTests : IAsyncLifetime
{
    private const string User = "bientap@example.vn";
    private CmsFixture _cms = null!;

    public async Task InitializeAsync() => _cms = await CmsFixture.StartAsync();

    public async Task DisposeAsync() => await _cms.DisposeAsync();

    [Fact]
    public async Task Current_ReadWhilePublishing_AlwaysConsistentAndNeverGoesBack()
    {
        await using var scope = _cms.NewContentService();
        var home = (await scope.Content.CreateAsync(null, "home", new ContentBuilder().WithType("home").WithName("Trang chủ").WithMandatoryValues().Build(), User)).Result!.Content!.Key;
        await scope.Content.PublishAsync(home, User);
        var list = (await scope.Content.CreateAsync(home, "leafletList", new ContentBuilder().WithType("leafletList").WithName("Tờ gấp").Build(), User)).Result!.Content!.Key;
        await scope.Content.PublishAsync(list, User);
        var leaflet = (await scope.Content.CreateAsync(list, "leaflet", Version(0).Build(), User)).Result!.Content!.Key;
        await scope.Content.PublishAsync(leaflet, User);

        using var stop = new CancellationTokenSource();
        var problems = new System.Collections.Concurrent.ConcurrentBag<string>();
        var reads = 0L;
        using var running = new CountdownEvent(4);
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            var first = true;
            long lastGeneration = 0;
            var lastVersion = 0;
            while (!stop.IsCancellationRequested)
            {
                var snapshot = _cms.Snapshot;
                var byKey = snapshot.Get(leaflet);
                var byUrl = snapshot.GetByUrl("vi", "/to-gap/to-gap-thu/");
                if (byKey is null || !ReferenceEquals(byKey, byUrl))
                {
                    problems.Add($"generation {snapshot.Generation}: lookup by key and by URL disagree");
                }

                if (snapshot.Children(snapshot.Get(list)!).SingleOrDefault()?.Key != leaflet)
                {
                    problems.Add($"generation {snapshot.Generation}: the list lost its child");
                }

                var version = int.Parse(byKey!.Value("summary", "vi")!.Split(' ').Last(), System.Globalization.CultureInfo.InvariantCulture);
                if (snapshot.Generation < lastGeneration || version < lastVersion)
                {
                    problems.Add($"went back from generation {lastGeneration} (v{lastVersion}) to {snapshot.Generation} (v{version})");
                }

                lastGeneration = snapshot.Generation;
                lastVersion = version;
                Interlocked.Increment(ref reads);
                if (first)
                {
                    running.Signal();
                    first = false;
                }
            }
        })).ToList();

        // On a busy machine the readers may not be scheduled yet: publishing starts once all of them are reading.
        Assert.True(await Task.Run(() => running.Wait(TimeSpan.FromSeconds(30))), "the readers did not start");

        for (var i = 1; i <= 20; i++)
        {
            await scope.Content.SaveAsync(leaflet, Version(i).Build(), User);
            Assert.True((await scope.Content.PublishAsync(leaflet, User)).Success);
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);

        Assert.Empty(problems);
        Assert.True(reads > 20, $"only {reads} reads happened");
        Assert.Equal("Phiên bản 20", _cms.Snapshot.Get(leaflet)!.Value("summary", "vi"));
    }

    private static ContentBuilder Version(int number) =>
        new ContentBuilder().WithType("leaflet").WithName("Tờ gấp thử").WithMandatoryValues().WithValue("summary", $"Phiên bản {number}");
}
