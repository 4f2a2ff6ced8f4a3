using System.Net;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using ChildProtection.Web.Hosting;
using ChildProtection.Web.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Tests.Hosting;

/// <summary>The key ring lives in the database: what one node (or the same site before a restart) signed, another reads.</summary>
public sealed class SharedKeysTests
{
    private const string StaffCookie = "cp.staff";

    [Fact]
    public async Task TwoNodesOnOneDatabase_AStaffCookieAndAProtectedLinkMadeOnOne_AreReadOnTheOther()
    {
        await using var first = new SiteFactory().OnOwnPostgreSql();
        using var staff = new StaffClient(first);
        await staff.SignInAsync(await StaffClient.CreateUserAsync(first, StaffRoles.Editor));
        var cookie = staff.Cookie(StaffCookie, "/backoffice");
        var link = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test.link").Protect("xem trước");
        await using (var scope = first.Services.CreateAsyncScope())
        {
            // In the database, not in the process user's home folder where each machine would have its own.
            Assert.NotEmpty(await scope.ServiceProvider.GetRequiredService<SiteDbContext>().DataProtectionKeys.ToListAsync());
        }

        Assert.Equal(SharedKeys.ApplicationName, first.Services.GetRequiredService<IOptions<DataProtectionOptions>>().Value.ApplicationDiscriminator);

        // The second node: the same database, its own data folder and process state.
        await using var second = new SiteFactory().With("ConnectionStrings:Default", $"{TestPostgres.Server};Database={first.OwnDatabase}");
        using var sameCookie = StaffClient.Replaying(second, StaffCookie, cookie);
        Assert.Equal(HttpStatusCode.OK, (await sameCookie.GetAsync("/backoffice")).StatusCode);
        Assert.Equal("xem trước", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test.link").Unprotect(link));

        using var stranger = StaffClient.Replaying(second, StaffCookie, "khong-phai-cookie");
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.GetAsync("/backoffice")).StatusCode);
    }

    [Fact]
    public async Task Restart_OnSqlite_ASignedInEditorStaysSignedIn()
    {
        // A data folder of the test's own: a site removes its own when it is disposed.
        var dataPath = Path.Combine(Path.GetTempPath(), "cp-web-tests", Guid.NewGuid().ToString("n"));
        try
        {
            string cookie;
            await using (var before = new SiteFactory().With("Cms:DataPath", dataPath))
            {
                using var staff = new StaffClient(before);
                await staff.SignInAsync(await StaffClient.CreateUserAsync(before, StaffRoles.Editor));
                cookie = staff.Cookie(StaffCookie, "/backoffice");
            }

            await using var after = new SiteFactory().With("Cms:DataPath", dataPath);
            using var client = StaffClient.Replaying(after, StaffCookie, cookie);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/backoffice")).StatusCode);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataPath, recursive: true);
        }
    }
}
