using System.Net;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;

namespace ChildProtection.Web.Tests.Backoffice;

[Collection(SiteCollection.Name)]
public sealed class RedirectsPageTests(SiteFactory site)
{
    [Fact]
    public async Task Editor_AddsAndRemovesARedirect()
    {
        using var editor = new StaffClient(site);
        await editor.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.Editor));
        var leaflet = site.Snapshot.All.First(c => c.ContentTypeAlias == "leaflet" && c.HasCulture("vi")).Url("vi")!;
        var old = $"/to-gap-cu-{Guid.NewGuid():n}/";
        using var visitor = site.CreateServerClient();

        var added = await editor.PostFormAsync("/backoffice/chuyen-huong", "/backoffice/chuyen-huong/them", new() { ["oldUrl"] = old, ["newUrl"] = $"{site.ServerAddress}{leaflet}" });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var moved = await visitor.GetAsync(old);
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal(leaflet, moved.Headers.Location!.OriginalString);

        var page = Html.Parse(await added.Content.ReadAsStringAsync());
        var action = page.QuerySelectorAll(".redirects tbody tr").First(tr => tr.TextContent.Contains(old)).QuerySelector("form")!.GetAttribute("action")!;
        await editor.PostFormAsync("/backoffice/chuyen-huong", action, []);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(old)).StatusCode);
    }

    [Fact]
    public async Task Editor_CannotHideALivePage()
    {
        using var editor = new StaffClient(site);
        await editor.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.Editor));

        var response = await editor.PostFormAsync("/backoffice/chuyen-huong", "/backoffice/chuyen-huong/them", new() { ["oldUrl"] = "/tin-tuc/", ["newUrl"] = "/" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("vẫn đang là một trang đang xuất bản", await response.Content.ReadAsStringAsync());
    }
}
