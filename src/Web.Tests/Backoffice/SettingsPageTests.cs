using System.Net;
using ChildProtection.Web.Tests.Infrastructure;

namespace ChildProtection.Web.Tests.Backoffice;

[Collection(SiteCollection.Name)]
public sealed class SettingsPageTests(SiteFactory site)
{
    [Fact]
    public async Task Administrator_ChangesTheHotline_PublicPagesShowItAtOnce()
    {
        using var admin = new StaffClient(site);
        await admin.SignInAsAdministratorAsync();
        using var visitor = site.CreateServerClient();
        var (_, before) = await visitor.GetPageAsync("/");
        var oldHotline = before.QuerySelector(".hotline-unit strong")!.TextContent;

        try
        {
            var saved = await admin.PostFormAsync("/backoffice/cai-dat", "/backoffice/cai-dat", new() { ["UnitName"] = "Sở Giáo dục và Đào tạo thử", ["UnitHotline"] = "0236 123 456" });
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

            var (_, after) = await visitor.GetPageAsync("/");
            Assert.Equal("0236123456", after.QuerySelector(".hotline-unit strong")!.TextContent);
            Assert.Equal("tel:0236123456", after.QuerySelector(".hotline-unit")!.GetAttribute("href"));
            Assert.Contains("Sở Giáo dục và Đào tạo thử", after.QuerySelector(".site-name")!.TextContent);
            Assert.NotNull(after.QuerySelector("a[href='tel:111']"));
        }
        finally
        {
            await admin.PostFormAsync("/backoffice/cai-dat", "/backoffice/cai-dat", new() { ["UnitName"] = before.QuerySelector(".site-name small")!.TextContent, ["UnitHotline"] = oldHotline });
        }
    }

    [Fact]
    public async Task BadHotline_RefusedInVietnameseAndNothingChanges()
    {
        using var admin = new StaffClient(site);
        await admin.SignInAsAdministratorAsync();

        var response = await admin.PostFormAsync("/backoffice/cai-dat", "/backoffice/cai-dat", new() { ["UnitName"] = "Đơn vị", ["UnitHotline"] = "gọi-ngay" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("từ 3 đến 15 chữ số", await response.Content.ReadAsStringAsync());
        using var visitor = site.CreateServerClient();
        var (_, page) = await visitor.GetPageAsync("/");
        Assert.DoesNotContain("gọi-ngay", page.QuerySelector(".hotline-bar")!.TextContent);
    }
}
