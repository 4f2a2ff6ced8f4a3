using System.Net;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;

namespace ChildProtection.Web.Tests.Backoffice;

[Collection(SiteCollection.Name)]
public sealed class TwoFactorTests(SiteFactory site)
{
    [Fact]
    public async Task Administrator_WithoutTwoFactor_IsSentToSetItUpAndRefusedAdministration()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Administrator);
        using var admin = new StaffClient(site);
        await admin.SignInAsync(email);

        var search = await admin.Http.GetAsync("/backoffice/tim-kiem");
        Assert.Equal(HttpStatusCode.Redirect, search.StatusCode);
        Assert.Equal("/backoffice/bao-mat", search.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.Http.GetAsync("/backoffice/jobs")).StatusCode);

        var (_, page) = await admin.Http.GetPageAsync("/backoffice/bao-mat");
        Assert.Contains("phải bật xác thực hai bước", page.QuerySelector(".form-error")!.TextContent);
        Assert.NotNull(page.QuerySelector(".qr svg"));
    }

    [Fact]
    public async Task SetUp_ThenSignInAgain_AsksForTheCodeAndAcceptsOnlyTheRightOne()
    {
        using var admin = new StaffClient(site);
        var email = await admin.SignInAsAdministratorAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/backoffice/tim-kiem")).StatusCode);

        using var again = new StaffClient(site);
        var password = await again.SignInAsync(email);
        Assert.StartsWith("/backoffice/xac-thuc", password.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await again.Http.GetAsync("/backoffice/tim-kiem")).StatusCode);

        var wrong = await again.PostFormAsync("/backoffice/xac-thuc", "/backoffice/xac-thuc", new() { ["Code"] = "000000" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("Mã không đúng", await wrong.Content.ReadAsStringAsync());

        var right = await again.PostFormAsync("/backoffice/xac-thuc", "/backoffice/xac-thuc", new() { ["Code"] = Totp.Code(admin.AuthenticatorKey!) });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.Http.GetAsync("/backoffice/jobs/recurring")).StatusCode);
    }

    [Fact]
    public async Task CodeStep_WithoutThePasswordFirst_GoesBackToSignIn()
    {
        using var visitor = site.CreateServerClient();

        var response = await visitor.GetAsync("/backoffice/xac-thuc");

        Assert.Equal("/backoffice/dang-nhap", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Writer_IsNotForcedButMayTurnItOn()
    {
        using var writer = new StaffClient(site);
        await writer.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.Writer));

        Assert.Equal(HttpStatusCode.OK, (await writer.Http.GetAsync("/backoffice/tim-kiem")).StatusCode);
        var (_, page) = await writer.Http.GetPageAsync("/backoffice/bao-mat");
        Assert.Null(page.QuerySelector(".form-error"));
        Assert.NotNull(page.QuerySelector("form[action='/backoffice/bao-mat/bat-xac-thuc']"));
    }
}
