using ChildProtection.Cms.Publishing;
using ChildProtection.Cms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Cms.Tests.Publishing;

/// <summary>
/// Long values (bodies) live in the node's value file, not in memory: a page reads them back whole, a restart from the
/// saved snapshot finds them again, a file mostly of old versions is compacted at the stop, and a file that is gone
/// sends the start to the database.
/// </summary>
public sealed class PublishedValueStoreTests
{
    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.PostgreSql)]
    public async Task ALongBody_IsReadFromTheValueFile_BeforeAndAfterARestart(TestDatabase database)
    {
        await using var cms = await CmsFixture.StartAsync(database);
        var (_, list) = await cms.CreateSiteAsync();
        var body = Body("Khi phát hiện trẻ bị xâm hại, gọi ngay Tổng đài quốc gia bảo vệ trẻ em 111", 3_000);
        var key = await PublishLeafletAsync(cms, list, "Tờ gấp dài", body);

        var node = cms.Snapshot.Get(key)!;
        Assert.Equal(body, node.Value("body", "vi"));
        Assert.Contains(node.StoredValues, v => v.Alias == "body" && v.InFile);
        Assert.All(node.StoredValues.Where(v => v.Alias != "body"), v => Assert.False(v.InFile));

        await cms.RestartAsync(() => { });

        Assert.Equal(SnapshotStart.SavedFile, cms.Services.GetRequiredService<PublishedSnapshotService>().StartedFrom);
        Assert.Equal(body, cms.Snapshot.Get(key)!.Value("body", "vi"));
        Assert.Equal("Tờ gấp dài", cms.Snapshot.Get(key)!.Name("vi"));
    }

    [Fact]
    public async Task AValueFileMostlyOfOldVersions_IsCompactedAtTheStop()
    {
        await using var cms = await CmsFixture.StartAsync();
        var (_, list) = await cms.CreateSiteAsync();
        var key = await PublishLeafletAsync(cms, list, "Tờ gấp sửa nhiều lần", Body("Bản 0", 100_000));
        string last = "";
        for (var i = 1; i <= 12; i++)
        {
            last = Body($"Bản {i}", 100_000);
            await using var scope = cms.NewContentService();
            Assert.True((await scope.Content.SaveAndPublishAsync(key, Leaflet("Tờ gấp sửa nhiều lần", last).Build(), CmsFixture.Editor)).Success);
        }

        var before = Assert.Single(ValueFiles(cms));
        Assert.True(new FileInfo(before).Length > 1_200_000);

        await cms.RestartAsync(() => { });

        Assert.Equal(SnapshotStart.SavedFile, cms.Services.GetRequiredService<PublishedSnapshotService>().StartedFrom);
        var after = Assert.Single(ValueFiles(cms));
        Assert.NotEqual(before, after);
        Assert.True(new FileInfo(after).Length < 300_000, $"The compacted file holds {new FileInfo(after).Length} bytes.");
        Assert.Equal(last, cms.Snapshot.Get(key)!.Value("body", "vi"));
    }

    [Fact]
    public async Task ASavedSnapshotWhoseValueFileIsGone_ReadsTheDatabase()
    {
        await using var cms = await CmsFixture.StartAsync();
        var (_, list) = await cms.CreateSiteAsync();
        var body = Body("Kỹ năng tự bảo vệ", 2_000);
        var key = await PublishLeafletAsync(cms, list, "Tờ gấp kỹ năng", body);

        await cms.RestartAsync(() =>
        {
            foreach (var file in ValueFiles(cms))
            {
                File.Delete(file);
            }
        });

        Assert.Equal(SnapshotStart.Database, cms.Services.GetRequiredService<PublishedSnapshotService>().StartedFrom);
        Assert.Equal(body, cms.Snapshot.Get(key)!.Value("body", "vi"));
    }

    [Fact]
    public async Task WhatIsDerived_IsCachedWithinItsLimit()
    {
        await using var cms = await CmsFixture.StartAsync();
        var (_, list) = await cms.CreateSiteAsync();
        var key = await PublishLeafletAsync(cms, list, "Tờ gấp", Body("Nội dung", 1_000));
        var node = cms.Snapshot.Get(key)!;
        var calls = 0;
        string Small() => $"<p>{++calls}</p>";
        string Large() => new('x', 1024 * 1024 * (1 + calls++));

        Assert.Equal(node.GetOrAddDerived("html:body:vi", Small), node.GetOrAddDerived("html:body:vi", Small));
        Assert.Equal(1, calls);

        // Past the limit (Cms:DerivedCacheMegabytes, 32 by default) a value is derived again each time it is asked for.
        calls = 16;
        Assert.NotEqual(node.GetOrAddDerived("huge", Large).Length, node.GetOrAddDerived("huge", Large).Length);
    }

    private static IEnumerable<string> ValueFiles(CmsFixture cms) =>
        Directory.EnumerateFiles(Path.Combine(cms.DataPath, "snapshot"), "values-*.bin").ToList();

    /// <summary>A body of about <paramref name="length"/> characters, with diacritics (several bytes each in the file).</summary>
    private static string Body(string first, int length)
    {
        var text = new System.Text.StringBuilder(first).Append(". ");
        while (text.Length < length)
        {
            text.Append("Trẻ em có quyền được bảo vệ để không bị xâm hại. ");
        }

        return text.ToString();
    }

    private static ContentBuilder Leaflet(string name, string body) =>
        new ContentBuilder().WithType("leaflet").WithName(name).WithMandatoryValues().WithValue("body", body);

    private static async Task<Guid> PublishLeafletAsync(CmsFixture cms, Guid list, string name, string body)
    {
        var key = await cms.CreateAsync(list, Leaflet(name, body));
        await using var scope = cms.NewContentService();
        Assert.True((await scope.Content.PublishAsync(key, CmsFixture.Editor)).Success);
        return key;
    }
}
