using System.Net;
using ChildProtection.Cms.Content;
using ChildProtection.Web.Infrastructure;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Hosting;

/// <summary>
/// Two nodes on one PostgreSQL database sharing their cached pages through Redis, as behind nginx (which forwards one
/// host name to both): a page one node rendered is served from the cache by the other, and what an editor or an
/// administrator changes on either node is shown by both, never a page of the state before.
/// </summary>
public sealed class SharedCacheTests
{
    private const string Editor = "bientap@example.vn";
    private const string PublicHost = "baovetreem.example.vn";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private static string Redis => Environment.GetEnvironmentVariable("CP_TEST_REDIS") is { Length: > 0 } configured ? configured : "127.0.0.1:6379";

    [Fact]
    public async Task APageRenderedOnOneNode_IsServedFromTheCacheByTheOther_AndChangesOnEitherAreShownByBoth()
    {
        // A prefix of this test's own: no other test's pages are in the way.
        var instance = $"cp-test-{Guid.NewGuid():n}:";
        await using var a = new SiteFactory().OnOwnPostgreSql().With("ConnectionStrings:Redis", Redis).With("Redis:InstanceName", instance);
        await using var b = new SiteFactory()
            .With("ConnectionStrings:Default", $"{TestPostgres.Server};Database={a.OwnDatabase}")
            .With("ConnectionStrings:Redis", Redis).With("Redis:InstanceName", instance);
        using var clientOfA = a.CreateServerClient();
        using var clientOfB = b.CreateServerClient();

        var key = await a.CreateLeafletAsync("Tờ rơi trên hai máy chủ", "Bản in thứ nhất.", Editor);
        await a.WithContentServiceAsync(content => content.PublishAsync(key, Editor));
        var url = a.Snapshot.Get(key)!.Url("vi")!;
        await EventuallyAsync(() => Task.FromResult(b.Snapshot.Fingerprint == a.Snapshot.Fingerprint), "B never held A's published state.");

        var rendered = await GetAsync(clientOfA, url);
        Assert.Null(rendered.Headers.Age);
        var fromCache = await GetAsync(clientOfB, url);
        Assert.NotNull(fromCache.Headers.Age);
        Assert.Contains("Bản in thứ nhất.", await fromCache.Content.ReadAsStringAsync());

        // A new version published on B: B shows it at once, A as soon as it has applied the change.
        await b.WithContentServiceAsync(content => content.SaveAndPublishAsync(key, new ContentEdit(
            new Dictionary<string, string> { ["vi"] = "Tờ rơi trên hai máy chủ" },
            [new("summary", "vi", "Tóm tắt."), new("audience", null, "[\"Cộng đồng\"]"), new("body", "vi", "Bản in thứ hai.")]), Editor));
        Assert.Contains("Bản in thứ hai.", await (await GetAsync(clientOfB, url)).Content.ReadAsStringAsync());
        await EventuallyAsync(async () => (await (await GetAsync(clientOfA, url)).Content.ReadAsStringAsync()).Contains("Bản in thứ hai."), "A kept serving the first version.");

        // The unit's hotline, changed on A, is on B's home page, which B had cached before.
        Assert.DoesNotContain("0299 777 111", await (await GetAsync(clientOfB, "/")).Content.ReadAsStringAsync());
        await a.Services.GetRequiredService<SiteSettings>().SaveAsync("Sở Giáo dục và Đào tạo tỉnh thử nghiệm", "0299 777 111", CancellationToken.None);
        Assert.Contains("0299 777 111", await (await GetAsync(clientOfA, "/")).Content.ReadAsStringAsync());
        await EventuallyAsync(async () => (await (await GetAsync(clientOfB, "/")).Content.ReadAsStringAsync()).Contains("0299 777 111"), "B kept the old hotline.");
    }

    [Fact]
    public async Task RedisDown_EveryPageIsStillServed_AndReadinessSaysDegraded()
    {
        // Nothing listens on port 1.
        await using var site = new SiteFactory().With("ConnectionStrings:Redis", "127.0.0.1:1,connectTimeout=500");
        using var client = site.CreateServerClient();

        for (var i = 0; i < 2; i++)
        {
            var page = await GetAsync(client, "/");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Null(page.Headers.Age);
        }

        var ready = await (await client.GetAsync("/healthz/ready")).Content.ReadAsStringAsync();
        Assert.Contains("\"status\":\"Degraded\"", ready);
        Assert.Contains("Redis does not answer", ready);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Host = PublicHost;
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private static async Task EventuallyAsync(Func<Task<bool>> done, string otherwise)
    {
        var until = DateTime.UtcNow + Patience;
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < until, otherwise);
            await Task.Delay(100);
        }
    }
}
