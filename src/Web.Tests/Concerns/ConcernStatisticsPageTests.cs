using System.Net;
using ChildProtection.Concerns.Persistence;
using ChildProtection.Concerns.Reports;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace ChildProtection.Web.Tests.Concerns;

/// <summary>
/// The statistics page and its exports over HTTP: a commune's officer counts the commune's reports only, an administrator
/// the whole province's, a writer is refused. The reports are of 2019, a year no other class writes to; each test adds
/// its own communes' four.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class ConcernStatisticsPageTests(SiteFactory site) : IAsyncLifetime
{
    private const string Year2019 = "?tu=2019-01-01&den=2019-12-31";
    private readonly TestProvince _province = new(site);

    public async Task InitializeAsync()
    {
        await _province.AddTwoCommunesAsync();
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConcernsDbContext>();
        db.Reports.AddRange(
            Report("truong-a1", ConcernCategory.SchoolBullying, ReporterRole.Child, ConcernUrgency.Normal, CaseStatus.Acknowledged, new(2019, 3, 4, 2, 0, 0), TimeSpan.FromHours(2)),
            Report("truong-a1", ConcernCategory.PhysicalViolence, ReporterRole.Teacher, ConcernUrgency.Emergency, CaseStatus.Closed, new(2019, 3, 20, 2, 0, 0), TimeSpan.FromMinutes(30)),
            Report("xa-a", ConcernCategory.Neglect, ReporterRole.ParentOrCarer, ConcernUrgency.High, CaseStatus.New, new(2019, 5, 1, 2, 0, 0), null),
            Report("truong-b1", ConcernCategory.OnlineBullying, ReporterRole.Child, ConcernUrgency.Normal, CaseStatus.New, new(2019, 5, 2, 2, 0, 0), null));
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Index_CommuneOfficer_CountsTheCommunesReportsOnly()
    {
        var officer = await OfficerOfCommuneAAsync();

        var (response, page) = await officer.Http.GetPageAsync("/backoffice/bao-tin/thong-ke" + Year2019);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(_province.Units["xa-a"].Name, page.QuerySelector("h2")!.TextContent);
        Assert.Equal("3", page.QuerySelector("[data-total=reports]")!.TextContent);
        Assert.Equal(
            [(_province.Units["truong-a1"].Name, "2"), (_province.Units["xa-a"].Name, "1")],
            Rows(page, "units"));
        Assert.Contains(("Bạo lực, bắt nạt học đường", "1"), Rows(page, "categories"));
        Assert.Contains(("Bắt nạt, xâm hại trên mạng", "0"), Rows(page, "categories"));
        Assert.Contains(("03/2019", "2"), Rows(page, "months"));
        Assert.Contains(("05/2019", "1"), Rows(page, "months"));
        Assert.DoesNotContain(_province.Units["truong-b1"].Name, page.Body!.TextContent);
        // Acknowledged after 30 minutes and 2 hours, both in time; the high-urgency report of May is long past its 12 hours.
        var all = page.QuerySelector("[data-table=acknowledgement] tr[data-urgency=all]")!.QuerySelectorAll("td").Select(c => c.TextContent).ToList();
        Assert.Equal(["Tất cả", "3", "2", "1 giờ 15 phút", "2", "3", "66,7%"], all);
        Assert.NotNull(page.QuerySelector("svg[role=img]"));
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Index_Administrator_CountsTheWholeProvince_FromTheMenu()
    {
        using var administrator = new StaffClient(site);
        await administrator.SignInAsAdministratorAsync();

        var (response, page) = await administrator.Http.GetPageAsync("/backoffice/bao-tin/thong-ke" + Year2019);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(page.QuerySelector(".menu a[href='/backoffice/bao-tin/thong-ke']"));
        Assert.Null(page.QuerySelector(".menu a[href='/backoffice/bao-tin']"));
        Assert.Equal("Toàn tỉnh", page.QuerySelector("h2")!.TextContent);
        var units = Rows(page, "units");
        Assert.Contains((_province.Units["truong-a1"].Name, "2"), units);
        Assert.Contains((_province.Units["xa-a"].Name, "1"), units);
        Assert.Contains((_province.Units["truong-b1"].Name, "1"), units);
        // Other tests of this class add their own communes' reports of 2019: every unit's are in the total.
        Assert.Equal(units.Sum(u => int.Parse(u.Count)).ToString(), page.QuerySelector("[data-total=reports]")!.TextContent);
    }

    [Fact]
    public async Task Index_Writer_Refused()
    {
        using var writer = new StaffClient(site);
        await writer.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.Writer));

        var page = await writer.Http.GetAsync("/backoffice/bao-tin/thong-ke" + Year2019);
        var export = await writer.Http.GetAsync("/backoffice/bao-tin/thong-ke.xlsx" + Year2019);

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, export.StatusCode);
        Assert.DoesNotContain(_province.Units["xa-a"].Name, await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Index_ReversedPeriod_MessageInVietnamese_ThisYearShown()
    {
        var officer = await OfficerOfCommuneAAsync();

        var (response, page) = await officer.Http.GetPageAsync("/backoffice/bao-tin/thong-ke?tu=2019-12-31&den=2019-01-01");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Ngày bắt đầu sau ngày kết thúc", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal("0", page.QuerySelector("[data-total=reports]")!.TextContent);
    }

    [Fact]
    public async Task CasesList_Officer_LinksToTheStatistics()
    {
        var officer = await OfficerOfCommuneAAsync();

        var (_, page) = await officer.Http.GetPageAsync("/backoffice/bao-tin");

        Assert.Equal("/backoffice/bao-tin/thong-ke", page.QuerySelector("a[data-statistics]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Excel_CommuneOfficer_WorkbookHoldsTheCommunesCounts()
    {
        var officer = await OfficerOfCommuneAAsync();

        var response = await officer.Http.GetAsync("/backoffice/bao-tin/thong-ke.xlsx" + Year2019);
        using var workbook = new MemoryStream(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"thong-ke-bao-tin-xa-a-{_province.Tag}-2019-01-01-2019-12-31.xlsx", response.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        Assert.Equal(["Theo đơn vị", "Theo loại việc", "Theo người báo tin", "Theo tháng", "Theo tình trạng", "Thời gian tiếp nhận"], workbook.GetSheetNames());
        var units = Sheet(workbook, "Theo đơn vị");
        Assert.Equal(
            [($"truong-a1-{_province.Tag}", 2.0), ($"xa-a-{_province.Tag}", 1.0)],
            units.Select(r => ((string)r["Mã đơn vị"]!, Convert.ToDouble(r["Số báo tin"]))));
        var reporters = Sheet(workbook, "Theo người báo tin").ToDictionary(r => (string)r["Mục"]!, r => Convert.ToDouble(r["Số báo tin"]));
        Assert.Equal(4, reporters.Count);
        Assert.Equal([1.0, 1.0, 1.0, 0.0], reporters.Values);
        Assert.Equal(12, Sheet(workbook, "Theo tháng").Count);
        var all = Sheet(workbook, "Thời gian tiếp nhận").Single(r => (string)r["Mục"]! == "Tất cả");
        Assert.Equal(
            [3.0, 2.0, 1.25, 2.0, 3.0, 66.7],
            new[] { "Số báo tin", "Đã tiếp nhận", "Thời gian tiếp nhận trung vị (giờ)", "Tiếp nhận đúng hạn", "Đã đến hạn tiếp nhận", "Tỉ lệ tiếp nhận đúng hạn" }
                .Select(column => Convert.ToDouble(all[column])));
    }

    [Fact]
    public async Task Excel_PeriodWithoutReports_WorkbookOfZeros()
    {
        var officer = await OfficerOfCommuneAAsync();

        var response = await officer.Http.GetAsync("/backoffice/bao-tin/thong-ke.xlsx?tu=2001-01-01&den=2001-02-28");
        using var workbook = new MemoryStream(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(Sheet(workbook, "Theo đơn vị"));
        Assert.Equal([("01/2001", 0.0), ("02/2001", 0.0)], Sheet(workbook, "Theo tháng").Select(r => ((string)r["Mục"]!, Convert.ToDouble(r["Số báo tin"]))));
    }

    [Fact]
    public async Task Csv_Administrator_EveryTableInOneWithItsGroup()
    {
        using var administrator = new StaffClient(site);
        await administrator.SignInAsAdministratorAsync();

        var response = await administrator.Http.GetAsync("/backoffice/bao-tin/thong-ke.csv" + Year2019);
        using var csv = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = csv.Query(useHeaderRow: true, excelType: ExcelType.CSV).Cast<IDictionary<string, object?>>().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(rows, r => (string?)r["Nhóm"] == "Theo đơn vị" && (string?)r["Mục"] == _province.Units["truong-b1"].Name && (string?)r["Số báo tin"] == "1");
        Assert.Contains(rows, r => (string?)r["Nhóm"] == "Theo đơn vị" && (string?)r["Mục"] == _province.Units["truong-a1"].Name && (string?)r["Số báo tin"] == "2");
        Assert.Equal(
            rows.Where(r => (string?)r["Nhóm"] == "Theo đơn vị").Sum(r => int.Parse((string)r["Số báo tin"]!)),
            int.Parse((string)rows.Single(r => (string?)r["Nhóm"] == "Thời gian tiếp nhận" && (string?)r["Mục"] == "Tất cả")["Số báo tin"]!));
        Assert.Equal(8, rows.Count(r => (string?)r["Nhóm"] == "Theo loại việc"));
    }

    private async Task<StaffClient> OfficerOfCommuneAAsync() => (await ConcernTestData.OfficerAsync(site, _province.Units["xa-a"].Id)).Client;

    private static List<(string Label, string Count)> Rows(AngleSharp.Html.Dom.IHtmlDocument page, string table) =>
        [.. page.QuerySelectorAll($"[data-table={table}] tbody tr").Select(r => (r.Children[0].TextContent, r.Children[1].TextContent))];

    private static List<IDictionary<string, object?>> Sheet(Stream workbook, string name)
    {
        workbook.Position = 0;
        return [.. workbook.Query(useHeaderRow: true, sheetName: name).Cast<IDictionary<string, object?>>()];
    }

    private ConcernReport Report(string unit, ConcernCategory category, ReporterRole reporter, ConcernUrgency urgency, CaseStatus status, DateTime receivedUtc, TimeSpan? acknowledgedAfter)
    {
        var received = DateTime.SpecifyKind(receivedUtc, DateTimeKind.Utc);
        return new ConcernReport
        {
            Key = Guid.NewGuid(),
            ReceiptHash = Guid.NewGuid().ToString("n"),
            UnitId = _province.Units[unit].Id,
            PlaceUnitId = _province.Units[unit].Id,
            Category = category,
            Reporter = reporter,
            Urgency = urgency,
            Status = status,
            ReceivedUtc = received,
            AcknowledgeByUtc = received.AddHours(1),
            AcknowledgedUtc = received + acknowledgedAfter,
        };
    }
}
