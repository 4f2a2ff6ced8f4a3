using System.Globalization;
using ChildProtection.Cms.Content;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ChildProtection.Web.Tests.Browser;

/// <summary>The communications staff's work in a real browser, from sign-in to the public page.</summary>
[Collection(SiteCollection.Name)]
public sealed class BackofficeFlowTests(SiteFactory site, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private async Task<IPage> SignedInAsync(string role) => await browser.SignedInStaffPageAsync(site, await StaffClient.CreateUserAsync(site, role));

    [Fact]
    public async Task WriterCreatesNews_EditorPublishes_ItIsOnThePublicSiteAndInTheFeed()
    {
        var home = site.Snapshot.Roots[0];
        var newsList = site.Snapshot.All.First(c => c.ContentTypeAlias == "newsList");
        var writer = await SignedInAsync(StaffRoles.Writer);

        await writer.ClickAsync("a[href='/backoffice/noi-dung']");
        await writer.ClickAsync($".content-tree li[data-key='{home.Key}'] > .tree-toggle");
        await writer.ClickAsync($".content-tree li[data-key='{newsList.Key}'] > a");
        await writer.ClickAsync("a[href*='loai=newsArticle']");
        await writer.FillAsync("#ten", "Ra quân Tháng hành động vì trẻ em tại phường");
        await writer.FillAsync("#p-summary", "Hơn 300 đoàn viên tham gia lễ ra quân.");
        await writer.FillAsync("#p-publishDate", "2026-06-01T07:30");
        await writer.Locator("#p-body").PressSequentiallyAsync("Buổi lễ nhắc mọi người **gọi 111** khi trẻ cần giúp.");
        await writer.Locator("#p-body-preview strong").WaitForAsync();
        Assert.Equal("gọi 111", await writer.InnerTextAsync("#p-body-preview strong"));
        await writer.ClickAsync("button[value=gui-duyet]");
        await writer.WaitForURLAsync("**da=sent");
        Assert.Contains("gửi duyệt", await writer.InnerTextAsync("[role=status]"));
        Assert.Equal(0, await writer.Locator("button[value=xuat-ban]").CountAsync());

        var editor = await SignedInAsync(StaffRoles.Editor);
        await editor.GotoAsync($"{site.ServerAddress}/backoffice/noi-dung");
        await editor.ClickAsync(".approvals a:has-text('Ra quân Tháng hành động vì trẻ em tại phường')");
        await editor.ClickAsync("button[value=xuat-ban]");
        await editor.WaitForURLAsync("**da=published");
        var publicUrl = await editor.GetAttributeAsync(".editor-status a", "href");

        var visitor = await browser.NewPhonePageAsync();
        var response = await visitor.GotoAsync(site.ServerAddress + publicUrl);
        Assert.Equal(200, response!.Status);
        Assert.Equal("Ra quân Tháng hành động vì trẻ em tại phường", await visitor.InnerTextAsync("h1"));
        var feed = await visitor.GotoAsync($"{site.ServerAddress}/rss.xml");
        Assert.Contains("Ra quân Tháng hành động vì trẻ em tại phường", await feed!.TextAsync());
    }

    [Fact]
    public async Task ScheduledPublishOneMinuteAhead_GoesLiveWithoutAnyoneActing()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Writer);
        var key = await site.CreateLeafletAsync("Tờ gấp lên lịch trong trình duyệt", "Tự xuất bản đúng giờ.", email);
        var editor = await SignedInAsync(StaffRoles.Editor);
        await editor.GotoAsync($"{site.ServerAddress}/backoffice/noi-dung/{key}/lich-su");
        // The next whole minute at least one minute away (the form takes minutes), in Vietnam's time.
        var inVietnam = DateTime.UtcNow.AddHours(7).AddMinutes(1);
        var due = new DateTime(inVietnam.Year, inVietnam.Month, inVietnam.Day, inVietnam.Hour, inVietnam.Minute, 0).AddMinutes(1);

        await editor.SelectOptionAsync("#action", "Publish");
        await editor.FillAsync("#at", due.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await editor.ClickAsync("form[action$='/lich'] button[type=submit]");
        Assert.Contains("Đã đặt lịch", await editor.InnerTextAsync("[role=status]"));
        await editor.Context.CloseAsync();

        // Nobody does anything now: the recurring job must find the schedule due within a minute of its time.
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (site.Snapshot.Get(key) is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(1000);
        }

        var published = site.Snapshot.Get(key);
        if (published is null)
        {
            await using var scope = site.Services.CreateAsyncScope();
            var schedules = scope.ServiceProvider.GetRequiredService<ChildProtection.Cms.Persistence.CmsDbContext>().Schedules.Where(s => s.NodeKey == key)
                .Select(s => $"due {s.DueUtc:O}, done {s.DoneUtc:O}, result {s.Result}").ToList();
            var storage = scope.ServiceProvider.GetRequiredService<Hangfire.JobStorage>();
            using var connection = storage.GetConnection();
            var jobs = Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection)
                .Select(j => $"{j.Id}: last {j.LastExecution:O} ({j.LastJobState}), next {j.NextExecution:O}, error {j.Error}");
            var stats = storage.GetMonitoringApi().GetStatistics();
            var failure = storage.GetMonitoringApi().FailedJobs(0, 1).Select(f => $"{f.Value.ExceptionType}: {f.Value.ExceptionMessage} {f.Value.ExceptionDetails?[..Math.Min(600, f.Value.ExceptionDetails.Length)]}").FirstOrDefault();
            Assert.Fail($"Not published by {DateTime.UtcNow:O}; schedules: {string.Join("; ", schedules)}; jobs: {string.Join("; ", jobs)}; "
                + $"servers {stats.Servers}, enqueued {stats.Enqueued}, processing {stats.Processing}, failed {stats.Failed}, succeeded {stats.Succeeded}; last failure: {failure}");
        }

        var visitor = await browser.NewPhonePageAsync();
        Assert.Equal(200, (await visitor.GotoAsync(site.ServerAddress + published.Url("vi")))!.Status);
        Assert.Contains("Tự xuất bản đúng giờ.", await visitor.InnerTextAsync("main"));
    }

    [Fact]
    public async Task Rollback_RestoresTheOldTextOnThePublicPage()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Editor);
        var key = await site.CreateLeafletAsync("Tờ gấp quay lại phiên bản", "Câu đúng: gọi 111.", email);
        await site.WithContentServiceAsync(c => c.PublishAsync(key, email));
        var first = (await site.WithContentServiceAsync(c => c.GetAsync(key)))!;
        await site.WithContentServiceAsync(c => c.SaveAsync(key, new ContentEdit(first.Names,
            first.Values.Select(v => v.Alias == "body" ? v with { Value = "Câu sai đã lỡ xuất bản." } : v).ToList()), email));
        await site.WithContentServiceAsync(c => c.PublishAsync(key, email));
        var url = site.ServerAddress + site.Snapshot.Get(key)!.Url("vi");
        var visitor = await browser.NewPhonePageAsync();
        await visitor.GotoAsync(url);
        Assert.Contains("Câu sai đã lỡ xuất bản.", await visitor.InnerTextAsync("main"));

        var editor = await SignedInAsync(StaffRoles.Editor);
        await editor.GotoAsync($"{site.ServerAddress}/backoffice/noi-dung/{key}/lich-su");
        await editor.ClickAsync($"form[action$='/{first.CurrentVersionId}/quay-lai'] button");
        Assert.Contains("Đã tạo bản nháp mới", await editor.InnerTextAsync("[role=status]"));
        await editor.GotoAsync($"{site.ServerAddress}/backoffice/noi-dung/{key}");
        Assert.Equal("Câu đúng: gọi 111.", await editor.InputValueAsync("#p-body"));
        await editor.ClickAsync("button[value=xuat-ban]");
        await editor.WaitForURLAsync("**da=published");

        await visitor.GotoAsync(url);
        var text = await visitor.InnerTextAsync("main");
        Assert.Contains("Câu đúng: gọi 111.", text);
        Assert.DoesNotContain("Câu sai", text);
    }

    [Fact]
    public async Task ValidationError_ShownInVietnamese_AndNothingIsSaved()
    {
        var newsList = site.Snapshot.All.First(c => c.ContentTypeAlias == "newsList");
        var before = (await site.WithContentServiceAsync(c => c.GetChildrenAsync(newsList.Key))).Count;
        var writer = await SignedInAsync(StaffRoles.Writer);
        await writer.GotoAsync($"{site.ServerAddress}/backoffice/noi-dung/tao?cha={newsList.Key}&loai=newsArticle");

        await writer.FillAsync("#ten", "Bản tin thiếu tóm tắt");
        await writer.FillAsync("#p-body", "Nội dung đã viết không được mất.");
        await writer.ClickAsync("button[value=luu]");

        Assert.Contains("Chưa lưu. Hãy sửa các lỗi được đánh dấu bên dưới.", await writer.InnerTextAsync("[role=alert]"));
        Assert.Equal("Vui lòng nhập tóm tắt.", await writer.InnerTextAsync("#p-summary-error"));
        Assert.Equal("Nội dung đã viết không được mất.", await writer.InputValueAsync("#p-body"));
        Assert.Equal(before, (await site.WithContentServiceAsync(c => c.GetChildrenAsync(newsList.Key))).Count);
    }
}
