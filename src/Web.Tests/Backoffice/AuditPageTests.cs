using System.Net;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;

namespace ChildProtection.Web.Tests.Backoffice;

[Collection(SiteCollection.Name)]
public sealed class AuditPageTests(SiteFactory site)
{
    [Fact]
    public async Task Editor_FiltersTheLogByUserPageAndDate()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Editor);
        var created = await site.CreateLeafletAsync("Tờ gấp cho nhật ký", "Nội dung.", email);
        using var editor = new StaffClient(site);
        await editor.SignInAsync(email);

        var (response, page) = await editor.Http.GetPageAsync($"/backoffice/nhat-ky?nguoi-dung={Uri.EscapeDataString(email)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = Assert.Single(page.QuerySelectorAll(".audit tbody tr"));
        Assert.Contains("Tạo mới", row.TextContent);
        Assert.Contains("Tờ gấp cho nhật ký", row.TextContent);

        var (_, byPage) = await editor.Http.GetPageAsync($"/backoffice/nhat-ky?trang-noi-dung={created}");
        Assert.Single(byPage.QuerySelectorAll(".audit tbody tr"));

        var yesterday = DateTime.UtcNow.AddHours(7).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (_, old) = await editor.Http.GetPageAsync($"/backoffice/nhat-ky?nguoi-dung={Uri.EscapeDataString(email)}&den-ngay={yesterday}");
        Assert.Empty(old.QuerySelectorAll(".audit tbody tr"));
    }

    [Fact]
    public async Task Writer_IsRefused()
    {
        using var writer = new StaffClient(site);
        await writer.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.Writer));

        Assert.Equal(HttpStatusCode.Forbidden, (await writer.Http.GetAsync("/backoffice/nhat-ky")).StatusCode);
    }
}
