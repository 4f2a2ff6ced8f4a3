using System.Globalization;
using System.Net;
using ChildProtection.Training.Learning;
using ChildProtection.Training.Persistence;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace ChildProtection.Web.Tests.Training;

/// <summary>
/// Training reports over HTTP, on a province of their own (the seeded site is shared): a commune's manager sees only
/// that commune, and the spreadsheet's figures are the database's.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class ReportPageTests(SiteFactory site, BrowserFixture browser) : IAsyncLifetime, IClassFixture<BrowserFixture>
{
    private readonly TestProvince _province = new(site);
    private CourseOutline _course = null!;

    public async Task InitializeAsync()
    {
        _course = site.Services.GetRequiredService<ICourseCatalog>().Courses[0];
        await _province.AddTwoCommunesAsync();
        await AddLearnerAsync("Nguyễn Thị An", "truong-a1", completed: true);
        await AddLearnerAsync("Phạm Văn Bảo", "truong-a1", completed: false);
        await AddLearnerAsync("Lê Thị Cúc", "truong-a2", completed: true);
        await AddLearnerAsync("Trần Thị Ngoài", "truong-b1", completed: true);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task AddLearnerAsync(string name, string unit, bool completed)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var learning = scope.ServiceProvider.GetRequiredService<LearningService>();
        var (_, learner) = await learning.RegisterAsync(Guid.NewGuid().ToString(), name, $"hv-{Guid.NewGuid():N}"[..14] + "@example.vn", LearnerRole.Teacher, _province.Units[unit].Id);
        await learning.EnrolAsync(learner!, _course.Key);
        if (completed)
        {
            // Completion itself is tested elsewhere; here only its date matters.
            await scope.ServiceProvider.GetRequiredService<TrainingDbContext>().Enrolments
                .Where(e => e.LearnerId == learner!.Id).ExecuteUpdateAsync(e => e.SetProperty(x => x.CompletedUtc, DateTime.UtcNow));
        }
    }

    private string Id(string unit) => _province.Units[unit].Id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task ACommunesManager_CannotSeeAnotherCommunesFiguresOrLearners()
    {
        using var manager = await _province.ManagerAsync("xa-a");

        var (own, page) = await manager.Http.GetPageAsync("/backoffice/bao-cao");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(_province.Units["xa-a"].Name, page.QuerySelector("h2")!.TextContent);
        Assert.Equal("3", page.QuerySelector("[data-total=learners]")!.TextContent);
        Assert.Equal([$"truong-a1-{_province.Tag}", $"truong-a2-{_province.Tag}"], page.QuerySelectorAll("[data-table=units] tbody tr").Select(r => r.GetAttribute("data-unit")));
        Assert.DoesNotContain(_province.Units["xa-b"].Name, page.Body!.TextContent);

        Assert.Equal(HttpStatusCode.NotFound, (await manager.Http.GetAsync($"/backoffice/bao-cao?don-vi={Id("xa-b")}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.Http.GetAsync($"/backoffice/bao-cao?don-vi={Id("tinh")}")).StatusCode);
        var foreignLearners = await manager.Http.GetAsync($"/backoffice/bao-cao/hoc-vien?don-vi={Id("truong-b1")}");
        Assert.Equal(HttpStatusCode.NotFound, foreignLearners.StatusCode);
        Assert.DoesNotContain("Trần Thị Ngoài", await foreignLearners.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await manager.Http.GetAsync($"/backoffice/bao-cao/bao-cao.xlsx?don-vi={Id("xa-b")}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.Http.GetAsync($"/backoffice/bao-cao/bao-cao.csv?don-vi={Id("tinh")}")).StatusCode);

        var (_, school) = await manager.Http.GetPageAsync($"/backoffice/bao-cao/hoc-vien?don-vi={Id("truong-a1")}");
        Assert.Equal(["Nguyễn Thị An", "Phạm Văn Bảo"], school.QuerySelectorAll("[data-table=learners] tbody tr td:first-child").Select(c => c.TextContent));

        // Nor can the manager give a course to the other commune, whose units are not even offered.
        var (_, assignPage) = await manager.Http.GetPageAsync("/backoffice/giao-khoa-hoc");
        Assert.DoesNotContain(assignPage.QuerySelectorAll("#don-vi option"), o => o.GetAttribute("value") == Id("xa-b"));
        var refused = await manager.PostFormAsync("/backoffice/giao-khoa-hoc", "/backoffice/giao-khoa-hoc", new()
        {
            ["khoa-hoc"] = _course.Key.ToString(), ["don-vi"] = Id("xa-b"), ["vai-tro"] = "", ["han"] = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task TheExcelExport_OpensAndItsTotalsAreTheDatabases()
    {
        using var manager = await _province.ManagerAsync(null);
        var assigned = await manager.PostFormAsync("/backoffice/giao-khoa-hoc", "/backoffice/giao-khoa-hoc", new()
        {
            ["khoa-hoc"] = _course.Key.ToString(), ["don-vi"] = Id("xa-a"), ["vai-tro"] = "", ["han"] = DateTime.UtcNow.AddHours(7).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);

        var tomorrow = DateTime.UtcNow.AddHours(7).AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var response = await manager.Http.GetAsync($"/backoffice/bao-cao/bao-cao.xlsx?don-vi={Id("tinh")}&den={tomorrow}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["Theo đơn vị", "Theo khóa học", "Theo đối tượng"], stream.GetSheetNames());
        var rows = stream.Query(useHeaderRow: true, sheetName: "Theo đơn vị").Cast<IDictionary<string, object?>>().ToDictionary(r => (string)r["Mã đơn vị"]!);
        Assert.Equal(_province.Units.Values.Select(u => u.Code).Order(), rows.Keys.Order());

        // The database's own figures, counted without the report's code.
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        foreach (var (code, unit) in _province.Units)
        {
            var subtree = db.Units.Where(u => u.Id == unit.Id || u.Path.StartsWith(unit.Path + ","));
            var learners = await db.Learners.CountAsync(l => subtree.Any(u => u.Id == l.UnitId));
            var completed = await db.Enrolments.CountAsync(e => e.CompletedUtc != null && db.Learners.Any(l => l.Id == e.LearnerId && subtree.Any(u => u.Id == l.UnitId)));
            var row = rows[unit.Code];
            Assert.Equal(unit.Name, row["Đơn vị"]);
            Assert.Equal(learners, Convert.ToInt32(row["Số học viên"], CultureInfo.InvariantCulture));
            Assert.Equal(completed, Convert.ToInt32(row["Đã hoàn thành"], CultureInfo.InvariantCulture));
        }

        Assert.Equal(4, Convert.ToInt32(rows[_province.Units["tinh"].Code]["Số học viên"], CultureInfo.InvariantCulture));
        Assert.Equal(3, Convert.ToInt32(rows[_province.Units["xa-a"].Code]["Lượt được giao"], CultureInfo.InvariantCulture));
        Assert.Equal(2, Convert.ToInt32(rows[_province.Units["xa-a"].Code]["Hoàn thành khóa được giao"], CultureInfo.InvariantCulture));
        Assert.Equal(66.7, Convert.ToDouble(rows[_province.Units["xa-a"].Code]["Tỉ lệ hoàn thành (%)"], CultureInfo.InvariantCulture));
        Assert.Equal(0, Convert.ToInt32(rows[_province.Units["xa-b"].Code]["Lượt được giao"], CultureInfo.InvariantCulture));

        var csv = await manager.Http.GetByteArrayAsync($"/backoffice/bao-cao/bao-cao.csv?don-vi={Id("tinh")}&den={tomorrow}");
        Assert.Equal(System.Text.Encoding.UTF8.Preamble.ToArray(), csv[..3]);
        using var csvStream = new MemoryStream(csv);
        var csvRows = csvStream.Query(useHeaderRow: true, excelType: ExcelType.CSV).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(["Mã đơn vị", "Đơn vị", "Cấp", "Số học viên", "Lượt được giao", "Đã bắt đầu", "Đã hoàn thành", "Hoàn thành khóa được giao", "Tỉ lệ hoàn thành (%)", "Quá hạn chưa hoàn thành"], csvRows[0].Keys);
        Assert.Equal(rows.Keys.Order(), csvRows.Select(r => (string)r["Mã đơn vị"]!).Order());
    }

    [Fact]
    public async Task ThePage_DrawsItsChartsAndExplainsABadPeriodInVietnamese()
    {
        using var manager = await _province.ManagerAsync("tinh");

        var (_, page) = await manager.Http.GetPageAsync("/backoffice/bao-cao");
        Assert.Equal(2, page.QuerySelectorAll("svg[role=img]").Length);
        Assert.Equal([_province.Units["xa-a"].Name, _province.Units["xa-b"].Name], page.QuerySelectorAll("svg[role=img] title").Select(t => t.TextContent));

        var reversed = await manager.Http.GetAsync("/backoffice/bao-cao?tu=2026-12-31&den=2026-01-01");
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        Assert.Contains("“Từ ngày” phải trước “Đến ngày”", Html.Parse(await reversed.Content.ReadAsStringAsync()).QuerySelector("[role=alert]")!.TextContent);

        var (yearlyResponse, yearly) = await manager.Http.GetPageAsync("/backoffice/bao-cao/nam?nam=2026&han=10-25");
        Assert.Equal(HttpStatusCode.OK, yearlyResponse.StatusCode);
        Assert.Equal("Báo cáo kết quả tập huấn năm 2026", yearly.QuerySelector("h1")!.TextContent);
        Assert.Equal("Kỳ báo cáo: từ 26/10/2025 đến 25/10/2026", yearly.QuerySelector(".report-period")!.TextContent);
    }

    [Fact]
    public async Task OnAPhone_TheManagerDrillsDownToASchoolsLearners()
    {
        var email = await _province.NewManagerAsync("tinh");
        var page = await browser.NewPhonePageAsync();
        await page.GotoAsync($"{site.ServerAddress}/backoffice/dang-nhap");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", StaffClient.Password);
        await page.ClickAsync("form[action='/backoffice/dang-nhap'] button[type=submit]");
        await page.WaitForURLAsync("**/backoffice");

        await page.GotoAsync($"{site.ServerAddress}/backoffice/bao-cao");
        Assert.Equal(2, await page.Locator("svg[role=img] rect").CountAsync());
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), "the report scrolls sideways on a phone");

        await page.ClickAsync($"[data-table=units] a:text-is('{_province.Units["xa-a"].Name}')");
        await page.WaitForURLAsync($"**don-vi={_province.Units["xa-a"].Id}**");
        Assert.Equal(_province.Units["xa-a"].Name, await page.Locator("h2").TextContentAsync());
        await page.ClickAsync($"[data-unit='{_province.Units["truong-a1"].Code}'] a:text-is('Xem học viên')");
        await page.WaitForURLAsync("**/hoc-vien**");
        Assert.Equal(["Nguyễn Thị An", "Phạm Văn Bảo"], await page.Locator("[data-table=learners] tbody tr td:first-child").AllTextContentsAsync());
    }
}

