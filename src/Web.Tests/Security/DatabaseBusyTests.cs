using System.Net;
using System.Net.Http.Headers;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace ChildProtection.Web.Tests.Security;

/// <summary>
/// A write that cannot get its turn at the database within Database:WriteTimeout fails with a clear message, never
/// hangs, and the same write goes through once the database is free again.
/// </summary>
public sealed class DatabaseBusyTests : IAsyncLifetime
{
    private readonly SiteFactory _site = new SiteFactory().With("Database:WriteTimeout", "00:00:01");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task Register_WhileAnotherProgramHoldsTheWriteLock_Answers503InVietnameseThenSucceeds()
    {
        var province = new TestProvince(_site);
        await province.AddUnitAsync("truong", null);
        using var client = new StaffClient(_site);
        var email = $"ban-{Guid.NewGuid():n}"[..14] + "@example.vn";
        var form = new Dictionary<string, string>
        {
            ["FullName"] = "Đỗ Văn Hùng",
            ["Email"] = email,
            ["Password"] = LearnerSignIn.Password,
            ["Role"] = "Teacher",
            ["UnitId"] = province.Units["truong"].Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        HttpResponseMessage busy;
        await using (var holder = new SqliteConnection($"Data Source={Path.Combine(_site.DataPath, "childprotection.db")}"))
        {
            await holder.OpenAsync();
            await using var begin = holder.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE;";
            await begin.ExecuteNonQueryAsync();

            busy = await client.PostFormAsync("/hoc-tap/dang-ky", "/hoc-tap/dang-ky", new(form)).WaitAsync(TimeSpan.FromSeconds(30));

            await using var rollback = holder.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.NotNull(busy.Headers.RetryAfter);
        Assert.Contains("Hệ thống đang bận", await busy.Content.ReadAsStringAsync());

        var again = await client.PostFormAsync("/hoc-tap/dang-ky", "/hoc-tap/dang-ky", new(form));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single(await SmtpSink.WaitForAsync(email));
    }

    [Fact]
    public async Task Write_AskedForJsonWhileBusy_AnswersProblemDetailsInVietnamese()
    {
        using var client = new StaffClient(_site);
        client.Http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var province = new TestProvince(_site);
        await province.AddUnitAsync("truong", null);

        await using var holder = new SqliteConnection($"Data Source={Path.Combine(_site.DataPath, "childprotection.db")}");
        await holder.OpenAsync();
        await using var begin = holder.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE;";
        await begin.ExecuteNonQueryAsync();
        var busy = await client.PostFormAsync("/hoc-tap/dang-ky", "/hoc-tap/dang-ky", new()
        {
            ["FullName"] = "Đỗ Văn Hùng",
            ["Email"] = $"api-{Guid.NewGuid():n}"[..14] + "@example.vn",
            ["Password"] = LearnerSignIn.Password,
            ["Role"] = "Teacher",
            ["UnitId"] = province.Units["truong"].Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.Equal("application/problem+json", busy.Content.Headers.ContentType?.MediaType);
        Assert.Contains("vài giây", await busy.Content.ReadAsStringAsync());
    }
}
