using System.Net;
using ChildProtection.Cms.Content;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;

namespace ChildProtection.Web.Tests.Backoffice;

[Collection(SiteCollection.Name)]
public sealed class HistoryPageTests(SiteFactory site)
{
    [Fact]
    public async Task Editor_SeesWhatChangedAndRollsBack()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Editor);
        var key = await site.CreateLeafletAsync("Tờ gấp có lịch sử", "Dòng giữ nguyên.\n\nGọi 111 khi cần.", email);
        var first = (await site.WithContentServiceAsync(content => content.GetAsync(key)))!;
        await site.WithContentServiceAsync(content => content.SaveAsync(key, new ContentEdit(first.Names,
            first.Values.Select(v => v.Alias == "body" ? v with { Value = "Dòng giữ nguyên.\n\nGọi 111 hoặc 18008079 khi cần." } : v).ToList()), email));
        using var editor = new StaffClient(site);
        await editor.SignInAsync(email);

        var (response, page) = await editor.Http.GetPageAsync($"/backoffice/noi-dung/{key}/lich-su");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, page.QuerySelectorAll(".versions tbody tr").Length);
        Assert.Contains("Gọi 111 khi cần.", page.QuerySelector(".diff .del")!.TextContent);
        Assert.Contains("Gọi 111 hoặc 18008079 khi cần.", page.QuerySelector(".diff .ins")!.TextContent);

        var rollback = page.QuerySelector(".versions form")!.GetAttribute("action")!;
        var rolledBack = await editor.PostFormAsync($"/backoffice/noi-dung/{key}/lich-su", rollback, []);
        Assert.Contains("Đã tạo bản nháp mới", await rolledBack.Content.ReadAsStringAsync());
        var current = (await site.WithContentServiceAsync(content => content.GetAsync(key)))!;
        Assert.Equal("Dòng giữ nguyên.\n\nGọi 111 khi cần.", current.GetValue("body", "vi"));
    }
}
