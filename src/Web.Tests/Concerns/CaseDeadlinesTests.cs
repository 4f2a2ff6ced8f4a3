using System.Net;
using ChildProtection.Concerns.Persistence;
using ChildProtection.Concerns.Reports;
using ChildProtection.Web.Hosting;
using ChildProtection.Web.Tests.Infrastructure;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChildProtection.Web.Tests.Concerns;

/// <summary>
/// A case's life after it arrives: moved up when no one acknowledges it in time (the recurring job, run through
/// Hangfire with a clock the test moves), handed to another unit, assigned to a colleague, erased at the end of its
/// retention. On a site of the test's own, SQLite then PostgreSQL.
/// </summary>
public abstract class CaseDeadlinesTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private SiteFactory _site = null!;
    private TestProvince _province = null!;

    protected abstract bool OnPostgreSql { get; }

    public async Task InitializeAsync()
    {
        _site = new SiteFactory().WithClock(_clock);
        if (OnPostgreSql)
        {
            _site.OnOwnPostgreSql();
        }

        _province = new TestProvince(_site);
        await _province.AddTwoCommunesAsync();
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task Escalation_ASchoolOfficerLetsTheTimePass_TheCaseMovesToTheCommune_RecordedAndTold_AnAcknowledgedOneStays()
    {
        var (schoolOfficer, school) = await ConcernTestData.OfficerAsync(_site, _province.Units["truong-a1"].Id);
        var (communeOfficer, commune) = await ConcernTestData.OfficerAsync(_site, _province.Units["xa-a"].Id);
        var late = await SendAsync("Em bị chú hàng xóm sờ vào người", "SexualAbuse");
        var handled = await SendAsync("Em bị bạn đánh ở sân trường", "PhysicalViolence");
        Assert.Equal(2, (await SmtpSink.WaitForAsync(schoolOfficer, 2)).Count);
        var handledPage = $"/backoffice/bao-tin/{handled}";
        Assert.Equal(HttpStatusCode.OK, (await school.PostFormAsync(handledPage, $"{handledPage}/tiep-nhan", new() { ["version"] = "0" })).StatusCode);

        // High urgency: 12 hours to acknowledge. One minute short of them nothing moves; one minute past, the job moves it.
        _clock.Advance(TimeSpan.FromHours(12) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await RunAsync(RecurringJobs.ConcernEscalationJob, () => CountAsync(CaseEntryKind.Escalated)));
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await RunAsync(RecurringJobs.ConcernEscalationJob, () => CountAsync(CaseEntryKind.Escalated), expected: 1));

        var notice = Assert.Single(await SmtpSink.WaitForAsync(communeOfficer));
        Assert.Contains("chưa được tiếp nhận đúng hạn", notice.TextBody);
        Assert.DoesNotContain("sờ vào người", notice.TextBody);
        var page = $"/backoffice/bao-tin/{late}";
        var opened = await commune.Http.GetAsync(page);
        var html = await opened.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains("Chuyển lên cấp trên do quá hạn tiếp nhận", html);
        Assert.Contains($"{_province.Units["truong-a1"].Name} → {_province.Units["xa-a"].Name}", html);
        Assert.Equal(HttpStatusCode.Forbidden, (await school.Http.GetAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await school.Http.GetAsync(handledPage)).StatusCode);
        await using var scope = _site.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<ConcernsDbContext>().Reports.AsNoTracking().SingleAsync(r => r.Key == late);
        Assert.Equal(_clock.GetUtcNow().UtcDateTime.AddHours(12), report.AcknowledgeByUtc, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Transfer_ToAnotherCommuneWithAReason_ItsOfficerToldAndReadsTheReason_TheFirstNoLongerSeesIt()
    {
        var (_, communeA) = await ConcernTestData.OfficerAsync(_site, _province.Units["xa-a"].Id);
        var (officerB, communeB) = await ConcernTestData.OfficerAsync(_site, _province.Units["xa-b"].Id);
        var key = await SendAsync("Em phải đi bán vé số đến tối", "ChildLabour");
        var page = $"/backoffice/bao-tin/{key}";

        var unknown = await communeA.PostFormAsync(page, $"{page}/chuyen-don-vi", new() { ["version"] = "0", ["unit"] = "Không có đơn vị này", ["reason"] = "Thử" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Hãy chọn đơn vị trong danh sách", await unknown.Content.ReadAsStringAsync());

        var reason = $"Gia đình em sống ở xã bên {Guid.NewGuid():n}"[..40];
        var moved = await communeA.PostFormAsync(page, $"{page}/chuyen-don-vi", new() { ["version"] = "0", ["unit"] = _province.Units["xa-b"].Name, ["reason"] = reason });

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Contains("không còn trong danh sách của anh/chị", await moved.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await communeA.Http.GetAsync(page)).StatusCode);
        Assert.Contains("chuyển một báo tin đến đơn vị của anh/chị", Assert.Single(await SmtpSink.WaitForAsync(officerB)).TextBody);
        var log = await (await communeB.Http.GetAsync(page)).Content.ReadAsStringAsync();
        Assert.Contains(reason, log);
        Assert.Contains($"{_province.Units["xa-a"].Name} → {_province.Units["xa-b"].Name}", log);
    }

    [Fact]
    public async Task Assign_ToAColleagueWhoSeesTheCase_ToldAndShown_AnOfficerOfAnotherCommuneRefused()
    {
        var (_, communeA) = await ConcernTestData.OfficerAsync(_site, _province.Units["xa-a"].Id);
        var (provinceOfficer, _) = await ConcernTestData.OfficerAsync(_site, null);
        var (otherCommuneOfficer, _) = await ConcernTestData.OfficerAsync(_site, _province.Units["xa-b"].Id);
        var key = await SendAsync("Em bị bố mẹ bỏ mặc ở nhà một mình", "Neglect");
        var page = $"/backoffice/bao-tin/{key}";
        string IdOf(string email)
        {
            using var scope = _site.Services.CreateScope();
            return scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Features.Accounts.StaffUser>>().FindByEmailAsync(email).Result!.Id;
        }

        var refused = await communeA.PostFormAsync(page, $"{page}/phan-cong", new() { ["version"] = "0", ["assignee"] = IdOf(otherCommuneOfficer) });
        var assigned = await communeA.PostFormAsync(page, $"{page}/phan-cong", new() { ["version"] = "0", ["assignee"] = IdOf(provinceOfficer) });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Chỉ có thể phân công cho cán bộ tiếp nhận được xem báo tin này", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        var facts = Html.Parse(await assigned.Content.ReadAsStringAsync()).QuerySelector(".case-facts")!.TextContent;
        Assert.Contains("Nhân viên thử", facts);
        Assert.Contains("phân công cho anh/chị", Assert.Single(await SmtpSink.WaitForAsync(provinceOfficer)).TextBody);
    }

    [Fact]
    public async Task Retention_AClosedCaseAfterItsMonths_ErasedForGood_CountsAndLogStay_TheCodeOpensNothing()
    {
        var (email, officer) = await ConcernTestData.OfficerAsync(_site, _province.Units["xa-a"].Id);
        using var child = _site.CreateServerClient();
        var sent = await ConcernTestData.SendAsync(child, "Em bị bắt nạt trên mạng xã hội", _province.Units["truong-a2"].Name, null, ConcernTestData.NoisePicture(5), "OnlineBullying");
        var receipt = ConcernTestData.ReceiptCode(await sent.Content.ReadAsStringAsync());
        var key = await LatestKeyAsync();
        var page = $"/backoffice/bao-tin/{key}";
        var closed = await officer.PostFormAsync(page, $"{page}/trang-thai", new() { ["Version"] = "0", ["Status"] = "Closed", ["Outcome"] = "Supported" });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);

        _clock.Advance(TimeSpan.FromDays(23 * 31));
        Assert.Equal(0, await RunAsync(RecurringJobs.ConcernRetentionJob, () => CountAsync(CaseEntryKind.Erased)));
        _clock.Advance(TimeSpan.FromDays(62));
        Assert.Equal(1, await RunAsync(RecurringJobs.ConcernRetentionJob, () => CountAsync(CaseEntryKind.Erased), expected: 1));

        // Two years on, the officer signs in again.
        await officer.SignInAsync(email);
        var erased = await (await officer.Http.GetAsync(page)).Content.ReadAsStringAsync();
        Assert.Contains("đã được xóa vĩnh viễn", erased);
        Assert.DoesNotContain("bắt nạt trên mạng xã hội", erased);
        await using var scope = _site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConcernsDbContext>();
        var report = await db.Reports.AsNoTracking().SingleAsync(r => r.Key == key);
        Assert.Equal((null, 0, ConcernCategory.OnlineBullying), (report.SealedKey, report.Content.Length, report.Category));
        Assert.False(await db.Attachments.AnyAsync(a => a.ReportId == report.Id));
        var (_, follow) = await child.GetPageAsync("/bao-tin/theo-doi");
        var fields = follow.FormFields("/bao-tin/theo-doi");
        fields["code"] = receipt;
        Assert.Equal(HttpStatusCode.BadRequest, (await child.PostAsync("/bao-tin/theo-doi", new FormUrlEncodedContent(fields))).StatusCode);
    }

    private async Task<Guid> SendAsync(string what, string category)
    {
        using var child = _site.CreateServerClient();
        var sent = await ConcernTestData.SendAsync(child, what, _province.Units["truong-a1"].Name, null, null, category);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        return await LatestKeyAsync();
    }

    private async Task<Guid> LatestKeyAsync()
    {
        await using var scope = _site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ConcernsDbContext>().Reports.OrderByDescending(r => r.Id).Select(r => r.Key).FirstAsync();
    }

    private async Task<int> CountAsync(CaseEntryKind kind)
    {
        await using var scope = _site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ConcernsDbContext>().CaseEntries.CountAsync(e => e.Kind == kind);
    }

    /// <summary>Triggers the recurring job through Hangfire and waits for <paramref name="count"/> to reach <paramref name="expected"/> (or for the job to have run).</summary>
    private async Task<int> RunAsync(string job, Func<Task<int>> count, int expected = 0)
    {
        var storage = _site.Services.GetRequiredService<JobStorage>();
        string? LastRun()
        {
            using var connection = storage.GetConnection();
            return connection.GetAllEntriesFromHash($"recurring-job:{job}")?.GetValueOrDefault("LastJobId");
        }

        var before = LastRun();
        _site.Services.GetRequiredService<IRecurringJobManager>().Trigger(job);
        for (var waited = 0; waited < 60; waited++)
        {
            await Task.Delay(500);
            var lastRun = LastRun();
            if (lastRun is not null && lastRun != before && storage.GetMonitoringApi().JobDetails(lastRun)?.History.FirstOrDefault()?.StateName is "Succeeded" or "Failed")
            {
                break;
            }
        }

        var found = await count();
        Assert.True(found == expected, $"{job}: {found} found, {expected} expected.");
        return found;
    }
}

public sealed class SqliteCaseDeadlinesTests : CaseDeadlinesTests
{
    protected override bool OnPostgreSql => false;
}

public sealed class PostgresCaseDeadlinesTests : CaseDeadlinesTests
{
    protected override bool OnPostgreSql => true;
}
