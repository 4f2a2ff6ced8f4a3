using ChildProtection.Concerns.Reports;
using ChildProtection.Training.Units;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Features.Backoffice.Reports;
using ChildProtection.Web.Features.Concerns;
using ChildProtection.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace ChildProtection.Web.Features.Backoffice.Concerns;

/// <summary>The statistics' period as the address carries it, so that a page can be bookmarked and exported as seen.</summary>
public sealed record StatisticsQuery
{
    /// <summary>First day, yyyy-MM-dd in Vietnam; empty: 1 January this year.</summary>
    [FromQuery(Name = "tu")]
    public string? From { get; init; }

    /// <summary>Last day; empty: today.</summary>
    [FromQuery(Name = "den")]
    public string? To { get; init; }

    public string Url(string path) =>
        QueryHelpers.AddQueryString(path, new Dictionary<string, string?> { ["tu"] = From, ["den"] = To }.Where(p => !string.IsNullOrEmpty(p.Value)));
}

/// <param name="ScopeUnitId">The unit whose reports are counted (with the units below it); null for the whole province.</param>
public sealed record ConcernStatisticsPageModel(
    ConcernStatisticsReport Report, StatisticsQuery Query, ReportPeriod Period, int? ScopeUnitId, IReadOnlyDictionary<int, Unit> Units, string? Error)
{
    public static string MonthLabel(MonthCount month) => $"{month.Month:00}/{month.Year}";

    /// <summary>A unit's name; the province's officers' for null, and its number for a unit removed from the tree since.</summary>
    public string UnitName(int? unitId, IStringLocalizer text) => unitId switch
    {
        null => text["Province"],
        { } id when Units.TryGetValue(id, out var unit) => unit.Name,
        { } id => text["StatisticsUnitGone", id],
    };
}

/// <summary>
/// Statistics without content of the reports of concern (thống kê báo tin), for the yearly reports: a receiving officer
/// counts their units' reports, an administrator who is not one the whole province's. Nothing of what was written is read.
/// </summary>
[Route("backoffice/bao-tin"), Authorize(Policy = BackofficePolicies.ConcernStatistics)]
public sealed class ConcernStatisticsController(
    ConcernStatistics statistics,
    ConcernRouting routing,
    UnitDirectory units,
    UserManager<StaffUser> users,
    SiteClock clock,
    IStringLocalizer<ConcernsText> text) : Controller
{
    [HttpGet("thong-ke")]
    public async Task<IActionResult> Index(StatisticsQuery query, CancellationToken ct)
    {
        var model = await CountAsync(query, ct);
        if (model.Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        Response.Headers.CacheControl = "no-store";
        return View("~/Features/Backoffice/Concerns/Statistics.cshtml", model);
    }

    [HttpGet("thong-ke.xlsx")]
    public Task<IActionResult> Excel(StatisticsQuery query, CancellationToken ct) => ExportAsync(query, ExcelType.XLSX, ct);

    [HttpGet("thong-ke.csv")]
    public Task<IActionResult> Csv(StatisticsQuery query, CancellationToken ct) => ExportAsync(query, ExcelType.CSV, ct);

    private async Task<ConcernStatisticsPageModel> CountAsync(StatisticsQuery query, CancellationToken ct)
    {
        var period = ReportPeriod.Read(query.From, query.To, clock.UtcNow);
        // An administrator who is not an officer sends the province's yearly report: every unit's counts, and no content.
        var unitId = User.IsInRole(StaffRoles.ConcernOfficer) ? (await users.GetUserAsync(User))?.UnitId : null;
        var scope = await routing.ScopeAsync(unitId, ct);
        var report = await statistics.CountAsync(scope, period.FromUtc, period.ToUtc, ct);
        var named = await units.FindManyAsync([.. report.Units.Select(u => u.Key).Append(unitId).OfType<int>().Distinct()], ct);
        string? error = period.Problem is { } problem ? text[$"StatisticsPeriod{problem}"].Value : null;
        return new ConcernStatisticsPageModel(report, query, period, unitId, named, error);
    }

    private async Task<IActionResult> ExportAsync(StatisticsQuery query, ExcelType type, CancellationToken ct)
    {
        var model = await CountAsync(query, ct);
        var report = model.Report;
        var item = text["StatisticsItem"].Value;
        var count = text["StatisticsCount"].Value;

        List<Dictionary<string, object?>> Rows<T>(IEnumerable<ConcernCount<T>> counts, Func<T, string> label) =>
            [.. counts.Select(c => new Dictionary<string, object?> { [item] = label(c.Key), [count] = c.Count })];

        var unitRows = report.Units.Select(c => new Dictionary<string, object?>
        {
            [text["StatisticsUnitCode"]] = c.Key is { } id ? model.Units.GetValueOrDefault(id)?.Code : null,
            [item] = model.UnitName(c.Key, text),
            [count] = c.Count,
        }).ToList();
        var monthRows = report.Months.Select(m => new Dictionary<string, object?> { [item] = ConcernStatisticsPageModel.MonthLabel(m), [count] = m.Count }).ToList();
        var acknowledgement = report.Acknowledgement.Append(report.AllAcknowledgement).Select(a => new Dictionary<string, object?>
        {
            [item] = a.Urgency is { } urgency ? text[$"Urgency{urgency}"].Value : text["StatisticsAll"].Value,
            [count] = a.Reports,
            [text["StatisticsAcknowledged"]] = a.Acknowledged,
            [text["StatisticsMedianHours"]] = a.Median is { } median ? Math.Round(median.TotalHours, 2) : null,
            [text["StatisticsWithinLimit"]] = a.WithinLimit,
            [text["StatisticsDue"]] = a.Due,
            [text["StatisticsPercentWithin"]] = a.PercentWithin is { } percent ? Math.Round(percent, 1) : null,
        }).ToList();
        var sheets = new List<Sheet>
        {
            new(text["StatisticsByUnit"], unitRows),
            new(text["StatisticsByCategory"], Rows(report.Categories, c => text[$"AdultCategory{c}"])),
            new(text["StatisticsByReporter"], Rows(report.Reporters, r => text[$"AdultReporter{r}"])),
            new(text["StatisticsByMonth"], monthRows),
            new(text["StatisticsByStatus"], Rows(report.Statuses, s => text[$"Status{s}"])),
            new(text["StatisticsAcknowledgement"], acknowledgement),
        };
        var scope = model.ScopeUnitId is { } own ? model.Units.GetValueOrDefault(own)?.Code ?? $"{own}" : "toan-tinh";
        var name = $"thong-ke-bao-tin-{scope}-{ReportPeriod.Iso(SiteClock.ToLocal(model.Period.FromUtc))}-{ReportPeriod.Iso(SiteClock.ToLocal(model.Period.ToUtc))}";
        // A CSV holds one table: every sheet's rows one after another, each with the sheet it comes from.
        IReadOnlyList<Sheet> file = type == ExcelType.CSV ? [Together(sheets)] : sheets;
        Response.Headers.CacheControl = "no-store";
        return await Spreadsheets.FileAsync(file, type, name, ct);
    }

    private Sheet Together(IReadOnlyList<Sheet> sheets)
    {
        var group = text["StatisticsGroup"].Value;
        var columns = sheets.SelectMany(s => s.Rows.SelectMany(r => r.Keys)).Distinct().ToList();
        var rows = sheets.SelectMany(s => s.Rows.Select(row =>
        {
            var line = new Dictionary<string, object?> { [group] = s.Name };
            foreach (var column in columns)
            {
                line[column] = row.GetValueOrDefault(column);
            }

            return line;
        })).ToList();
        return new Sheet(text["StatisticsHeading"], rows);
    }
}
