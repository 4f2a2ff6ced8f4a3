using ChildProtection.Cms.Publishing;
using ChildProtection.Cms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Cms.Tests.Publishing;

public sealed class PublishedSnapshotRefreshTests : IAsyncLifetime
{
    private const string User = CmsFixture.Editor;
    private CmsFixture _cms = null!;

    public async Task InitializeAsync() => _cms = await CmsFixture.StartAsync();

    public async Task DisposeAsync() => await _cms.DisposeAsync();

    private PublishedSnapshotService Service => _cms.Services.GetRequiredService<PublishedSnapshotService>();

    [Fact]
    public async Task MoveAsync_PublishedSubtree_UrlsFollowAndOldUrlsRedirect()
    {
        var (home, _) = await _cms.CreateSiteAsync();
        var about = await PublishedPageAsync(home, "Giới thiệu");
        var team = await PublishedPageAsync(about, "Đội ngũ");
        var archive = await PublishedPageAsync(home, "Lưu trữ");
        var before = _cms.Snapshot;

        await using (var scope = _cms.NewContentService())
        {
            Assert.True((await scope.Content.MoveAsync(about, archive, User)).Success);
        }

        var after = _cms.Snapshot;
        Assert.Equal(before.Generation + 1, after.Generation);
        Assert.Equal("/luu-tru/gioi-thieu/doi-ngu/", after.Get(team)!.Url("vi"));
        Assert.Equal(after.Get(about)!.Level + 1, after.Get(team)!.Level);
        Assert.Null(after.GetByUrl("vi", "/gioi-thieu/doi-ngu/"));
        Assert.Equal(team, after.GetRedirectTarget("vi", "/gioi-thieu/doi-ngu/")?.Key);
        Assert.Equal(about, after.GetRedirectTarget("vi", "/gioi-thieu/")?.Key);
        Assert.Equal([about], after.Children(after.Get(archive)!).Select(c => c.Key));
        Assert.DoesNotContain(about, after.Children(after.Get(home)!).Select(c => c.Key));
        await FullRebuildComparison.AssertEqualsFullRebuildAsync(Service, before, after);
    }

    [Fact]
    public async Task PublishAsync_ParentPublishedAgain_ItsPublishedChildrenAreVisibleAgain()
    {
        var (home, _) = await _cms.CreateSiteAsync();
        var about = await PublishedPageAsync(home, "Giới thiệu");
        var team = await PublishedPageAsync(about, "Đội ngũ");
        await using var scope = _cms.NewContentService();
        Assert.True((await scope.Content.UnpublishAsync(about, User)).Success);
        Assert.Null(_cms.Snapshot.Get(team));
        Assert.Null(_cms.Snapshot.GetByUrl("vi", "/gioi-thieu/doi-ngu/"));
        var before = _cms.Snapshot;

        Assert.True((await scope.Content.PublishAsync(about, User)).Success);

        var after = _cms.Snapshot;
        Assert.Equal(team, after.GetByUrl("vi", "/gioi-thieu/doi-ngu/")?.Key);
        Assert.Equal([team], after.Children(after.Get(about)!).Select(c => c.Key));
        await FullRebuildComparison.AssertEqualsFullRebuildAsync(Service, before, after);
    }

    [Fact]
    public async Task SaveAndPublishAsync_OnePage_OtherPagesKeepTheirInstancesAndDerivedValues()
    {
        var (home, list) = await _cms.CreateSiteAsync();
        var about = await PublishedPageAsync(home, "Giới thiệu");
        var contact = await PublishedPageAsync(home, "Liên hệ");
        var before = _cms.Snapshot;
        var renders = 0;
        string Render(PublishedContent page) => page.GetOrAddDerived("html:body:vi", () => $"<p>{page.Value("body", "vi")}</p> {++renders}");
        var rendered = Render(before.Get(contact)!);

        await using (var scope = _cms.NewContentService())
        {
            var edit = new ContentBuilder().WithName("Giới thiệu").WithMandatoryValues().WithValue("body", "Nội dung mới.").Build();
            Assert.True((await scope.Content.SaveAndPublishAsync(about, edit, User)).Success);
        }

        var after = _cms.Snapshot;
        Assert.Equal("Nội dung mới.", after.Get(about)!.Value("body", "vi"));
        Assert.NotSame(before.Get(about), after.Get(about));
        foreach (var unchanged in new[] { home, list, contact })
        {
            Assert.Same(before.Get(unchanged), after.Get(unchanged));
        }

        Assert.Equal(rendered, Render(after.Get(contact)!));
        Assert.Equal(1, renders);
        await FullRebuildComparison.AssertEqualsFullRebuildAsync(Service, before, after);
    }

    [Fact]
    public async Task SortAsync_Siblings_NewOrderWithUrlsUnchanged()
    {
        var (home, list) = await _cms.CreateSiteAsync();
        var about = await PublishedPageAsync(home, "Giới thiệu");
        var contact = await PublishedPageAsync(home, "Liên hệ");
        var before = _cms.Snapshot;

        await using (var scope = _cms.NewContentService())
        {
            Assert.True((await scope.Content.SortAsync(home, [contact, about, list], User)).Success);
        }

        var after = _cms.Snapshot;
        Assert.Equal([contact, about, list], after.Children(after.Get(home)!).Select(c => c.Key));
        Assert.Equal("/lien-he/", after.Get(contact)!.Url("vi"));
        Assert.Same(before.Get(home), after.Get(home));
        await FullRebuildComparison.AssertEqualsFullRebuildAsync(Service, before, after);
    }

    [Fact]
    public async Task MoveToRecycleBinAsync_PublishedSubtree_LeavesTheSnapshotAndRenameBackIsNotRedirected()
    {
        var (home, _) = await _cms.CreateSiteAsync();
        var about = await PublishedPageAsync(home, "Giới thiệu");
        await PublishedPageAsync(about, "Đội ngũ");
        var contact = await PublishedPageAsync(home, "Liên hệ");
        await using var scope = _cms.NewContentService();
        Assert.True((await scope.Content.SaveAndPublishAsync(contact, Page("Hỏi đáp").Build(), User)).Success);
        Assert.Equal(contact, _cms.Snapshot.GetRedirectTarget("vi", "/lien-he/")?.Key);
        var before = _cms.Snapshot;

        Assert.True((await scope.Content.MoveToRecycleBinAsync(about, User)).Success);
        var trashed = _cms.Snapshot;
        Assert.Null(trashed.GetByUrl("vi", "/gioi-thieu/doi-ngu/"));
        Assert.Single(trashed.Children(trashed.Get(home)!), c => c.Key != contact);
        await FullRebuildComparison.AssertEqualsFullRebuildAsync(Service, before, trashed);

        // The old URL is live again: it must not send visitors to the new one.
        Assert.True((await scope.Content.SaveAndPublishAsync(contact, Page("Liên hệ").Build(), User)).Success);
        var renamedBack = _cms.Snapshot;
        Assert.Null(renamedBack.GetRedirectTarget("vi", "/lien-he/"));
        Assert.Equal(contact, renamedBack.GetRedirectTarget("vi", "/hoi-dap/")?.Key);
        await FullRebuildComparison.AssertEqualsFullRebuildAsync(Service, trashed, renamedBack);
    }

    private static ContentBuilder Page(string name) => new ContentBuilder().WithName(name).WithMandatoryValues();

    private async Task<Guid> PublishedPageAsync(Guid parent, string name)
    {
        await using var scope = _cms.NewContentService();
        var created = await scope.Content.CreateAndPublishAsync(parent, "textPage", Page(name).Build(), User);
        Assert.True(created.Success, created.Status.ToString());
        return created.Result!.Content!.Key;
    }
}
