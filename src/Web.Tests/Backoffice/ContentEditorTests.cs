using System.Net;
using ChildProtection.Cms.Content;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Backoffice;

[Collection(SiteCollection.Name)]
public sealed class ContentEditorTests(SiteFactory site)
{
    private Guid NewsList => site.Snapshot.All.First(c => c.ContentTypeAlias == "newsList").Key;

    private string CreatePage => $"/backoffice/noi-dung/tao?cha={NewsList}&loai=newsArticle";

    private static Dictionary<string, string> Article(string name, string then) => new()
    {
        ["ten"] = name,
        ["p.summary"] = "Tóm tắt bản tin về tập huấn.",
        ["p.publishDate"] = "2026-06-01T08:30",
        ["p.body"] = "Sáng nay, **150 giáo viên** được tập huấn. Gọi 111 khi cần.",
        ["p.tags"] = "tập huấn, giáo viên",
        ["sau-khi-luu"] = then,
    };

    [Fact]
    public async Task Writer_SendsForApproval_EditorRejectsWithComment_ThenPublishes()
    {
        var writerEmail = await StaffClient.CreateUserAsync(site, StaffRoles.Writer);
        var editorEmail = await StaffClient.CreateUserAsync(site, StaffRoles.Editor);
        using var writer = new StaffClient(site);
        await writer.SignInAsync(writerEmail);

        var (form, page) = await writer.Http.GetPageAsync(CreatePage);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.NotNull(page.QuerySelector("textarea[name='p.body'][data-markdown-preview]"));
        Assert.NotNull(page.QuerySelector("input[type=datetime-local][name='p.publishDate']"));
        Assert.Null(page.QuerySelector("button[value=xuat-ban]"));

        var sent = await writer.PostFormAsync(CreatePage, CreatePage, Article("Tập huấn giáo viên về kỷ luật tích cực", "gui-duyet"));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var key = Guid.Parse(sent.Headers.Location!.OriginalString.Split('/', '?')[3]);
        var saved = (await site.WithContentServiceAsync(c => c.GetAsync(key)))!;
        Assert.False(saved.Published);
        Assert.Equal("2026-06-01T01:30:00Z", saved.GetValue("publishDate"));
        Assert.Equal("[\"tập huấn\",\"giáo viên\"]", saved.GetValue("tags", "vi"));
        var request = Assert.Single(await SmtpSink.WaitForAsync(editorEmail));
        Assert.Equal("Bài chờ duyệt: Tập huấn giáo viên về kỷ luật tích cực", request.Subject);
        Assert.Contains($"/backoffice/noi-dung/{key}", request.TextBody);

        using var editor = new StaffClient(site);
        await editor.SignInAsync(editorEmail);
        var editorPage = $"/backoffice/noi-dung/{key}?ngon-ngu=vi";
        var (_, pending) = await editor.Http.GetPageAsync("/backoffice/noi-dung");
        Assert.Contains(pending.QuerySelectorAll(".approvals a"), a => a.GetAttribute("href") == $"/backoffice/noi-dung/{key}");

        var noComment = await editor.PostFormAsync(editorPage, $"/backoffice/noi-dung/{key}/tra-lai?ngon-ngu=vi", new() { ["nhan-xet"] = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noComment.StatusCode);
        Assert.Contains("Hãy ghi nhận xét", await noComment.Content.ReadAsStringAsync());
        var rejected = await editor.PostFormAsync(editorPage, $"/backoffice/noi-dung/{key}/tra-lai?ngon-ngu=vi", new() { ["nhan-xet"] = "Thêm địa điểm tập huấn." });
        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
        var told = Assert.Single(await SmtpSink.WaitForAsync(writerEmail));
        Assert.Contains("Thêm địa điểm tập huấn.", told.TextBody);
        var (_, writerView) = await writer.Http.GetPageAsync(editorPage);
        Assert.Equal("Thêm địa điểm tập huấn.", writerView.QuerySelector(".rejection-comment")!.TextContent);

        var resent = await writer.PostFormAsync(editorPage, editorPage, Article("Tập huấn giáo viên về kỷ luật tích cực tại Hà Giang", "gui-duyet"));
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        var published = await editor.PostFormAsync(editorPage, editorPage, Article("Tập huấn giáo viên về kỷ luật tích cực tại Hà Giang", "xuat-ban"));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        var url = site.Snapshot.Get(key)!.Url("vi")!;
        using var visitor = site.CreateServerClient();
        var (publicResponse, publicPage) = await visitor.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, publicResponse.StatusCode);
        Assert.Contains("150 giáo viên", publicPage.QuerySelector("main")!.TextContent);
        Assert.Contains("Tập huấn giáo viên về kỷ luật tích cực tại Hà Giang", await visitor.GetStringAsync("/rss.xml"));
        var approved = await SmtpSink.WaitForAsync(writerEmail, 2);
        Assert.Contains(approved, m => m.Subject == "Bài đã được xuất bản: Tập huấn giáo viên về kỷ luật tích cực tại Hà Giang");
    }

    [Fact]
    public async Task Writer_CraftedPublishOrUnpublish_IsRefusedAndNothingChanges()
    {
        var writerEmail = await StaffClient.CreateUserAsync(site, StaffRoles.Writer);
        var key = await site.CreateLeafletAsync("Tờ gấp người viết", "Nội dung nháp.", writerEmail);
        using var writer = new StaffClient(site);
        await writer.SignInAsync(writerEmail);
        var page = $"/backoffice/noi-dung/{key}?ngon-ngu=vi";
        var before = (await site.WithContentServiceAsync(c => c.GetVersionsAsync(key))).Count;

        var form = new Dictionary<string, string> { ["ten"] = "Tờ gấp người viết đã sửa", ["p.summary"] = "Tóm tắt.", ["p.body"] = "Mới.", ["p.audience"] = "Cộng đồng", ["sau-khi-luu"] = "xuat-ban" };
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.PostFormAsync(page, page, form)).StatusCode);
        var unpublish = await writer.PostWithPageTokenAsync(page, $"/backoffice/noi-dung/{key}/ngung-xuat-ban", []);
        Assert.Equal(HttpStatusCode.Forbidden, unpublish.StatusCode);

        var after = (await site.WithContentServiceAsync(c => c.GetAsync(key)))!;
        Assert.False(after.Published);
        Assert.Equal(before, (await site.WithContentServiceAsync(c => c.GetVersionsAsync(key))).Count);
    }

    [Fact]
    public async Task ValidationErrors_ShownInVietnameseBesideTheField_AndNothingSaved()
    {
        var writerEmail = await StaffClient.CreateUserAsync(site, StaffRoles.Writer);
        using var writer = new StaffClient(site);
        await writer.SignInAsync(writerEmail);
        var countBefore = site.Services.GetRequiredService<IServiceScopeFactory>().CreateScope().ServiceProvider
            .GetRequiredService<ChildProtection.Cms.Persistence.CmsDbContext>().Nodes.Count();

        var form = Article("", "luu");
        form["p.summary"] = "";
        form["p.publishDate"] = "không phải ngày";
        var response = await writer.PostFormAsync(CreatePage, CreatePage, form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Chưa lưu", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.NotNull(page.QuerySelector("#ten-error"));
        Assert.Equal("Vui lòng nhập tóm tắt.", page.QuerySelector("#p-summary-error")!.TextContent);
        Assert.NotNull(page.QuerySelector("#p-publishDate-error"));
        // What was typed is still there to correct.
        Assert.Contains("150 giáo viên", page.QuerySelector("textarea[name='p.body']")!.TextContent);
        var countAfter = site.Services.GetRequiredService<IServiceScopeFactory>().CreateScope().ServiceProvider
            .GetRequiredService<ChildProtection.Cms.Persistence.CmsDbContext>().Nodes.Count();
        Assert.Equal(countBefore, countAfter);
    }

    [Fact]
    public async Task Tree_LoadsChildrenOnDemand_AndEditorHasTabsAndCultureSwitch()
    {
        using var editor = new StaffClient(site);
        await editor.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.Editor));
        var home = site.Snapshot.Roots[0];

        var (_, tree) = await editor.Http.GetPageAsync("/backoffice/noi-dung");
        var root = tree.QuerySelector($".content-tree li[data-key='{home.Key}']")!;
        Assert.NotNull(root.QuerySelector(".tree-toggle"));
        Assert.Null(root.QuerySelector("ul"));
        var (children, fragment) = await editor.Http.GetPageAsync($"/backoffice/noi-dung/cay?ngon-ngu=vi&cha={home.Key}");
        Assert.Equal(HttpStatusCode.OK, children.StatusCode);
        Assert.Equal(site.Snapshot.Children(home).Count, fragment.QuerySelectorAll("li").Length);

        var (_, homeEditor) = await editor.Http.GetPageAsync($"/backoffice/noi-dung/{home.Key}?ngon-ngu=en");
        Assert.True(homeEditor.QuerySelectorAll("[role=tab]").Length >= 2);
        Assert.Equal("page", homeEditor.QuerySelector(".culture-switch a[href$='ngon-ngu=en']")!.GetAttribute("aria-current"));
        Assert.Equal(home.Name("en"), homeEditor.QuerySelector("#ten")!.GetAttribute("value"));
    }

    [Fact]
    public async Task EnglishTranslation_SavedWithoutTouchingTheVietnamese()
    {
        var editorEmail = await StaffClient.CreateUserAsync(site, StaffRoles.Editor);
        var key = await site.CreateLeafletAsync("Tờ gấp song ngữ", "Nội dung tiếng Việt.", editorEmail);
        using var editor = new StaffClient(site);
        await editor.SignInAsync(editorEmail);
        var page = $"/backoffice/noi-dung/{key}?ngon-ngu=en";

        var saved = await editor.PostFormAsync(page, page, new() { ["ten"] = "Bilingual leaflet", ["p.summary"] = "Summary.", ["p.body"] = "English text.", ["p.audience"] = "Cộng đồng", ["sau-khi-luu"] = "luu" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var document = (await site.WithContentServiceAsync(c => c.GetAsync(key)))!;
        Assert.Equal("Tờ gấp song ngữ", document.Names["vi"]);
        Assert.Equal("Bilingual leaflet", document.Names["en"]);
        Assert.Equal("Nội dung tiếng Việt.", document.GetValue("body", "vi"));
        Assert.Equal("English text.", document.GetValue("body", "en"));
    }

    [Fact]
    public async Task PreviewLink_ShowsTheDraftAsThePublicPage_AndATamperedLinkShowsNothing()
    {
        var editorEmail = await StaffClient.CreateUserAsync(site, StaffRoles.Writer);
        var key = await site.CreateLeafletAsync("Tờ gấp xem trước", "Đoạn chỉ có trong bản nháp.", editorEmail);
        using var writer = new StaffClient(site);
        await writer.SignInAsync(editorEmail);

        var link = await writer.Http.GetAsync($"/backoffice/noi-dung/{key}/xem-truoc?ngon-ngu=vi");
        Assert.Equal(HttpStatusCode.Redirect, link.StatusCode);
        var previewUrl = link.Headers.Location!.OriginalString;
        Assert.StartsWith("/xem-truoc/", previewUrl);

        using var reviewer = site.CreateServerClient();
        var (response, page) = await reviewer.GetPageAsync(previewUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Đoạn chỉ có trong bản nháp.", page.QuerySelector("main")!.TextContent);
        Assert.NotNull(page.QuerySelector(".preview-banner"));
        Assert.Contains("noindex", response.Headers.GetValues("X-Robots-Tag"));
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync(previewUrl[..^3] + "abc")).StatusCode);
        Assert.Null(site.Snapshot.Get(key));
    }

    [Fact]
    public async Task Editor_SortsCopiesMovesAndTrashes()
    {
        var editorEmail = await StaffClient.CreateUserAsync(site, StaffRoles.Editor);
        var list = site.Snapshot.All.First(c => c.ContentTypeAlias == "leafletList").Key;
        var first = await site.CreateLeafletAsync("Tờ gấp sắp xếp A", "A.", editorEmail);
        var second = await site.CreateLeafletAsync("Tờ gấp sắp xếp B", "B.", editorEmail);
        using var editor = new StaffClient(site);
        await editor.SignInAsync(editorEmail);

        var sortPage = $"/backoffice/noi-dung/sap-xep?cha={list}";
        var (_, sortForm) = await editor.Http.GetPageAsync(sortPage);
        var fields = sortForm.QuerySelectorAll(".sort-list input").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value")!);
        fields[$"vi-tri.{second}"] = "0";
        Assert.Equal(HttpStatusCode.OK, (await editor.PostFormAsync(sortPage, sortPage, fields)).StatusCode);
        var children = await site.WithContentServiceAsync(c => c.GetChildrenAsync(list));
        Assert.Equal(second, children[0].Key);

        var movePage = $"/backoffice/noi-dung/{first}/di-chuyen";
        var copied = await editor.PostWithPageTokenAsync(movePage, $"/backoffice/noi-dung/{first}/sao-chep", new() { ["cha"] = list.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, copied.StatusCode);
        Assert.Equal(2, (await site.WithContentServiceAsync(c => c.GetChildrenAsync(list))).Count(c => c.Names["vi"].StartsWith("Tờ gấp sắp xếp A", StringComparison.Ordinal)));

        var wrongPlace = await editor.PostFormAsync(movePage, movePage, new() { ["cha"] = site.Snapshot.All.First(c => c.ContentTypeAlias == "newsList").Key.ToString() });
        Assert.Equal(HttpStatusCode.BadRequest, wrongPlace.StatusCode);
        Assert.Contains("không được đặt dưới", await wrongPlace.Content.ReadAsStringAsync());

        var trashed = await editor.PostFormAsync($"/backoffice/noi-dung/{first}?ngon-ngu=vi", $"/backoffice/noi-dung/{first}/xoa", []);
        Assert.Equal(HttpStatusCode.Redirect, trashed.StatusCode);
        Assert.True((await site.WithContentServiceAsync(c => c.GetAsync(first)))!.Trashed);
    }

    [Fact]
    public async Task MarkdownPreview_RendersSanitisedHtml()
    {
        using var writer = new StaffClient(site);
        await writer.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.Writer));

        var response = await writer.PostWithPageTokenAsync(CreatePage, "/backoffice/noi-dung/xem-truoc-markdown", new() { ["markdown"] = "**Gọi 111**<script>alert(1)</script>" });

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<strong>Gọi 111</strong>", html);
        Assert.DoesNotContain("<script", html);
    }

    /// <summary>
    /// "Lưu và xuất bản" is one commit (save, publish, the approval request closed), and a request for approval commits
    /// with its e-mails to the editors (issue 17): a later step made to fail for real (the database refuses the test's
    /// own rows) leaves nothing of the earlier ones.
    /// </summary>
    [Fact]
    public async Task SaveAndPublish_ClosingTheApprovalRequestFails_NeitherTheSaveNorThePublishIsKept()
    {
        var (writerEmail, editorEmail) = (await StaffClient.CreateUserAsync(site, StaffRoles.Writer), await StaffClient.CreateUserAsync(site, StaffRoles.Editor));
        using var writer = new StaffClient(site);
        await writer.SignInAsync(writerEmail);
        var sent = await writer.PostFormAsync(CreatePage, CreatePage, Article("Bản tin chờ duyệt", "gui-duyet"));
        var key = Guid.Parse(sent.Headers.Location!.OriginalString.Split('/', '?')[3]);
        var versions = (await site.WithContentServiceAsync(c => c.GetVersionsAsync(key))).Count;
        await using var refusal = await RefusingTrigger.AddAsync(site, "cmsApprovalRequest", $"NEW.\"DecidedBy\" = '{editorEmail}' AND NEW.\"State\" = 'Approved'", "UPDATE");

        using var editor = new StaffClient(site);
        await editor.SignInAsync(editorEmail);
        var page = $"/backoffice/noi-dung/{key}?ngon-ngu=vi";
        var published = await editor.PostFormAsync(page, page, Article("Bản tin đã sửa khi xuất bản", "xuat-ban"));

        Assert.NotEqual(HttpStatusCode.Redirect, published.StatusCode);
        var after = (await site.WithContentServiceAsync(c => c.GetAsync(key)))!;
        Assert.False(after.Published);
        Assert.Equal("Bản tin chờ duyệt", after.Names["vi"]);
        Assert.Equal(versions, (await site.WithContentServiceAsync(c => c.GetVersionsAsync(key))).Count);
        Assert.Equal(ApprovalState.Pending, (await LatestRequestAsync(key))!.State);
        Assert.Null(site.Snapshot.Get(key));
    }

    [Fact]
    public async Task SendForApproval_AnEditorsEmailRefused_NoRequestIsKept_TheDraftIs()
    {
        var (writerEmail, editorEmail) = (await StaffClient.CreateUserAsync(site, StaffRoles.Writer), await StaffClient.CreateUserAsync(site, StaffRoles.Editor));
        // Every editor of the shared site is written to: the refusal must go once the test is done.
        await using var refusal = await RefusingTrigger.AddAsync(site, "emailOutbox", $"NEW.\"To\" = '{editorEmail}'");
        using var writer = new StaffClient(site);
        await writer.SignInAsync(writerEmail);
        var created = await writer.PostFormAsync(CreatePage, CreatePage, Article("Bản tin lưu nháp", "luu"));
        var key = Guid.Parse(created.Headers.Location!.OriginalString.Split('/', '?')[3]);

        var page = $"/backoffice/noi-dung/{key}?ngon-ngu=vi";
        var sent = await writer.PostFormAsync(page, page, Article("Bản tin gửi duyệt", "gui-duyet"));

        Assert.NotEqual(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Null(await LatestRequestAsync(key));
        // Saving the draft is a step of its own, done before the request: the writer's text is not lost.
        Assert.Equal("Bản tin gửi duyệt", (await site.WithContentServiceAsync(c => c.GetAsync(key)))!.Names["vi"]);
    }

    private async Task<ApprovalRequest?> LatestRequestAsync(Guid key)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ContentApprovals>().LatestAsync(key);
    }
}
