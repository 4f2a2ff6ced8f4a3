using System.Net;
using ChildProtection.Cms.Content;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Backoffice;

/// <summary>
/// An editor's "Lưu và xuất bản" is one commit (save, publish, the approval request closed), and a request for approval
/// commits with its e-mails to the editors (issue 17). A later step is made to fail for real (the database refuses the
/// test's own rows), and nothing of the earlier steps may be left.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class ContentReviewTransactionTests(SiteFactory site)
{
    private Guid NewsList => site.Snapshot.All.First(c => c.ContentTypeAlias == "newsList").Key;

    private string CreatePage => $"/backoffice/noi-dung/tao?cha={NewsList}&loai=newsArticle";

    private static Dictionary<string, string> Article(string name, string then) => new()
    {
        ["ten"] = name,
        ["p.summary"] = "Tóm tắt bản tin.",
        ["p.publishDate"] = "2026-06-01T08:30",
        ["p.body"] = "Nội dung bản tin. Gọi 111 khi cần.",
        ["sau-khi-luu"] = then,
    };

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
