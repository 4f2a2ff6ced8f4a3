using ChildProtection.Cms.Content;
using ChildProtection.Cms.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Cms.Tests.Content;

/// <summary>The content engine's operations, run against each database provider by the subclasses below.</summary>
public abstract class ContentServiceTests(TestDatabase database) : IAsyncLifetime
{
    private const string User = CmsFixture.Editor;
    private CmsFixture _cms = null!;

    public async Task InitializeAsync() => _cms = await CmsFixture.StartAsync(database);

    public async Task DisposeAsync() => await _cms.DisposeAsync();

    [Fact]
    public async Task PublishAsync_LeafletUnderPublishedList_IsServedAtItsSlugUrl()
    {
        var (home, list) = await _cms.CreateSiteAsync();
        var leaflet = await _cms.CreateAsync(list, new ContentBuilder().WithType("leaflet").WithName("Nhận biết xâm hại trẻ em").WithMandatoryValues());

        await using var scope = _cms.NewContentService();
        Assert.True((await scope.Content.PublishAsync(leaflet, User)).Success);

        var published = _cms.Snapshot.GetByUrl("vi", "/to-gap/nhan-biet-xam-hai-tre-em/");
        Assert.NotNull(published);
        Assert.Equal("Nhận biết xâm hại trẻ em", published.Name("vi"));
        Assert.Equal(home, _cms.Snapshot.Roots.Single().Key);
        Assert.Equal("/", _cms.Snapshot.Get(home)!.Url("vi"));
    }

    [Fact]
    public async Task SaveAsync_DraftAfterPublish_PublicSeesPublishedVersionUntilNextPublish()
    {
        var (_, list) = await _cms.CreateSiteAsync();
        var leaflet = await _cms.CreateAsync(list, new ContentBuilder().WithType("leaflet").WithName("Tờ gấp").WithMandatoryValues().WithValue("summary", "Bản đầu"));
        await using var scope = _cms.NewContentService();
        await scope.Content.PublishAsync(leaflet, User);

        var saved = await scope.Content.SaveAsync(leaflet, new ContentBuilder().WithType("leaflet").WithName("Tờ gấp").WithMandatoryValues().WithValue("summary", "Bản nháp mới").Build(), User);

        Assert.True(saved.Success);
        Assert.True(saved.Result!.Content!.HasUnpublishedChanges);
        Assert.Equal("Bản đầu", _cms.Snapshot.Get(leaflet)!.Value("summary", "vi"));
        await scope.Content.PublishAsync(leaflet, User);
        Assert.Equal("Bản nháp mới", _cms.Snapshot.Get(leaflet)!.Value("summary", "vi"));
    }

    [Fact]
    public async Task CreateAsync_DraftNeverPublished_IsNotInSnapshot()
    {
        var (_, list) = await _cms.CreateSiteAsync();

        var draft = await _cms.CreateAsync(list, new ContentBuilder().WithType("leaflet").WithName("Bản nháp").WithMandatoryValues());

        Assert.Null(_cms.Snapshot.Get(draft));
        Assert.Null(_cms.Snapshot.GetByUrl("vi", "/to-gap/ban-nhap/"));
    }

    [Fact]
    public async Task UnpublishAsync_PublishedLeaflet_LeavesSnapshotButKeepsContent()
    {
        var (_, list) = await _cms.CreateSiteAsync();
        var leaflet = await _cms.CreateAsync(list, new ContentBuilder().WithType("leaflet").WithName("Tờ gấp").WithMandatoryValues());
        await using var scope = _cms.NewContentService();
        await scope.Content.PublishAsync(leaflet, User);

        var result = await scope.Content.UnpublishAsync(leaflet, User);

        Assert.True(result.Success);
        Assert.Null(_cms.Snapshot.Get(leaflet));
        Assert.NotNull(await scope.Content.GetAsync(leaflet));
    }

    [Fact]
    public async Task PublishAsync_ParentNotPublished_IsRefused()
    {
        await using var scope = _cms.NewContentService();
        var home = (await scope.Content.CreateAsync(null, "home", new ContentBuilder().WithType("home").WithName("Trang chủ").WithMandatoryValues().Build(), User)).Result!.Content!.Key;
        var list = (await scope.Content.CreateAsync(home, "leafletList", new ContentBuilder().WithType("leafletList").WithName("Tờ gấp").Build(), User)).Result!.Content!.Key;

        var result = await scope.Content.PublishAsync(list, User);

        Assert.Equal(ContentOperationStatus.ParentNotPublished, result.Status);
    }

    [Fact]
    public async Task CreateAsync_TypeNotAllowedThere_IsRefused()
    {
        var (home, list) = await _cms.CreateSiteAsync();
        await using var scope = _cms.NewContentService();

        var atRoot = await scope.Content.CreateAsync(null, "leaflet", new ContentBuilder().WithType("leaflet").WithMandatoryValues().Build(), User);
        var underList = await scope.Content.CreateAsync(list, "newsArticle", new ContentBuilder().WithType("newsArticle").WithMandatoryValues().Build(), User);
        var unknown = await scope.Content.CreateAsync(home, "nope", new ContentBuilder().Build(), User);

        Assert.Equal(ContentOperationStatus.NotAllowedAtRoot, atRoot.Status);
        Assert.Equal(ContentOperationStatus.NotAllowedUnderParent, underList.Status);
        Assert.Equal(ContentOperationStatus.UnknownContentType, unknown.Status);
    }

    [Fact]
    public async Task CreateAsync_SameNameAsSibling_GetsSuffixedSegment()
    {
        var (_, list) = await _cms.CreateSiteAsync();

        var first = await _cms.CreateAsync(list, new ContentBuilder().WithType("leaflet").WithName("An toàn trên mạng").WithMandatoryValues());
        var second = await _cms.CreateAsync(list, new ContentBuilder().WithType("leaflet").WithName("An toàn trên mạng").WithMandatoryValues());

        await using var scope = _cms.NewContentService();
        Assert.Equal("an-toan-tren-mang", (await scope.Content.GetAsync(first))!.UrlSegments["vi"]);
        Assert.Equal("an-toan-tren-mang-1", (await scope.Content.GetAsync(second))!.UrlSegments["vi"]);
    }

    [Fact]
    public async Task SaveAsync_NameKept_KeepsItsSegment_ANewNameTakesTheFirstFreeOne()
    {
        var (_, list) = await _cms.CreateSiteAsync();
        ContentBuilder Leaflet(string name) => new ContentBuilder().WithType("leaflet").WithName(name).WithMandatoryValues();
        var first = await _cms.CreateAsync(list, Leaflet("An toàn trên mạng"));
        var second = await _cms.CreateAsync(list, Leaflet("An toàn trên mạng"));
        var third = await _cms.CreateAsync(list, Leaflet("Phòng chống đuối nước"));
        await using var scope = _cms.NewContentService();
        Assert.True((await scope.Content.MoveToRecycleBinAsync(first, User)).Success);

        // Its page address does not move because a sibling left: only a new name makes a new segment.
        Assert.True((await scope.Content.SaveAsync(second, Leaflet("An toàn trên mạng").WithValue("summary", "Bản sửa").Build(), User)).Success);
        Assert.Equal("an-toan-tren-mang-1", (await scope.Content.GetAsync(second))!.UrlSegments["vi"]);

        Assert.True((await scope.Content.SaveAsync(second, Leaflet("An toàn trên mạng cho trẻ").Build(), User)).Success);
        Assert.True((await scope.Content.SaveAsync(third, Leaflet("An toàn trên mạng").Build(), User)).Success);
        Assert.Equal("an-toan-tren-mang-cho-tre", (await scope.Content.GetAsync(second))!.UrlSegments["vi"]);
        Assert.Equal("an-toan-tren-mang", (await scope.Content.GetAsync(third))!.UrlSegments["vi"]);

        Assert.True((await scope.Content.SaveAsync(third, Leaflet("An toàn trên mạng cho trẻ").Build(), User)).Success);
        Assert.Equal("an-toan-tren-mang-cho-tre-1", (await scope.Content.GetAsync(third))!.UrlSegments["vi"]);
    }

    [Fact]
    public async Task SaveAsync_BrokenRules_ReturnsErrorPerPropertyAndKeepsStoredContent()
    {
        var (_, list) = await _cms.CreateSiteAsync();
        var leaflet = await _cms.CreateAsync(list, new ContentBuilder().WithType("leaflet").WithName("Tờ gấp").WithMandatoryValues().WithValue("summary", "Tóm tắt đúng"));
        await using var scope = _cms.NewContentService();
        var before = await scope.Content.GetAsync(leaflet);

        var result = await scope.Content.SaveAsync(leaflet, new ContentBuilder().WithType("leaflet").WithName("Tờ gấp").WithMandatoryValues()
            .WithValue("summary", new string('a', 501))
            .WithValue("body", "")
            .WithValue("audience", "[\"Người ngoài hành tinh\"]", null)
            .WithValue("relatedLinks", "[]")
            .Build(), User);

        Assert.Equal(ContentOperationStatus.ValidationFailed, result.Status);
        Assert.Contains(result.Result!.ValidationErrors, e => e.Alias == "summary" && e.Culture == "vi" && e.Message.Contains("500"));
        Assert.Contains(result.Result!.ValidationErrors, e => e.Alias == "body" && e.Culture == "vi");
        Assert.Contains(result.Result!.ValidationErrors, e => e.Alias == "audience" && e.Message.Contains("Người ngoài hành tinh"));
        Assert.Contains(result.Result!.ValidationErrors, e => e.Alias == "relatedLinks" && e.Message.Contains("relatedLinks"));
        var after = await scope.Content.GetAsync(leaflet);
        Assert.Equal(before!.CurrentVersionId, after!.CurrentVersionId);
        Assert.Equal("Tóm tắt đúng", after.GetValue("summary", "vi"));
        Assert.Single(await scope.Content.GetVersionsAsync(leaflet));
    }

    [Fact]
    public async Task SaveAsync_EnglishNameWithoutEnglishMandatoryValues_ReportsEnglishErrors()
    {
        var (_, list) = await _cms.CreateSiteAsync();
        var leaflet = await _cms.CreateAsync(list, new ContentBuilder().WithType("leaflet").WithName("Tờ gấp").WithMandatoryValues());
        await using var scope = _cms.NewContentService();

        var result = await scope.Content.SaveAsync(leaflet, new ContentBuilder().WithType("leaflet").WithName("Tờ gấp").WithMandatoryValues().WithName("Leaflet", "en").Build(), User);

        Assert.Equal(ContentOperationStatus.ValidationFailed, result.Status);
        Assert.Contains(result.Result!.ValidationErrors, e => e.Alias == "summary" && e.Culture == "en");
        Assert.DoesNotContain(result.Result!.ValidationErrors, e => e.Culture == "vi");
    }

    [Fact]
    public async Task MoveAsync_PublishedLeafletToAnotherList_ChangesUrlAndRecordsRedirect()
    {
        var (home, list) = await _cms.CreateSiteAsync();
        await using var scope = _cms.NewContentService();
        var second = (await scope.Content.CreateAsync(home, "leafletList", new ContentBuilder().WithType("leafletList").WithName("Tài liệu").Build(), User)).Result!.Content!.Key;
        await scope.Content.PublishAsync(second, User);
        var leaflet = await _cms.CreateAsync(list, new ContentBuilder().WithType("leaflet").WithName("Tờ gấp").WithMandatoryValues());
        await scope.Content.PublishAsync(leaflet, User);

        var moved = await scope.Content.MoveAsync(leaflet, second, User);

        Assert.True(moved.Success);
        Assert.Equal("/tai-lieu/to-gap/", _cms.Snapshot.Get(leaflet)!.Url("vi"));
        Assert.Equal(leaflet, _cms.Snapshot.GetRedirectTarget("vi", "/to-gap/to-gap/")!.Key);
        Assert.Equal(ContentOperationStatus.CannotMoveIntoOwnSubtree, (await scope.Content.MoveAsync(home, list, User)).Status);
    }

    [Fact]
    public async Task SaveAndPublish_RenamedPage_OldUrlRedirectsToNew()
    {
        var (_, list) = await _cms.CreateSiteAsync();
        var leaflet = await _cms.CreateAsync(list, new ContentBuilder().WithType("leaflet").WithName("Tên cũ").WithMandatoryValues());
        await using var scope = _cms.NewContentService();
        await scope.Content.PublishAsync(leaflet, User);

        await scope.Content.SaveAsync(leaflet, new ContentBuilder().WithType("leaflet").WithName("Tên mới").WithMandatoryValues().Build(), User);
        await scope.Content.PublishAsync(leaflet, User);

        Assert.Equal("/to-gap/ten-moi/", _cms.Snapshot.Get(leaflet)!.Url("vi"));
        Assert.Equal(leaflet, _cms.Snapshot.GetRedirectTarget("vi", "/to-gap/ten-cu/")!.Key);
        Assert.Null(_cms.Snapshot.GetByUrl("vi", "/to-gap/ten-cu/"));
    }

    [Fact]
    public async Task CopyAsync_PublishedLeaflet_CreatesUnpublishedDraftWithNewKey()
    {
        var (_, list) = await _cms.CreateSiteAsync();
        var leaflet = await _cms.CreateAsync(list, new ContentBuilder().WithType("leaflet").WithName("Tờ gấp").WithMandatoryValues().WithValue("summary", "Giữ nguyên"));
        await using var scope = _cms.NewContentService();
        await scope.Content.PublishAsync(leaflet, User);

        var copy = await scope.Content.CopyAsync(leaflet, list, User);

        Assert.True(copy.Success);
        Assert.NotEqual(leaflet, copy.Result!.Key);
        Assert.False(copy.Result.Published);
        Assert.Equal("Giữ nguyên", copy.Result.GetValue("summary", "vi"));
        Assert.Equal("to-gap-1", copy.Result.UrlSegments["vi"]);
    }

    [Fact]
    public async Task SortAsync_NewOrder_IsReflectedInSnapshotChildren()
    {
        var (_, list) = await _cms.CreateSiteAsync();
        var keys = new List<Guid>();
        await using var scope = _cms.NewContentService();
        foreach (var name in new[] { "Một", "Hai", "Ba" })
        {
            var key = await _cms.CreateAsync(list, new ContentBuilder().WithType("leaflet").WithName(name).WithMandatoryValues());
            await scope.Content.PublishAsync(key, User);
            keys.Add(key);
        }

        var result = await scope.Content.SortAsync(list, [keys[2], keys[0], keys[1]], User);

        Assert.True(result.Success);
        var children = _cms.Snapshot.Children(_cms.Snapshot.Get(list)!).Select(c => c.Name("vi"));
        Assert.Equal(["Ba", "Một", "Hai"], children);
        Assert.Equal(ContentOperationStatus.InvalidSortKeys, (await scope.Content.SortAsync(list, [keys[0]], User)).Status);
    }

    [Fact]
    public async Task MoveToRecycleBinAndRestore_Subtree_LeavesPublicAndComesBackUnpublished()
    {
        var (home, list) = await _cms.CreateSiteAsync();
        var leaflet = await _cms.CreateAsync(list, new ContentBuilder().WithType("leaflet").WithName("Tờ gấp").WithMandatoryValues());
        await using var scope = _cms.NewContentService();
        await scope.Content.PublishAsync(leaflet, User);

        var trashed = await scope.Content.MoveToRecycleBinAsync(list, User);

        Assert.True(trashed.Success);
        Assert.Null(_cms.Snapshot.Get(list));
        Assert.Null(_cms.Snapshot.Get(leaflet));
        Assert.Contains(await scope.Content.GetRecycleBinAsync(), d => d.Key == list);
        Assert.DoesNotContain(await scope.Content.GetChildrenAsync(home), d => d.Key == list);

        var restored = await scope.Content.RestoreAsync(list, User);

        Assert.True(restored.Success);
        Assert.False(restored.Result!.Trashed);
        Assert.False(restored.Result.Published);
        Assert.Contains(await scope.Content.GetChildrenAsync(home), d => d.Key == list);
        Assert.Equal(ContentOperationStatus.NotInRecycleBin, (await scope.Content.RestoreAsync(list, User)).Status);
    }

    [Fact]
    public async Task EmptyRecycleBinAsync_TrashedSubtree_IsDeletedForGood()
    {
        var (_, list) = await _cms.CreateSiteAsync();
        var leaflet = await _cms.CreateAsync(list, new ContentBuilder().WithType("leaflet").WithName("Tờ gấp").WithMandatoryValues());
        await using var scope = _cms.NewContentService();
        await scope.Content.MoveToRecycleBinAsync(list, User);

        var deleted = await scope.Content.EmptyRecycleBinAsync(User);

        Assert.Equal(2, deleted);
        Assert.Null(await scope.Content.GetAsync(leaflet));
        Assert.False(await scope.Db.Versions.AnyAsync(v => v.Values.Any(x => x.Value == "Tóm tắt tờ gấp.")));
    }

    [Fact]
    public async Task RollbackAsync_EarlierVersion_BecomesNewDraftAndCanBePublished()
    {
        var (_, list) = await _cms.CreateSiteAsync();
        var leaflet = await _cms.CreateAsync(list, new ContentBuilder().WithType("leaflet").WithName("Tờ gấp").WithMandatoryValues().WithValue("summary", "Phiên bản 1"));
        await using var scope = _cms.NewContentService();
        await scope.Content.PublishAsync(leaflet, User);
        await scope.Content.SaveAsync(leaflet, new ContentBuilder().WithType("leaflet").WithName("Tờ gấp").WithMandatoryValues().WithValue("summary", "Phiên bản 2").Build(), User);
        await scope.Content.PublishAsync(leaflet, User);
        var first = (await scope.Content.GetVersionsAsync(leaflet)).Last();

        var rolledBack = await scope.Content.RollbackAsync(leaflet, first.VersionId, User);

        Assert.True(rolledBack.Success);
        Assert.Equal("Phiên bản 1", rolledBack.Result!.GetValue("summary", "vi"));
        Assert.Equal("Phiên bản 2", _cms.Snapshot.Get(leaflet)!.Value("summary", "vi"));
        await scope.Content.PublishAsync(leaflet, User);
        Assert.Equal("Phiên bản 1", _cms.Snapshot.Get(leaflet)!.Value("summary", "vi"));
        Assert.Equal(3, (await scope.Content.GetVersionsAsync(leaflet)).Count);
        Assert.Equal(ContentOperationStatus.VersionNotFound, (await scope.Content.RollbackAsync(leaflet, 999_999, User)).Status);
    }

    [Fact]
    public async Task EveryOperation_WritesAuditEntryWithUserAndAction()
    {
        var (_, list) = await _cms.CreateSiteAsync();
        var leaflet = await _cms.CreateAsync(list, new ContentBuilder().WithType("leaflet").WithName("Tờ gấp").WithMandatoryValues());
        await using var scope = _cms.NewContentService();
        await scope.Content.PublishAsync(leaflet, User);
        await scope.Content.UnpublishAsync(leaflet, User);
        await scope.Content.MoveToRecycleBinAsync(leaflet, User);
        await scope.Content.RestoreAsync(leaflet, User);

        var audit = await scope.Content.GetAuditAsync(nodeKey: leaflet);

        Assert.Equal(["Restore", "Trash", "Unpublish", "Publish", "Create"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(User, a.UserName));
    }

    [Fact]
    public async Task PublishAsync_EnglishVariant_IsServedUnderEnPrefix()
    {
        await using var scope = _cms.NewContentService();
        var home = (await scope.Content.CreateAsync(null, "home", new ContentBuilder().WithType("home").WithName("Trang chủ").WithName("Home", "en").WithMandatoryValues().Build(), User)).Result!.Content!.Key;
        await scope.Content.PublishAsync(home, User);
        var list = (await scope.Content.CreateAsync(home, "leafletList", new ContentBuilder().WithType("leafletList").WithName("Tờ gấp").WithName("Leaflets", "en").Build(), User)).Result!.Content!.Key;
        await scope.Content.PublishAsync(list, User);
        var viOnly = await _cms.CreateAsync(list, new ContentBuilder().WithType("leaflet").WithName("Chỉ tiếng Việt").WithMandatoryValues());
        await scope.Content.PublishAsync(viOnly, User);

        Assert.Equal("/en/", _cms.Snapshot.Get(home)!.Url("en"));
        Assert.Equal("/en/leaflets/", _cms.Snapshot.Get(list)!.Url("en"));
        Assert.Equal(list, _cms.Snapshot.GetByUrl("en", "/en/leaflets")!.Key);
        Assert.Null(_cms.Snapshot.Get(viOnly)!.Url("en"));
    }
}

public sealed class SqliteContentServiceTests() : ContentServiceTests(TestDatabase.Sqlite);

public sealed class PostgresContentServiceTests() : ContentServiceTests(TestDatabase.PostgreSql);
