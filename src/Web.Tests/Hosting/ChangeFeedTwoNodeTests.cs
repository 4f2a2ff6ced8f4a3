using System.Net;
using ChildProtection.Cms.Content;
using ChildProtection.Cms.Publishing;
using ChildProtection.Cms.Search;
using ChildProtection.Web.Infrastructure;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ChildProtection.Web.Tests.Hosting;

/// <summary>
/// Two nodes on one PostgreSQL database (two hosts with their own memory and data folders): what an editor, an
/// administrator or a scheduled job changes on either is served by the other, through the change feed.
/// </summary>
public sealed class ChangeFeedTwoNodeTests
{
    /// <summary>Far longer than any wait below: a change can only arrive in time through NOTIFY, not through the timer.</summary>
    private const string NoPolling = "00:10:00";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task PublishOnOneNode_IsServedByTheOther()
    {
        await using var a = new SiteFactory().OnOwnPostgreSql().With("Cms:ChangeFeedPollInterval", NoPolling);
        await using var b = SecondNode(a).With("Cms:ChangeFeedPollInterval", NoPolling);
        using var clientOfB = b.CreateServerClient();

        var key = await a.CreateLeafletAsync("Tờ rơi mới từ nút A", "Nội dung đăng từ nút A.", "bientap@example.vn");
        await a.WithContentServiceAsync(content => content.PublishAsync(key, "bientap@example.vn"));
        var url = a.Snapshot.Get(key)!.Url("vi")!;

        var page = await EventuallyAsync(() => clientOfB.GetAsync(url), r => r.StatusCode == HttpStatusCode.OK);
        Assert.Contains("Nội dung đăng từ nút A.", await page.Content.ReadAsStringAsync());

        // And back: an unpublish on B takes the page off A.
        await b.WithContentServiceAsync(content => content.UnpublishAsync(key, "bientap@example.vn"));
        using var clientOfA = a.CreateServerClient();
        await EventuallyAsync(() => clientOfA.GetAsync(url), r => r.StatusCode == HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DraftSavedOnOneNode_IsFoundByTheOthersBackofficeSearch()
    {
        await using var a = new SiteFactory().OnOwnPostgreSql().With("Cms:ChangeFeedPollInterval", NoPolling);
        await using var b = SecondNode(a).With("Cms:ChangeFeedPollInterval", NoPolling);
        var search = b.Services.GetRequiredService<ContentSearcher>();
        await b.Services.GetRequiredService<SearchIndexes>().WhenReady;

        var key = await a.CreateLeafletAsync("Bản nháp về phòng chống đuối nước", "Nội dung chưa xuất bản.", "bientap@example.vn");

        var until = DateTime.UtcNow + Patience;
        while (!(await search.SearchAsync(IndexName.Internal, new SearchRequest("duoi nuoc", "vi"))).Hits.Any(h => h.Key == key))
        {
            Assert.True(DateTime.UtcNow < until, "The draft never reached the other node's backoffice search.");
            await Task.Delay(100);
        }

        Assert.DoesNotContain((await search.SearchAsync(IndexName.External, new SearchRequest("duoi nuoc", "vi"))).Hits, h => h.Key == key);
    }

    [Fact]
    public async Task HotlineSavedOnOneNode_IsShownByTheOther()
    {
        await using var a = new SiteFactory().OnOwnPostgreSql().With("Cms:ChangeFeedPollInterval", NoPolling);
        await using var b = SecondNode(a).With("Cms:ChangeFeedPollInterval", NoPolling);
        using var clientOfA = a.CreateServerClient();
        Assert.DoesNotContain("0299 888 111", await (await clientOfA.GetAsync("/")).Content.ReadAsStringAsync());

        await b.Services.GetRequiredService<SiteSettings>().SaveAsync("Sở Giáo dục và Đào tạo tỉnh thử nghiệm", "0299 888 111", CancellationToken.None);

        await EventuallyAsync(() => clientOfA.GetAsync("/"), r => r.Content.ReadAsStringAsync().Result.Contains("0299 888 111"));
    }

    [Fact]
    public async Task RedirectAddedOnOneNode_AndScheduledPublishRunOnTheOther_AreServedByBoth()
    {
        await using var a = new SiteFactory().OnOwnPostgreSql().With("Cms:ChangeFeedPollInterval", NoPolling);
        await using var b = SecondNode(a).With("Cms:ChangeFeedPollInterval", NoPolling);
        using var clientOfA = a.CreateServerClient();
        using var clientOfB = b.CreateServerClient();
        var target = a.Snapshot.All.First(c => c.ContentTypeAlias == "leaflet").Url("vi")!;

        await using (var scope = a.Services.CreateAsyncScope())
        {
            Assert.Equal(RedirectStatus.Success, await scope.ServiceProvider.GetRequiredService<RedirectService>().AddAsync("/to-roi-cu-da-doi-ten/", target));
        }

        var moved = await EventuallyAsync(() => clientOfB.GetAsync("/to-roi-cu-da-doi-ten/"), r => r.StatusCode == HttpStatusCode.MovedPermanently);
        Assert.EndsWith(target, moved.Headers.Location!.OriginalString);

        // A publish that Hangfire runs on one node (here B) when it falls due.
        var key = await a.CreateLeafletAsync("Tờ rơi hẹn giờ", "Nội dung xuất bản theo lịch.", "bientap@example.vn");
        var due = DateTime.UtcNow.AddHours(1);
        await using (var scope = a.Services.CreateAsyncScope())
        {
            Assert.Equal(ScheduleStatus.Success, await scope.ServiceProvider.GetRequiredService<ContentScheduler>().ScheduleAsync(key, ScheduledAction.Publish, due, "bientap@example.vn"));
        }

        await using (var scope = b.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ContentScheduler>().RunDueAsync(due.AddMinutes(1)));
        }

        var url = b.Snapshot.Get(key)!.Url("vi")!;
        await EventuallyAsync(() => clientOfA.GetAsync(url), r => r.StatusCode == HttpStatusCode.OK);
    }

    [Fact]
    public async Task ListeningConnectionDropped_TheNodeReconnectsAndCatchesUp()
    {
        await using var a = new SiteFactory().OnOwnPostgreSql();
        await using var b = SecondNode(a).With("Cms:ChangeFeedPollInterval", "00:00:01");
        using var clientOfB = b.CreateServerClient();
        _ = a.Snapshot;

        // The database ends both nodes' LISTEN sessions (a failover, a proxy's idle timeout): they hear nothing of what follows.
        await using (var admin = new NpgsqlConnection($"{TestPostgres.Server};Database={a.OwnDatabase}"))
        {
            await admin.OpenAsync();
            const string listening = "FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'";
            var until = DateTime.UtcNow + Patience;
            while (await ScalarAsync(admin, $"SELECT count(*) {listening}") < 2)
            {
                Assert.True(DateTime.UtcNow < until, "Both nodes listen once started.");
                await Task.Delay(100);
            }

            Assert.Equal(2, await ScalarAsync(admin, $"SELECT count(pg_terminate_backend(pid)) {listening}"));
        }

        var key = await a.CreateLeafletAsync("Tờ rơi lúc mất kết nối", "Nội dung đăng khi nút B không nghe.", "bientap@example.vn");
        await a.WithContentServiceAsync(content => content.PublishAsync(key, "bientap@example.vn"));

        await EventuallyAsync(() => clientOfB.GetAsync(a.Snapshot.Get(key)!.Url("vi")!), r => r.StatusCode == HttpStatusCode.OK);
    }

    [Fact]
    public async Task NodeStoppedWhileOthersPublish_CatchesUpAtItsStart()
    {
        await using var a = new SiteFactory().OnOwnPostgreSql();
        var key = await a.CreateLeafletAsync("Tờ rơi khi nút B tắt", "Nội dung đăng khi nút B tắt.", "bientap@example.vn");
        await using (var before = SecondNode(a))
        {
            _ = before.Snapshot;
        }

        await a.WithContentServiceAsync(content => content.PublishAsync(key, "bientap@example.vn"));

        await using var after = SecondNode(a);
        using var client = after.CreateServerClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(a.Snapshot.Get(key)!.Url("vi")!)).StatusCode);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static SiteFactory SecondNode(SiteFactory first) =>
        new SiteFactory().With("ConnectionStrings:Default", $"{TestPostgres.Server};Database={first.OwnDatabase}");

    /// <summary>Asks again until the answer is as expected (the other node applies the feed on its own thread).</summary>
    private static async Task<HttpResponseMessage> EventuallyAsync(Func<Task<HttpResponseMessage>> ask, Func<HttpResponseMessage, bool> expected)
    {
        var until = DateTime.UtcNow + Patience;
        while (true)
        {
            var response = await ask();
            if (expected(response))
            {
                return response;
            }

            Assert.True(DateTime.UtcNow < until, $"Still {(int)response.StatusCode} after {Patience.TotalSeconds} s.");
            await Task.Delay(100);
        }
    }
}
