using System.Net;
using ChildProtection.Cms.Content;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Backoffice;

[Collection(SiteCollection.Name)]
public sealed class SchedulingTests(SiteFactory site)
{
    [Fact]
    public async Task ScheduledPublish_GoesLiveWhenTheJobFindsItDue()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Editor);
        var key = await site.CreateLeafletAsync($"Tờ gấp hẹn giờ {Guid.NewGuid():N}"[..28], "Nội dung hẹn giờ.", email);
        using var editor = new StaffClient(site);
        await editor.SignInAsync(email);
        var page = $"/backoffice/noi-dung/{key}/lich-su";
        // Two minutes ahead, cut to the minute: at least a minute away whatever the second now is.
        var inVietnam = DateTime.UtcNow.AddHours(7).AddMinutes(2).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);

        var scheduled = await editor.PostFormAsync(page, $"{page}/lich", new() { ["action"] = "Publish", ["at"] = inVietnam });
        Assert.Equal(HttpStatusCode.OK, scheduled.StatusCode);
        Assert.Contains("Đã đặt lịch", await scheduled.Content.ReadAsStringAsync());
        Assert.Null(site.Snapshot.Get(key));

        // The recurring job's work, as it will run three minutes from now (and again: nothing is done twice).
        await using var scope = site.Services.CreateAsyncScope();
        var scheduler = scope.ServiceProvider.GetRequiredService<ContentScheduler>();
        Assert.Equal(0, await scheduler.RunDueAsync(DateTime.UtcNow));
        Assert.Equal(1, await scheduler.RunDueAsync(DateTime.UtcNow.AddMinutes(3)));
        Assert.Equal(0, await scheduler.RunDueAsync(DateTime.UtcNow.AddMinutes(3)));

        using var visitor = site.CreateServerClient();
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(site.Snapshot.Get(key)!.Url("vi")!)).StatusCode);
    }

    [Fact]
    public async Task PastTime_RefusedInVietnamese()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Editor);
        var key = await site.CreateLeafletAsync($"Tờ gấp quá giờ {Guid.NewGuid():N}"[..28], "Nội dung.", email);
        using var editor = new StaffClient(site);
        await editor.SignInAsync(email);
        var page = $"/backoffice/noi-dung/{key}/lich-su";

        var response = await editor.PostFormAsync(page, $"{page}/lich", new() { ["action"] = "Publish", ["at"] = "2020-01-01T08:00" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("phải ở tương lai", await response.Content.ReadAsStringAsync());
    }
}
