using ChildProtection.Training.Learning;
using ChildProtection.Training.Reports;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Features.Learning;
using ChildProtection.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MiniExcelLibs;

namespace ChildProtection.Web.Features.Backoffice.Reports;

/// <summary>Training completion reports: per unit down the tree, per course, per role, over a period; drill-down and exports.</summary>
[Route("backoffice/bao-cao"), Authorize(Policy = BackofficePolicies.ManageTraining)]
public sealed class ReportsController(
    CompletionReports reports,
    StaffUnitScopes scopes,
    ICourseCatalog catalog,
    SiteClock clock,
    IOptions<TrainingReportOptions> options,
    IStringLocalizer<LearningText> text) : Controller
{
    private const string Views = "~/Features/Backoffice/Reports/";

    [HttpGet("")]
    public Task<IActionResult> Index(ReportQuery query, CancellationToken ct) => ReportPageAsync(query, null, ct);

    /// <summary>The yearly report: the period runs from the day after last year's deadline to this year's.</summary>
    [HttpGet("nam")]
    public Task<IActionResult> Yearly(
        [FromQuery(Name = "nam")] int? year, [FromQuery(Name = "han")] string? deadline, [FromQuery(Name = "don-vi")] int? unit, CancellationToken ct)
    {
        var deadlines = options.Value.Deadlines();
        var chosen = deadlines.FirstOrDefault(d => d.Key == deadline).Key is not null ? deadline! : deadlines[^1].Key;
        var reportYear = year is >= 2000 and <= 2100 ? year.Value : SiteClock.ToLocal(clock.UtcNow).Year;
        var due = TrainingReportOptions.On(chosen, reportYear);
        var yearly = new YearlyReport(reportYear, due, deadlines);
        var query = new ReportQuery { Unit = unit, From = ReportPeriod.Iso(TrainingReportOptions.On(chosen, reportYear - 1).AddDays(1)), To = ReportPeriod.Iso(due) };
        return ReportPageAsync(query, yearly, ct);
    }

    [HttpGet("hoc-vien")]
    public async Task<IActionResult> Learners(ReportQuery query, [FromQuery(Name = "trang")] int page, CancellationToken ct)
    {
        var (filter, _) = Filter(query);
        if (await reports.LearnersAsync(await scopes.ForAsync(User, ct), filter, page, ct: ct) is not { } learners)
        {
            return NotFound();
        }

        return View(Views + "Learners.cshtml", new LearnersPageModel(learners, query, filter));
    }

    [HttpGet("bao-cao.xlsx")]
    public Task<IActionResult> Excel(ReportQuery query, CancellationToken ct) => ExportAsync(query, ExcelType.XLSX, ct);

    [HttpGet("bao-cao.csv")]
    public Task<IActionResult> Csv(ReportQuery query, CancellationToken ct) => ExportAsync(query, ExcelType.CSV, ct);

    private async Task<IActionResult> ReportPageAsync(ReportQuery query, YearlyReport? yearly, CancellationToken ct)
    {
        var (filter, error) = Filter(query);
        if (await reports.ReportAsync(await scopes.ForAsync(User, ct), filter, ct) is not { } report)
        {
            return NotFound();
        }

        if (error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return View(Views + "Index.cshtml", new ReportPageModel(report, query, catalog.Courses, yearly, error));
    }

    private async Task<IActionResult> ExportAsync(ReportQuery query, ExcelType type, CancellationToken ct)
    {
        var (filter, _) = Filter(query);
        if (await reports.ExportAsync(await scopes.ForAsync(User, ct), filter, ct) is not var (report, tree))
        {
            return NotFound();
        }

        Dictionary<string, object?> Counts(Dictionary<string, object?> row, CompletionCounts counts)
        {
            row[text["ReportLearners"]] = counts.Learners;
            row[text["ReportAssigned"]] = counts.Assigned;
            row[text["ReportStarted"]] = counts.Started;
            row[text["ReportCompleted"]] = counts.Completed;
            row[text["ReportAssignedCompleted"]] = counts.AssignedCompleted;
            row[text["ReportPercent"]] = counts.Percent;
            row[text["ReportOverdue"]] = counts.Overdue;
            return row;
        }

        var units = tree.Select(r => Counts(new()
        {
            [text["UnitCode"]] = r.Unit.Code,
            [text["ReportUnit"]] = r.Unit.Name,
            [text["ReportLevel"]] = r.Depth + 1,
        }, r.Counts)).ToList();
        var courses = report.Courses.Select(r => Counts(new() { [text["CertificateCourse"]] = r.Course.Title }, r.Counts)).ToList();
        var roles = report.Roles.Select(r => Counts(new() { [text["LearnerRoleLabel"]] = text[$"LearnerRole.{r.Role}"].Value }, r.Counts)).ToList();
        var name = $"bao-cao-tap-huan-{report.Unit?.Code ?? "toan-tinh"}-{ReportPeriod.Iso(SiteClock.ToLocal(filter.FromUtc))}-{ReportPeriod.Iso(SiteClock.ToLocal(filter.ToUtc))}";
        return await Spreadsheets.FileAsync(
            [new Sheet(text["ReportByUnit"], units), new Sheet(text["ReportByCourse"], courses), new Sheet(text["ReportByRole"], roles)], type, name, ct);
    }

    /// <summary>The filter the query asks for; an unreadable or reversed period falls back to this year so far, with a message.</summary>
    private (ReportFilter Filter, string? Error) Filter(ReportQuery query)
    {
        var period = ReportPeriod.Read(query.From, query.To, clock.UtcNow);
        // 0 or nothing: the top of the user's part of the tree.
        var unit = query.Unit is > 0 ? query.Unit : null;
        string? error = period.Problem switch
        {
            PeriodProblem.Unreadable => text["ReportDateUnreadable"].Value,
            PeriodProblem.Reversed => text["ReportDatesReversed"].Value,
            _ => null,
        };
        return (new ReportFilter(unit, query.Course, query.Role, period.FromUtc, period.ToUtc), error);
    }
}
