using System.Net;
using System.Text.RegularExpressions;
using ChildProtection.Web.Tests.Infrastructure;

namespace ChildProtection.Web.Tests.Training;

/// <summary>"Quên mật khẩu" for learners, over HTTP with the real SMTP sink.</summary>
[Collection(SiteCollection.Name)]
public sealed partial class LearnerPasswordTests(SiteFactory site)
{
    [GeneratedRegex(@"https?://\S+/hoc-tap/dat-mat-khau\?\S+")]
    private static partial Regex SetPasswordLink();

    [Fact]
    public async Task ForgottenPassword_LinkByEmailSetsANewOne_WorksOnce_AndConfirmsTheAddress()
    {
        var email = $"quen-{Guid.NewGuid():N}@example.vn";
        using var learner = new StaffClient(site);
        await LearnerJourneyTests.RegisterUnconfirmedAsync(learner, email, "Mat-khau-cu-2026");
        await SmtpSink.WaitForAsync(email); // the confirmation e-mail, left unopened

        var (_, signInPage) = await learner.Http.GetPageAsync("/hoc-tap/dang-nhap");
        Assert.NotNull(signInPage.QuerySelector("a[href='/hoc-tap/quen-mat-khau']"));
        var asked = await learner.PostFormAsync("/hoc-tap/quen-mat-khau", "/hoc-tap/quen-mat-khau", new() { ["Email"] = email.ToUpperInvariant() });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("chúng tôi đã gửi thư kèm đường dẫn đặt mật khẩu mới", await asked.Content.ReadAsStringAsync());

        var reset = Assert.Single(await SmtpSink.WaitForAsync(email, count: 2), m => m.Subject == "Đặt lại mật khẩu học tập huấn");
        Assert.Contains("Chào Trần Văn Nam", reset.TextBody);
        var setPage = new Uri(SetPasswordLink().Match(reset.TextBody ?? "").Value).PathAndQuery;
        var set = await learner.PostFormAsync(setPage, "/hoc-tap/dat-mat-khau", StaffClient.SetPasswordFields(setPage, "Mat-khau-moi-2026"));
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Contains("Đã đặt mật khẩu mới", await set.Content.ReadAsStringAsync());

        // The old password no longer works; the new one signs in, the link having confirmed the address.
        var old = await learner.PostFormAsync("/hoc-tap/dang-nhap", "/hoc-tap/dang-nhap", new() { ["Email"] = email, ["Password"] = "Mat-khau-cu-2026" });
        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        var signedIn = await learner.PostFormAsync("/hoc-tap/dang-nhap", "/hoc-tap/dang-nhap", new() { ["Email"] = email, ["Password"] = "Mat-khau-moi-2026" });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        var again = await learner.PostFormAsync(setPage, "/hoc-tap/dat-mat-khau", StaffClient.SetPasswordFields(setPage, "Mat-khau-khac-2026"));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("đã hết hạn hoặc đã được dùng", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ForgottenPassword_ForgedHostHeader_LinkKeepsTheSitesOwnAddress()
    {
        var email = $"gia-mao-{Guid.NewGuid():N}@example.vn";
        using (var learner = new StaffClient(site))
        {
            await LearnerJourneyTests.RegisterUnconfirmedAsync(learner, email, "Mat-khau-cu-2026");
            await SmtpSink.WaitForAsync(email);
        }

        await StaffVisit.TeachSiteAddressAsync(site);
        using var attacker = new StaffClient(site);

        var asked = await attacker.PostFormWithHostAsync("/hoc-tap/quen-mat-khau", "/hoc-tap/quen-mat-khau", new() { ["Email"] = email }, "attacker.example");

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var body = Assert.Single(await SmtpSink.WaitForAsync(email, count: 2), m => m.Subject == "Đặt lại mật khẩu học tập huấn").TextBody ?? "";
        Assert.DoesNotContain("attacker.example", body);
        Assert.Equal(new Uri(site.ServerAddress).Authority, new Uri(SetPasswordLink().Match(body).Value).Authority);
    }

    [Fact]
    public async Task UnknownAddress_GetsTheSameAnswerAndNoEmail()
    {
        var email = $"khong-co-{Guid.NewGuid():N}@example.vn";
        using var visitor = new StaffClient(site);

        var asked = await visitor.PostFormAsync("/hoc-tap/quen-mat-khau", "/hoc-tap/quen-mat-khau", new() { ["Email"] = email });

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("chúng tôi đã gửi thư kèm đường dẫn đặt mật khẩu mới", await asked.Content.ReadAsStringAsync());
        await Task.Delay(1500);
        Assert.Empty(SmtpSink.Received(email));
    }
}
