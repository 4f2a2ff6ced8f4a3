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

        var right = await again.PostFormAsync("/backoffice/xac-thuc", "/backoffice/xac-thuc", new() { ["Code"] = Totp.UnusedCode(admin.AuthenticatorKey!) });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.Http.GetAsync("/backoffice/jobs/recurring")).StatusCode);
    }

    [Fact]
    public async Task CodeStep_SameCodeTwice_RefusedTheSecondTime()
    {
        using var admin = new StaffClient(site);
        var email = await admin.SignInAsAdministratorAsync();
        var code = Totp.UnusedCode(admin.AuthenticatorKey!);
        using var first = new StaffClient(site);
        await first.SignInAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostFormAsync("/backoffice/xac-thuc", "/backoffice/xac-thuc", new() { ["Code"] = code })).StatusCode);

        using var replay = new StaffClient(site);
        await replay.SignInAsync(email);
        var again = await replay.PostFormAsync("/backoffice/xac-thuc", "/backoffice/xac-thuc", new() { ["Code"] = code });

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("Mã không đúng", await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await replay.Http.GetAsync("/backoffice/tim-kiem")).StatusCode);
    }

    [Fact]
    public async Task SetUp_CodeUsedToTurnItOn_RefusedAtSignIn()
    {
        using var admin = new StaffClient(site);
        var email = await admin.SignInAsAdministratorAsync();
        using var again = new StaffClient(site);
        await again.SignInAsync(email);

        // The code that turned it on is still inside the accepted window, and has been used.
        var response = await again.PostFormAsync("/backoffice/xac-thuc", "/backoffice/xac-thuc", new() { ["Code"] = admin.SetUpCode! });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>
    /// The code of the step after this one: the set-up used this step's code, which works only once, and the next
    /// step's is accepted already (codes are accepted two steps either side, for phones whose clocks drift).
    /// </summary>
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
