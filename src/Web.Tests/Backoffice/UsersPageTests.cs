using System.Net;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Backoffice;

[Collection(SiteCollection.Name)]
public sealed class UsersPageTests(SiteFactory site)
{
    [Fact]
    public async Task Administrator_AddsAWriterWhoSetsAPasswordFromTheEmail()
    {
        using var admin = new StaffClient(site);
        await admin.SignInAsAdministratorAsync();
        var email = $"bv-{Guid.NewGuid():n}@example.vn";

        var created = await admin.PostFormAsync("/backoffice/nguoi-dung", "/backoffice/nguoi-dung/tao", new() { ["DisplayName"] = "Phóng viên Lan", ["Email"] = email, ["Roles"] = StaffRoles.Writer });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains($"Đã thêm {email}", await created.Content.ReadAsStringAsync());

        var message = Assert.Single(await SmtpSink.WaitForAsync(email));
        Assert.Equal("Tài khoản quản trị trang Bảo vệ trẻ em", message.Subject);
        var link = new Uri(System.Text.RegularExpressions.Regex.Match(message.TextBody ?? "", @"http\S+/backoffice/dat-lai-mat-khau\?\S+").Value);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query);
        using var writer = new StaffClient(site);
        var set = await writer.PostFormAsync(link.PathAndQuery, "/backoffice/dat-lai-mat-khau", new() { ["Email"] = query["email"]!, ["Token"] = query["token"]!, ["Password"] = "Mat-khau-cua-Lan-1", ["Confirm"] = "Mat-khau-cua-Lan-1" });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await writer.SignInAsync(email, "Mat-khau-cua-Lan-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await writer.Http.GetAsync("/backoffice/tim-kiem")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.Http.GetAsync("/backoffice/nguoi-dung")).StatusCode);
    }

    [Fact]
    public async Task Administrator_TiesAManagerToAUnitByItsCode_AnUnknownCodeIsExplained()
    {
        using var admin = new StaffClient(site);
        await admin.SignInAsAdministratorAsync();
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.TrainingManager);
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var manager = (await users.FindByEmailAsync(email))!;
        var unit = await scope.ServiceProvider.GetRequiredService<ChildProtection.Training.Persistence.TrainingDbContext>().Units
            .Where(u => u.ParentId != null).OrderBy(u => u.Id).FirstAsync();

        var unknown = await admin.PostFormAsync("/backoffice/nguoi-dung", $"/backoffice/nguoi-dung/{manager.Id}/don-vi", new() { ["ma-don-vi"] = "KHONG-CO" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Không có đơn vị nào mang mã “KHONG-CO”", await unknown.Content.ReadAsStringAsync());

        var saved = await admin.PostFormAsync("/backoffice/nguoi-dung", $"/backoffice/nguoi-dung/{manager.Id}/don-vi", new() { ["ma-don-vi"] = $" {unit.Code} " });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var row = Html.Parse(await saved.Content.ReadAsStringAsync()).QuerySelector($"tr[data-email='{email}'] .staff-unit span")!;
        Assert.Equal(unit.Name, row.TextContent);
        await using var fresh = site.Services.CreateAsyncScope();
        Assert.Equal(unit.Id, (await fresh.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(email))!.UnitId);
    }

    [Fact]
    public async Task LastAdministrator_CannotLoseTheRoleOrBeLocked()
    {
        using var admin = new StaffClient(site);
        var email = await admin.SignInAsAdministratorAsync();
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        // Leave this administrator the only active one.
        foreach (var other in (await users.GetUsersInRoleAsync(StaffRoles.Administrator)).Where(u => u.Email != email))
        {
            await users.SetLockoutEndDateAsync(other, DateTimeOffset.MaxValue);
        }

        var me = (await users.FindByEmailAsync(email))!;
        var demote = await admin.PostFormAsync("/backoffice/nguoi-dung", $"/backoffice/nguoi-dung/{me.Id}/vai-tro", new() { ["roles"] = StaffRoles.Editor });
        var lockMe = await admin.PostFormAsync("/backoffice/nguoi-dung", $"/backoffice/nguoi-dung/{me.Id}/khoa", new() { ["locked"] = "true" });

        Assert.Equal(HttpStatusCode.BadRequest, demote.StatusCode);
        Assert.Contains("quản trị viên cuối cùng", await demote.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, lockMe.StatusCode);
        Assert.True(await users.IsInRoleAsync(me, StaffRoles.Administrator));

        foreach (var other in (await users.GetUsersInRoleAsync(StaffRoles.Administrator)).Where(u => u.Email != email))
        {
            await users.SetLockoutEndDateAsync(other, null);
        }
    }
}
