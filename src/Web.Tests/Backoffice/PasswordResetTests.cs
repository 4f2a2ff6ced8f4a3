using System.Net;
using System.Text.RegularExpressions;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;

namespace ChildProtection.Web.Tests.Backoffice;

[Collection(SiteCollection.Name)]
public sealed partial class PasswordResetTests(SiteFactory site)
{
    [Fact]
    public async Task ResetLink_ArrivesByEmailAndWorksOnce()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Writer);
        using var staff = new StaffClient(site);

        var asked = await staff.PostFormAsync("/backoffice/quen-mat-khau", "/backoffice/quen-mat-khau", new() { ["Email"] = email });
        Assert.Contains("chúng tôi đã gửi thư", await asked.Content.ReadAsStringAsync());

        var message = Assert.Single(await SmtpSink.WaitForAsync(email));
        Assert.Equal("Đặt lại mật khẩu trang quản trị", message.Subject);
        var link = new Uri(ResetLink().Match(message.TextBody ?? "").Value);
        var resetPage = link.PathAndQuery;

        const string newPassword = "Mat-khau-moi-2026";
        var reset = await staff.PostFormAsync(resetPage, "/backoffice/dat-lai-mat-khau", StaffClient.SetPasswordFields(resetPage, newPassword));
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Contains("Đã đặt mật khẩu mới", await reset.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await new StaffClient(site).SignInAsync(email, newPassword)).StatusCode);

        var again = await staff.PostFormAsync(resetPage, "/backoffice/dat-lai-mat-khau", StaffClient.SetPasswordFields(resetPage, "Mat-khau-khac-2026"));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("đã hết hạn hoặc đã được dùng", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnknownAddress_SameAnswerAndNoEmail()
    {
        var email = $"khong-co-{Guid.NewGuid():n}@example.vn";
        using var visitor = new StaffClient(site);

        var asked = await visitor.PostFormAsync("/backoffice/quen-mat-khau", "/backoffice/quen-mat-khau", new() { ["Email"] = email });

        Assert.Contains("chúng tôi đã gửi thư", await asked.Content.ReadAsStringAsync());
        await Task.Delay(1500);
        Assert.Empty(SmtpSink.Received(email));
    }

    [Fact]
    public async Task Forgot_ForgedHostHeader_LinkKeepsTheSitesOwnAddress()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Writer);
        await StaffVisit.TeachSiteAddressAsync(site);
        using var attacker = new StaffClient(site);

        var asked = await attacker.PostFormWithHostAsync("/backoffice/quen-mat-khau", "/backoffice/quen-mat-khau", new() { ["Email"] = email }, "attacker.example");

        Assert.Contains("chúng tôi đã gửi thư", await asked.Content.ReadAsStringAsync());
        var body = Assert.Single(await SmtpSink.WaitForAsync(email)).TextBody ?? "";
        Assert.DoesNotContain("attacker.example", body);
        Assert.Equal(new Uri(site.ServerAddress).Authority, new Uri(ResetLink().Match(body).Value).Authority);
    }

    [Fact]
    public async Task ShortPassword_RefusedInVietnamese()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Writer);
        using var staff = new StaffClient(site);
        await staff.PostFormAsync("/backoffice/quen-mat-khau", "/backoffice/quen-mat-khau", new() { ["Email"] = email });
        var resetPage = new Uri(ResetLink().Match(Assert.Single(await SmtpSink.WaitForAsync(email)).TextBody ?? "").Value).PathAndQuery;

        var response = await staff.PostFormAsync(resetPage, "/backoffice/dat-lai-mat-khau", StaffClient.SetPasswordFields(resetPage, "ngan"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("ít nhất 10 ký tự", await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex(@"http\S+/backoffice/dat-lai-mat-khau\?\S+")]
    private static partial Regex ResetLink();
}
