using System.Net;
using System.Text.Json;
using ChildProtection.Cms.Search;
using ChildProtection.Web.Features.Email;
using ChildProtection.Web.Persistence;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Hosting;

/// <summary>What a load balancer and an operator read from /healthz: the state for everyone, the reasons for trusted networks only.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task LiveAndReady_AHealthySite_AnswerHealthyWithEachCheckForTheLocalNetwork()
    {
        using var site = new SiteFactory();
        using var client = site.CreateServerClient();
        await site.Services.GetRequiredService<SearchIndexes>().WhenReady;

        var live = await client.GetAsync("/healthz/live");
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (live.StatusCode, JsonDocument.Parse(await live.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString()));

        var ready = await ReadyAsync(client);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (ready.Status, ready.Report.GetProperty("status").GetString()));
        Assert.Equal(["changefeed", "content", "database", "outbox", "search"], Checks(ready.Report).Keys.Order());
        Assert.All(Checks(ready.Report).Values, status => Assert.Equal("Healthy", status));
    }

    [Fact]
    public async Task Ready_AskedFromOutsideTheTrustedNetworks_TellsTheStateAlone()
    {
        using var site = new SiteFactory().With("ReverseProxy:TrustedNetworks:0", "10.0.0.0/8");
        using var client = site.CreateServerClient();

        var ready = await client.GetAsync("/healthz/ready");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Matches("^(Healthy|Degraded)$", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ready_AnEmailUnsentForAnHour_DegradedButStillInRotation()
    {
        using var site = new SiteFactory();
        using var client = site.CreateServerClient();
        await site.Services.GetRequiredService<SearchIndexes>().WhenReady;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SiteDbContext>();
            var queued = DateTime.UtcNow.AddHours(-1);
            db.Outbox.Add(new OutboxMessage { To = "ai-do@example.vn", Subject = "Thử", TextBody = "Thử", CreatedUtc = queued, NextAttemptUtc = DateTime.UtcNow.AddHours(1) });
            await db.SaveChangesAsync();
        }

        var ready = await ReadyAsync(client);

        Assert.Equal((HttpStatusCode.OK, "Degraded"), (ready.Status, ready.Report.GetProperty("status").GetString()));
        Assert.Equal("Degraded", Checks(ready.Report)["outbox"]);
        Assert.Contains("SMTP", ready.Report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "outbox").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Ready_ItsPostgreSqlDatabaseGone_UnhealthyAndOutOfRotation_WhileLiveStillAnswers()
    {
        await using var site = new SiteFactory().OnOwnPostgreSql();
        using var client = site.CreateServerClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/ready")).StatusCode);

        await TestPostgres.DropAsync(site.OwnDatabase!);
        var ready = await ReadyAsync(client);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
        Assert.Equal("Unhealthy", Checks(ready.Report)["database"]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live")).StatusCode);
    }

    [Fact]
    public async Task Ready_ItsPostgreSqlServerRefusesConnections_UnhealthyUntilItTakesThemAgain()
    {
        await using var site = new SiteFactory().OnOwnPostgreSql();
        using var client = site.CreateServerClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/ready")).StatusCode);

        // As a database stopped for maintenance: no new connection, and the site's open ones cut.
        await AdministerAsync($"ALTER DATABASE \"{site.OwnDatabase}\" ALLOW_CONNECTIONS false");
        await AdministerAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{site.OwnDatabase}'");
        var down = await ReadyAsync(client);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.Status);
        Assert.Equal("Unhealthy", Checks(down.Report)["database"]);

        await AdministerAsync($"ALTER DATABASE \"{site.OwnDatabase}\" ALLOW_CONNECTIONS true");
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while ((await ReadyAsync(client)).Status != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < until, "The site stayed out of rotation after its database took connections again.");
            await Task.Delay(200);
        }

        Assert.Equal("Healthy", Checks((await ReadyAsync(client)).Report)["database"]);
    }

    private static async Task AdministerAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection($"{TestPostgres.Server};Database=postgres;Pooling=false");
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<(HttpStatusCode Status, JsonElement Report)> ReadyAsync(HttpClient client)
    {
        var response = await client.GetAsync("/healthz/ready");
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    private static Dictionary<string, string> Checks(JsonElement report) =>
        report.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString()!);
}
