using ChildProtection.Web.Features.Accounts;

namespace ChildProtection.Web.Tests.Infrastructure;

public static class StaffVisit
{
    /// <summary>
    /// A staff member signs in and opens the backoffice at the test server's address: with <c>Site:PublicUrl</c> empty,
    /// that is how the site learns the address its e-mails' links may use.
    /// </summary>
    public static async Task TeachSiteAddressAsync(SiteFactory site)
    {
        using var staff = new StaffClient(site);
        await staff.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.Editor));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await staff.Http.GetAsync("/backoffice")).StatusCode);
    }
}
