using System.Net;
using System.Text.Json;
using ChildProtection.Cms.Schema;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Backoffice;

[Collection(SiteCollection.Name)]
public sealed class ContentApiTests(SiteFactory site)
{
    [Fact]
    public async Task Find_WriterTypingADraftsName_ListsItWithKeyNameTypeAndUrl()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Writer);
        var key = await site.CreateLeafletAsync("Bản nháp chọn trang phao cứu sinh", "Mặc phao cứu sinh khi đi thuyền.", email);
        using var writer = new StaffClient(site);
        await writer.SignInAsync(email);

        var response = await writer.Http.GetAsync("/backoffice/noi-dung/tim?q=phao+cuu+si");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var hits = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var hit = Assert.Single(hits.RootElement.EnumerateArray(), h => h.GetProperty("key").GetGuid() == key);
        Assert.Equal("Bản nháp chọn trang phao cứu sinh", hit.GetProperty("name").GetString());
        Assert.Equal(site.Services.GetRequiredService<ContentSchema>().Find("leaflet")!.Name, hit.GetProperty("type").GetString());
        Assert.True(hit.TryGetProperty("url", out _), "Every hit carries its address, null for a page never published.");
    }

    [Fact]
    public async Task Find_AdministratorWithoutTwoFactor_SentToSetItUpAsByTheSectionsPages()
    {
        using var admin = new StaffClient(site);
        await admin.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.Administrator));

        var page = await admin.Http.GetAsync("/backoffice/noi-dung");
        var search = await admin.Http.GetAsync("/backoffice/noi-dung/tim?q=phao");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/backoffice/bao-mat", page.Headers.Location!.OriginalString);
        Assert.Equal(page.StatusCode, search.StatusCode);
        Assert.Equal(page.Headers.Location, search.Headers.Location);
        Assert.Empty(await search.Content.ReadAsByteArrayAsync());
    }
}
