using System.Net;
using System.Text;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Features.Learning;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Accounts;

/// <summary>Sessions end when their account says so: a copied or still-open cookie is worth nothing afterwards.</summary>
[Collection(SiteCollection.Name)]
public sealed class AccountSessionsTests(SiteFactory site)
{
    private const string StaffCookie = "cp.staff";
    private const string LearnerCookie = "cp.learner";

    [Fact]
    public async Task StaffSignOut_CopiedCookieReplayed_IsSentToSignIn()
    {
        using var admin = new StaffClient(site);
        await admin.SignInAsAdministratorAsync();
        using var thief = StaffClient.Replaying(site, StaffCookie, admin.Cookie(StaffCookie, "/backoffice"));
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/backoffice/nguoi-dung")).StatusCode);

        var signedOut = await admin.PostFormAsync("/backoffice", "/backoffice/dang-xuat", new());
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        var replayed = await thief.GetAsync("/backoffice/nguoi-dung");
        AssertSentToSignIn(replayed, "/backoffice/dang-nhap");
    }

    [Fact]
    public async Task Lock_WritersOpenSession_CanNoLongerCreateAFolder()
    {
        using var admin = new StaffClient(site);
        await admin.SignInAsAdministratorAsync();
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Writer);
        using var writer = new StaffClient(site);
        await writer.SignInAsync(email);
        var first = $"Ảnh trước khi khóa {Guid.NewGuid():n}";
        Assert.Equal(HttpStatusCode.Redirect, (await writer.PostFormAsync("/backoffice/media", "/backoffice/media/thu-muc", new() { ["ten"] = first })).StatusCode);
        var token = await writer.TokenAsync("/backoffice/media", "/backoffice/media/thu-muc");

        var locked = await admin.PostFormAsync("/backoffice/nguoi-dung", $"/backoffice/nguoi-dung/{await StaffIdAsync(email)}/khoa", new() { ["locked"] = "true" });
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);

        var after = $"Ảnh sau khi khóa {Guid.NewGuid():n}";
        var refused = await writer.Http.PostAsync("/backoffice/media/thu-muc", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["ten"] = after }));
        AssertSentToSignIn(refused, "/backoffice/dang-nhap");
        var library = await (await admin.Http.GetAsync("/backoffice/media")).Content.ReadAsStringAsync();
        Assert.Contains(first, library);
        Assert.DoesNotContain(after, library);
    }

    [Fact]
    public async Task RoleChange_OldCookie_LosesTheRolesAccess()
    {
        using var admin = new StaffClient(site);
        await admin.SignInAsAdministratorAsync();
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.TrainingManager);
        using var manager = new StaffClient(site);
        await manager.SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await manager.Http.GetAsync("/backoffice/bao-cao")).StatusCode);

        var saved = await admin.PostFormAsync("/backoffice/nguoi-dung", $"/backoffice/nguoi-dung/{await StaffIdAsync(email)}/vai-tro", new() { ["roles"] = StaffRoles.Writer });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var report = await manager.Http.GetAsync("/backoffice/bao-cao");
        AssertSentToSignIn(report, "/backoffice/dang-nhap");
        await manager.SignInAsync(email);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.Http.GetAsync("/backoffice/bao-cao")).StatusCode);
    }

    [Fact]
    public async Task StaffPasswordReset_OpenSession_IsSentToSignIn()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Editor);
        using var staff = new StaffClient(site);
        await staff.SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await staff.Http.GetAsync("/backoffice/tim-kiem")).StatusCode);

        using var owner = new StaffClient(site);
        var page = await ResetPageAsync<StaffUser>(email, "/backoffice/dat-lai-mat-khau");
        Assert.Equal(HttpStatusCode.OK, (await owner.PostFormAsync(page, "/backoffice/dat-lai-mat-khau", StaffClient.SetPasswordFields(page, "Mat-khau-moi-cua-toi-1"))).StatusCode);

        var after = await staff.Http.GetAsync("/backoffice/tim-kiem");
        AssertSentToSignIn(after, "/backoffice/dang-nhap");
    }

    [Fact]
    public async Task LearnerSignOut_CopiedCookieReplayed_IsSentToSignIn()
    {
        var (client, _) = await LearnerSignIn.NewLearnerAsync(site, await LearnerSignIn.AnyUnitAsync(site));
        using var learner = client;
        using var thief = StaffClient.Replaying(site, LearnerCookie, learner.Cookie(LearnerCookie, "/hoc-tap"));
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/hoc-tap")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await learner.PostFormAsync("/hoc-tap", "/hoc-tap/dang-xuat", new())).StatusCode);

        var replayed = await thief.GetAsync("/hoc-tap");
        AssertSentToSignIn(replayed, "/hoc-tap/dang-nhap");
    }

    [Fact]
    public async Task LearnerPasswordReset_OpenSession_IsSentToSignIn()
    {
        var (client, enrolled) = await LearnerSignIn.NewLearnerAsync(site, await LearnerSignIn.AnyUnitAsync(site));
        using var learner = client;
        Assert.Equal(HttpStatusCode.OK, (await learner.Http.GetAsync("/hoc-tap")).StatusCode);

        using var owner = new StaffClient(site);
        var page = await ResetPageAsync<LearnerUser>(enrolled.Email, LearnerPasswordEmails.SetPasswordPath);
        Assert.Equal(HttpStatusCode.OK, (await owner.PostFormAsync(page, LearnerPasswordEmails.SetPasswordPath, StaffClient.SetPasswordFields(page, "Mat-khau-moi-hoc-vien-1"))).StatusCode);

        var after = await learner.Http.GetAsync("/hoc-tap");
        AssertSentToSignIn(after, "/hoc-tap/dang-nhap");
    }

    private static void AssertSentToSignIn(HttpResponseMessage response, string signInPath)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(signInPath, location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);
    }

    private async Task<string> StaffIdAsync(string email)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(email))!.Id;
    }

    /// <summary>The path and query of a password link for <paramref name="email"/>, as the e-mail would carry it.</summary>
    private async Task<string> ResetPageAsync<TUser>(string email, string path)
        where TUser : class
    {
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TUser>>();
        var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync((await users.FindByEmailAsync(email))!)));
        return $"{path}?email={Uri.EscapeDataString(email)}&token={token}";
    }
}
