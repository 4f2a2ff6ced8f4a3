using ChildProtection.Cms.Changes;
using ChildProtection.Cms.Publishing;
using ChildProtection.Cms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Cms.Tests.Publishing;

/// <summary>
/// A restart starts from the snapshot the stop saved, and the change feed brings what changed since it was saved; a
/// file it cannot trust is not used.
/// </summary>
public sealed class PublishedSnapshotFileTests
{
    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.PostgreSql)]
    public async Task Restart_StartsFromTheSavedSnapshot_WithWhatChangedSinceItWasSaved(TestDatabase database)
    {
        await using var cms = await CmsFixture.StartAsync(database);
        var (_, list) = await cms.CreateSiteAsync();
        var kept = await PublishLeafletAsync(cms, list, "Tờ gấp giữ nguyên");
        var leaving = await PublishLeafletAsync(cms, list, "Tờ gấp sẽ gỡ xuống");

        await cms.RestartAsync(() => { });
        Assert.Equal(SnapshotStart.SavedFile, Service(cms).StartedFrom);
        Assert.Equal(kept, cms.Snapshot.Get(kept)?.Key);

        // A node that stopped long ago: its file is from then, and the feed holds what happened since.
        var file = SavedFile(cms);
        var older = await File.ReadAllBytesAsync(file);
        var arriving = await PublishLeafletAsync(cms, list, "Tờ gấp mới đăng");
        await using (var scope = cms.NewContentService())
        {
            Assert.True((await scope.Content.UnpublishAsync(leaving, CmsFixture.Editor)).Success);
        }

        await cms.RestartAsync(() => File.WriteAllBytes(file, older));

        Assert.Equal(SnapshotStart.SavedFile, Service(cms).StartedFrom);
        Assert.NotNull(cms.Snapshot.Get(arriving));
        Assert.Null(cms.Snapshot.Get(leaving));
        await FullRebuildComparison.AssertEqualsFullRebuildAsync(Service(cms), cms.Snapshot, cms.Snapshot);
    }

    [Fact]
    public async Task Restart_WithADamagedFile_ReadsTheDatabase()
    {
        await using var cms = await CmsFixture.StartAsync();
        var (_, list) = await cms.CreateSiteAsync();
        var leaflet = await PublishLeafletAsync(cms, list, "Tờ gấp phòng chống xâm hại");
        var file = SavedFile(cms);

        await cms.RestartAsync(() =>
        {
            var bytes = File.ReadAllBytes(file);
            File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);
        });

        Assert.Equal(SnapshotStart.Database, Service(cms).StartedFrom);
        Assert.NotNull(cms.Snapshot.Get(leaflet));
    }

    [Fact]
    public async Task AMarkTheFeedDoesNotHold_IsRefused()
    {
        await using var cms = await CmsFixture.StartAsync();
        var (_, list) = await cms.CreateSiteAsync();
        await PublishLeafletAsync(cms, list, "Tờ gấp kỹ năng sống");
        var reader = cms.Services.GetRequiredService<ChangeFeedReader>();
        await reader.CatchUpAsync(CancellationToken.None);
        var mark = Assert.NotNull(await reader.MarkAsync(CancellationToken.None));

        // Another database (or this one restored from an older backup): the same ids, written at other times.
        Assert.False(await reader.TryBeginAtAsync(mark with { EndCreatedUtc = mark.EndCreatedUtc.AddSeconds(-1) }, CancellationToken.None));
        Assert.False(await reader.TryBeginAtAsync(mark with { Position = mark.End + 1 }, CancellationToken.None));
        Assert.True(await reader.TryBeginAtAsync(mark, CancellationToken.None));
    }

    private static PublishedSnapshotService Service(CmsFixture cms) => cms.Services.GetRequiredService<PublishedSnapshotService>();

    private static string SavedFile(CmsFixture cms) => cms.Services.GetRequiredService<PublishedSnapshotFile>().FilePath;

    private static async Task<Guid> PublishLeafletAsync(CmsFixture cms, Guid list, string name)
    {
        var key = await cms.CreateAsync(list, new ContentBuilder().WithType("leaflet").WithName(name).WithMandatoryValues().WithValue("body", $"{name}: gọi 111."));
        await using var scope = cms.NewContentService();
        Assert.True((await scope.Content.PublishAsync(key, CmsFixture.Editor)).Success);
        return key;
    }
}
