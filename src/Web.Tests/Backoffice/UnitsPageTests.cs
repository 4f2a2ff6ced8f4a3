using System.Net;
using System.Text;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;

namespace ChildProtection.Web.Tests.Backoffice;

[Collection(SiteCollection.Name)]
public sealed class UnitsPageTests(SiteFactory site)
{
    [Fact]
    public async Task TrainingManager_ImportsUnitsAndSeesTheTree()
    {
        using var staff = await SignedInAsync(StaffRoles.TrainingManager);
        var code = $"T{Guid.NewGuid():N}"[..10];
        var csv = $"ma,ten,loai,ma_cap_tren\n{code},Sở Giáo dục thử,sở,\n{code}-1,Trường THCS Thử,trường,{code}\n";

        var response = await staff.UploadAsync("/backoffice/don-vi", "/backoffice/don-vi/nhap", "file", "don-vi.csv", Encoding.UTF8.GetBytes(csv));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("thêm mới 2 đơn vị", page.QuerySelector("[role=status]")!.TextContent);
        var branch = page.QuerySelectorAll(".unit-tree li").First(li => li.TextContent.Contains("Sở Giáo dục thử"));
        Assert.Contains("Trường THCS Thử", branch.QuerySelector(".unit-tree")!.TextContent);
    }

    [Fact]
    public async Task TrainingManager_BadFile_RowsReportedInVietnameseAndNothingSaved()
    {
        using var staff = await SignedInAsync(StaffRoles.TrainingManager);
        var code = $"B{Guid.NewGuid():N}"[..10];

        var response = await staff.UploadAsync("/backoffice/don-vi", "/backoffice/don-vi/nhap", "file", "don-vi.csv",
            Encoding.UTF8.GetBytes($"ma,ten,loai,ma_cap_tren\n{code},Đơn vị tốt,khác,\n{code}-2,Đơn vị lỗi,bệnh viện,{code}\n"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        var row = Assert.Single(page.QuerySelectorAll(".problems tbody tr"));
        Assert.Equal("3", row.QuerySelector("td")!.TextContent);
        Assert.Contains("“bệnh viện” không hợp lệ", row.TextContent);
        Assert.DoesNotContain("Đơn vị tốt", page.QuerySelector(".unit-tree")?.TextContent ?? "");
    }

    [Fact]
    public async Task Writer_IsRefused()
    {
        using var staff = await SignedInAsync(StaffRoles.Writer);

        var response = await staff.Http.GetAsync("/backoffice/don-vi");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<StaffClient> SignedInAsync(string role)
    {
        var staff = new StaffClient(site);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SignInAsync(await StaffClient.CreateUserAsync(site, role))).StatusCode);
        return staff;
    }
}
