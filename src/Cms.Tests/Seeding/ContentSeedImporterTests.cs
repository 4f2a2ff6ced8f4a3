using ChildProtection.Cms.Content;
using ChildProtection.Cms.Seeding;
using ChildProtection.Cms.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Cms.Tests.Seeding;

public sealed class ContentSeedImporterTests : IAsyncLifetime
{
    private CmsFixture _cms = null!;

    public async Task InitializeAsync() => _cms = await CmsFixture.StartAsync(seedPath: TestPaths.RepositorySeed);

    public async Task DisposeAsync() => await _cms.DisposeAsync();

    [Fact]
    public async Task ImportAsync_RepositorySeed_PublishesEverythingWithoutProblems()
    {
        var snapshot = _cms.Snapshot;

        Assert.Equal("/", snapshot.Roots[0].Url("vi"));
        Assert.Equal("/en/", snapshot.Roots[0].Url("en"));
        Assert.True(snapshot.All.Count(c => c.ContentTypeAlias == "leaflet") >= 6);
        Assert.True(snapshot.All.Count(c => c.ContentTypeAlias == "leaflet" && c.HasCulture("en")) >= 2);
        Assert.True(snapshot.All.Count(c => c.ContentTypeAlias == "story") >= 4);
        Assert.True(snapshot.All.Count(c => c.ContentTypeAlias == "newsArticle") >= 8);
        Assert.Single(snapshot.All, c => c.ContentTypeAlias == "campaign");
        Assert.Single(snapshot.All, c => c.ContentTypeAlias == "hotlinePage");

        await using var scope = _cms.NewContentService();
        var report = await scope.Get<ContentSeedImporter>().ImportAsync(TestPaths.RepositorySeed);
        Assert.Empty(report.Problems);
    }

    [Fact]
    public async Task ImportAsync_SecondTime_AddsNothing()
    {
        await using var scope = _cms.NewContentService();
        var nodes = await scope.Db.Nodes.CountAsync();
        var versions = await scope.Db.Versions.CountAsync();

        var report = await scope.Get<ContentSeedImporter>().ImportAsync(TestPaths.RepositorySeed);

        Assert.Equal(0, report.Created);
        Assert.Equal(nodes, report.AlreadyPresent);
        Assert.Equal(nodes, await scope.Db.Nodes.CountAsync());
        Assert.Equal(versions, await scope.Db.Versions.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_BadFiles_AreReportedByNameAndTheRestIsImported()
    {
        var folder = TestPaths.NewTempFolder();
        var site = Directory.CreateDirectory(Path.Combine(folder, "site", "trang-chu")).Parent!.FullName;
        File.WriteAllText(Path.Combine(site, "trang-chu.md"), Seed(Guid.NewGuid(), "home", "Trang chủ", "properties:\n  heroTitle: Khẩu hiệu\n  heroText: Giới thiệu"));
        var good = Guid.NewGuid();
        File.WriteAllText(Path.Combine(site, "trang-chu", "a-tot.md"), Seed(good, "textPage", "Trang tốt", "", "Nội dung tốt."));
        File.WriteAllText(Path.Combine(site, "trang-chu", "b-thieu-noi-dung.md"), Seed(Guid.NewGuid(), "textPage", "Thiếu nội dung", ""));
        File.WriteAllText(Path.Combine(site, "trang-chu", "c-hong.md"), "---\nkey: [khong dong\n---\n");
        File.WriteAllText(Path.Combine(site, "trang-chu", "d-loai-la.md"), Seed(Guid.NewGuid(), "khongCo", "Loại lạ", ""));

        await using var scope = _cms.NewContentService();
        var report = await scope.Get<ContentSeedImporter>().ImportAsync(folder);

        Assert.Equal(2, report.Created);
        Assert.Contains(report.Problems, p => p.File.EndsWith("b-thieu-noi-dung.md") && p.Problem.Contains("body"));
        Assert.Contains(report.Problems, p => p.File.EndsWith("c-hong.md"));
        Assert.Contains(report.Problems, p => p.File.EndsWith("d-loai-la.md") && p.Problem.Contains("khongCo"));
        Assert.True(await scope.Content.ExistsAsync(good));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task ImportAsync_DatabaseFailsMidway_LeavesNothingAndTheNextStartImportsTheWholeTree()
    {
        // A lesson about halfway down the repository's tree: the nodes before it are written when the database refuses it.
        const string Midway = "Hiểu hành vi của học sinh theo lứa tuổi";
        await using var cms = await CmsFixture.StartAsync();
        await using (var scope = cms.NewContentService())
        {
            var table = scope.Db.Model.FindEntityType(typeof(ContentVersionCulture))!.GetTableName();
            var trigger = $"CREATE TRIGGER refuse_seed BEFORE INSERT ON \"{table}\" WHEN NEW.\"Name\" = '{Midway}' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END";
            await scope.Db.Database.ExecuteSqlRawAsync(trigger);

            await Assert.ThrowsAsync<DbUpdateException>(() => scope.Get<ContentSeedImporter>().ImportAsync(TestPaths.RepositorySeed));

            Assert.Equal(0, await scope.Db.Nodes.CountAsync());
            Assert.Equal(0, await scope.Db.Versions.CountAsync());
            Assert.Equal(0, await scope.Db.Audit.CountAsync());
            Assert.Empty(cms.Snapshot.All);
            await scope.Db.Database.ExecuteSqlRawAsync("DROP TRIGGER refuse_seed");
        }

        await cms.RestartAsync(() => { }, new Dictionary<string, string?> { ["Cms:SeedPath"] = TestPaths.RepositorySeed });

        await using var after = cms.NewContentService();
        var files = Directory.EnumerateFiles(Path.Combine(TestPaths.RepositorySeed, "site"), "*.md", SearchOption.AllDirectories).Count(f => !f.EndsWith(".en.md"));
        Assert.Equal(files, await after.Db.Nodes.CountAsync());
        Assert.Equal(await after.Db.Nodes.CountAsync(n => n.PublishedVersionId != null), cms.Snapshot.All.Count());
        Assert.Contains(cms.Snapshot.All, c => c.Name("vi") == Midway);
    }

    [Fact]
    public async Task ImportAsync_SiblingsOfOneName_GetTheirFilesOrderAndUniqueSegmentsAfterThoseAlreadyThere()
    {
        // A level of the tree is written at once: the order, the segments and the paths must still be each node's own.
        var homeKey = Guid.NewGuid();
        var first = SeedTree(homeKey, ("a", Guid.NewGuid()), ("b", Guid.NewGuid()), ("c", Guid.NewGuid()));
        var grandchild = Guid.NewGuid();
        var middle = Path.Combine(first, "site", "trang-chu", "b");
        Directory.CreateDirectory(middle);
        File.WriteAllText(Path.Combine(middle, "con.md"), Seed(grandchild, "textPage", "Tin tức", "", "Nội dung."));
        var later = Guid.NewGuid();
        var second = SeedTree(homeKey, ("d", later));

        await using var cms = await CmsFixture.StartAsync();
        await using var scope = cms.NewContentService();
        Assert.Equal(5, (await scope.Get<ContentSeedImporter>().ImportAsync(first)).Created);
        Assert.Equal(1, (await scope.Get<ContentSeedImporter>().ImportAsync(second)).Created);

        var home = await scope.Db.Nodes.SingleAsync(n => n.Key == homeKey);
        var children = await (
            from node in scope.Db.Nodes
            where node.ParentId == home.Id
            join culture in scope.Db.VersionCultures on node.CurrentVersionId equals culture.VersionId
            where culture.Culture == "vi"
            orderby node.SortOrder
            select new { node.SortOrder, culture.UrlSegment, node.Path, node.Level }).ToListAsync();
        Assert.Equal([0, 1, 2, 3], children.Select(c => c.SortOrder));
        Assert.Equal(["tin-tuc", "tin-tuc-1", "tin-tuc-2", "tin-tuc-3"], children.Select(c => c.UrlSegment));
        Assert.All(children, c => Assert.Equal(2, c.Level));

        var b = await scope.Db.Nodes.SingleAsync(n => n.ParentId == home.Id && n.SortOrder == 1);
        var leaf = await scope.Db.Nodes.SingleAsync(n => n.Key == grandchild);
        Assert.Equal($"-1,{home.Id},{b.Id},{leaf.Id}", leaf.Path);
        Assert.Equal((3, 0), (leaf.Level, leaf.SortOrder));
        Assert.Equal(3, (await scope.Db.Nodes.SingleAsync(n => n.Key == later)).SortOrder);
        Directory.Delete(first, recursive: true);
        Directory.Delete(second, recursive: true);
    }

    /// <summary>A seed folder: a home page with the given key, and under it a text page named "Tin tức" per file name given.</summary>
    private static string SeedTree(Guid homeKey, params (string File, Guid Key)[] children)
    {
        var folder = TestPaths.NewTempFolder();
        var site = Directory.CreateDirectory(Path.Combine(folder, "site", "trang-chu")).Parent!.FullName;
        File.WriteAllText(Path.Combine(site, "trang-chu.md"), Seed(homeKey, "home", "Trang chủ", "properties:\n  heroTitle: Khẩu hiệu\n  heroText: Giới thiệu"));
        foreach (var (file, key) in children)
        {
            File.WriteAllText(Path.Combine(site, "trang-chu", $"{file}.md"), Seed(key, "textPage", "Tin tức", "", "Nội dung."));
        }

        return folder;
    }

    private static string Seed(Guid key, string type, string name, string properties, string body = "") =>
        $"---\nkey: {key}\ntype: {type}\nname: {name}\n{properties}\n---\n{body}\n";
}
