using System.Net;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;

namespace ChildProtection.Web.Tests.Backoffice;

[Collection(SiteCollection.Name)]
public sealed class RecycleBinPageTests(SiteFactory site)
{
    [Fact]
    public async Task Editor_RestoresATrashedPageThenEmptiesTheBin()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Editor);
        var key = await site.CreateLeafletAsync($"Tờ gấp thùng rác {Guid.NewGuid():N}"[..30], "Nội dung.", email);
        await site.WithContentServiceAsync(content => content.PublishAsync(key, email));
        var url = site.Snapshot.Get(key)!.Url("vi")!;
        await site.WithContentServiceAsync(content => content.MoveToRecycleBinAsync(key, email));
        using var visitor = site.CreateServerClient();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(url)).StatusCode);
        using var editor = new StaffClient(site);
        await editor.SignInAsync(email);

        var restored = await editor.PostFormAsync("/backoffice/thung-rac", $"/backoffice/thung-rac/{key}/khoi-phuc", []);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.Contains("Đã khôi phục", await restored.Content.ReadAsStringAsync());
        // As in Umbraco, the bin unpublishes: the page comes back as a draft until someone publishes it again.
        var back = (await site.WithContentServiceAsync(content => content.GetAsync(key)))!;
        Assert.False(back.Trashed);
        Assert.False(back.Published);
        await site.WithContentServiceAsync(content => content.PublishAsync(key, email));
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(url)).StatusCode);

        await site.WithContentServiceAsync(content => content.MoveToRecycleBinAsync(key, email));
        var emptied = await editor.PostFormAsync("/backoffice/thung-rac", "/backoffice/thung-rac/don-sach", []);
        Assert.Contains("Đã xóa hẳn", await emptied.Content.ReadAsStringAsync());
        Assert.Null(await site.WithContentServiceAsync(content => content.GetAsync(key)));
    }
}
