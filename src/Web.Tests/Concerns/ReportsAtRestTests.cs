using System.Diagnostics;
using System.Net;
using System.Text;
using ChildProtection.Concerns.Persistence;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ChildProtection.Web.Tests.Concerns;

/// <summary>
/// What a stolen copy of the database reveals of a report (nothing), the limits on guessing and flooding, two officers
/// acting at once and the case log's protection, on a site of the test's own with small limits, SQLite then PostgreSQL.
/// </summary>
public abstract class ReportsAtRestTests : IAsyncLifetime
{
    private SiteFactory _site = null!;

    protected abstract bool OnPostgreSql { get; }

    public Task InitializeAsync()
    {
        _site = new SiteFactory().With("Concerns:ReceiptTriesPerClientPerHour", "4").With("Concerns:ReportsPerClientPerHour", "3");
        if (OnPostgreSql)
        {
            _site.OnOwnPostgreSql();
        }

        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task Send_ReportWithContactAndPicture_TheDatabaseHoldsNoneOfIt()
    {
        var phrase = $"Chú hàng xóm nhắn tin lạ cho em {Guid.NewGuid():n}";
        var contact = $"09{Random.Shared.Next(10_000_000, 99_999_999)}";
        var picture = ConcernTestData.NoisePicture(7);
        using var child = _site.CreateServerClient();

        var sent = await ConcernTestData.SendAsync(child, phrase, null, contact, picture, "OnlineBullying");
        var receipt = ConcernTestData.ReceiptCode(await sent.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);

        var dump = await DumpAsync();
        Assert.True(dump.Length > 10_000, "The dump is too small to mean anything.");
        // The random pixels, compressed as the PNG holds them: any 32 bytes of them would be in a copy that kept the picture.
        var pixels = picture.AsSpan(picture.Length / 2, 32).ToArray();
        foreach (var (what, needle) in new[]
        {
            ("the story", Encoding.UTF8.GetBytes(phrase[..30])),
            ("the contact", Encoding.UTF8.GetBytes(contact)),
            ("the receipt code", Encoding.UTF8.GetBytes(receipt.Replace(" ", ""))),
            ("the picture", pixels),
            ("the picture as hex", Encoding.ASCII.GetBytes(Convert.ToHexStringLower(pixels))),
        })
        {
            Assert.True(dump.AsSpan().IndexOf(needle) < 0, $"The database copy holds {what}.");
        }
    }

    [Fact]
    public async Task Follow_WrongCodes_SameAnswerWhetherMalformedOrUnknown_ThenLimited()
    {
        using var child = _site.CreateServerClient();
        var sent = await ConcernTestData.SendAsync(child, "Em bị bạn đánh ở cổng trường", null, null, null, "PhysicalViolence");
        var receipt = ConcernTestData.ReceiptCode(await sent.Content.ReadAsStringAsync());

        var unknown = await FollowAsync(child, "1234 5678 9012 3456");
        var malformed = await FollowAsync(child, "12");
        var right = await FollowAsync(child, receipt);
        var wrong = await FollowAsync(child, "9999 9999 9999 9999");
        var limited = await FollowAsync(child, receipt);

        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal((unknown.Status, unknown.Alert), (malformed.Status, malformed.Alert));
        Assert.Contains("Không mở được báo tin với mã này", unknown.Alert);
        Assert.Equal(HttpStatusCode.OK, right.Status);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Contains("Đã thử quá nhiều lần", limited.Alert);
    }

    [Fact]
    public async Task Send_MoreThanTheLimitFromOneAddress_RefusedWithAMessage_TextKept_NoneLostBelowIt()
    {
        using var school = _site.CreateServerClient();
        var codes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var accepted = await ConcernTestData.SendAsync(school, $"Báo tin số {i}", null, null, null);
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            codes.Add(ConcernTestData.ReceiptCode(await accepted.Content.ReadAsStringAsync()));
        }

        var refused = await ConcernTestData.SendAsync(school, "Báo tin thứ tư của trường", null, null, null);
        var page = Html.Parse(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("quá nhiều báo tin", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal("Báo tin thứ tư của trường", page.QuerySelector("#What")!.TextContent);
        await using var scope = _site.Services.CreateAsyncScope();
        Assert.Equal(3, await scope.ServiceProvider.GetRequiredService<ConcernsDbContext>().Reports.CountAsync());
        Assert.Equal(3, codes.Distinct().Count());
    }

    [Fact]
    public async Task SetStatus_TwoOfficersAtOnceOnTheSameVersion_OneSavedTheOtherToldToCheck()
    {
        var (_, first) = await ConcernTestData.OfficerAsync(_site, null);
        var (_, second) = await ConcernTestData.OfficerAsync(_site, null);
        using var child = _site.CreateServerClient();
        await ConcernTestData.SendAsync(child, "Em bị bỏ đói nhiều ngày", null, null, null, "Neglect");
        var (_, list) = await first.Http.GetPageAsync("/backoffice/bao-tin");
        var url = list.QuerySelector(".concern-cases a")!.GetAttribute("href")!;

        var fields = new Dictionary<string, string> { ["Version"] = "0", ["Status"] = "InProgress" };
        var results = await Task.WhenAll(
            first.PostFormAsync(url, $"{url}/trang-thai", new(fields)),
            second.PostFormAsync(url, $"{url}/trang-thai", new(fields) { ["Status"] = "Referred", ["Referral"] = "Police" }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], results.Select(r => r.StatusCode).Order());
        var refused = results.Single(r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Contains("Một cán bộ khác vừa thay đổi báo tin này", await refused.Content.ReadAsStringAsync());
        await using var scope = _site.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<ConcernsDbContext>().Reports.SingleAsync();
        Assert.Equal(1, report.Version);
    }

    [Fact]
    public async Task CaseLog_ChangedOrDeletedInTheDatabase_Refused()
    {
        using var child = _site.CreateServerClient();
        await ConcernTestData.SendAsync(child, "Em bị bắt làm việc ở xưởng", null, null, null, "ChildLabour");
        await using var scope = _site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConcernsDbContext>();

        await Assert.ThrowsAnyAsync<Exception>(() => db.CaseEntries.ExecuteUpdateAsync(e => e.SetProperty(x => x.Detail, "sửa")));
        await Assert.ThrowsAnyAsync<Exception>(() => db.CaseEntries.ExecuteDeleteAsync());
        Assert.Equal("Normal", (await db.CaseEntries.AsNoTracking().SingleAsync()).Detail);
    }

    private async Task<(HttpStatusCode Status, string Alert)> FollowAsync(HttpClient client, string code)
    {
        var (_, page) = await client.GetPageAsync("/bao-tin/theo-doi");
        var fields = page.FormFields("/bao-tin/theo-doi");
        fields["code"] = code;
        var response = await client.PostAsync("/bao-tin/theo-doi", new FormUrlEncodedContent(fields));
        var answer = Html.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, answer.QuerySelector("[role=alert]")?.TextContent.Trim() ?? "");
    }

    /// <summary>What a thief with a copy of the database would hold: the SQLite files, or a pg_dump of the PostgreSQL database.</summary>
    private async Task<byte[]> DumpAsync()
    {
        if (!OnPostgreSql)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            // The last connection to close checkpoints the write-ahead log into the database and removes it, maybe
            // while the files are read: then they are read again, all of them, so that nothing falls between the two.
            for (var attempt = 1; ; attempt++)
            {
                var files = Directory.GetFiles(_site.DataPath, "*.db*");
                Assert.NotEmpty(files);
                try
                {
                    return files.SelectMany(File.ReadAllBytes).ToArray();
                }
                catch (FileNotFoundException) when (attempt < 10)
                {
                    await Task.Delay(100);
                }
            }
        }

        var server = new NpgsqlConnectionStringBuilder(TestPostgres.Server);
        var dump = new ProcessStartInfo("pg_dump", ["-h", server.Host!, "-p", server.Port.ToString(), "-U", server.Username!, "--no-owner", _site.OwnDatabase!])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        dump.Environment["PGPASSWORD"] = server.Password;
        using var process = Process.Start(dump)!;
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        var errors = await process.StandardError.ReadToEndAsync();
        await copy;
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, errors);
        return output.ToArray();
    }
}

public sealed class SqliteReportsAtRestTests : ReportsAtRestTests
{
    protected override bool OnPostgreSql => false;
}

public sealed class PostgresReportsAtRestTests : ReportsAtRestTests
{
    protected override bool OnPostgreSql => true;
}
