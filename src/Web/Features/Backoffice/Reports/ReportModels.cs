using System.Globalization;
using ChildProtection.Training.Learning;
using ChildProtection.Training.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace ChildProtection.Web.Features.Backoffice.Reports;

/// <summary>The report filters as the address carries them, so a report can be bookmarked, shared and exported as seen.</summary>
public sealed record ReportQuery
{
    [FromQuery(Name = "don-vi")]
    public int? Unit { get; init; }

    [FromQuery(Name = "khoa-hoc")]
    public Guid? Course { get; init; }

    [FromQuery(Name = "vai-tro")]
    public LearnerRole? Role { get; init; }

    /// <summary>First day of the period, yyyy-MM-dd in Vietnam; empty: 1 January this year.</summary>
    [FromQuery(Name = "tu")]
    public string? From { get; init; }

    /// <summary>Last day of the period; empty: today.</summary>
    [FromQuery(Name = "den")]
    public string? To { get; init; }

    /// <summary>An address under /backoffice/bao-cao with these filters (and another unit or page when given).</summary>
    public string Url(string path, int? unit = null, int? page = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["don-vi"] = (unit ?? Unit)?.ToString(CultureInfo.InvariantCulture),
            ["khoa-hoc"] = Course?.ToString(),
            ["vai-tro"] = Role?.ToString(),
            ["tu"] = From,
            ["den"] = To,
            ["trang"] = page > 1 ? page.Value.ToString(CultureInfo.InvariantCulture) : null,
        };
        return QueryHelpers.AddQueryString("/backoffice/bao-cao" + path, query.Where(p => !string.IsNullOrEmpty(p.Value)));
    }
}

/// <param name="Deadlines">The reporting deadlines the options name ("MM-dd" → the day), for the picker.</param>
public sealed record YearlyReport(int Year, DateTime Deadline, IReadOnlyList<KeyValuePair<string, DateTime>> Deadlines);

public sealed record ReportPageModel(CompletionReport Report, ReportQuery Query, IReadOnlyList<CourseOutline> Courses, YearlyReport? Yearly, string? Error);

public sealed record LearnersPageModel(UnitLearners Learners, ReportQuery Query, ReportFilter Filter);

/// <summary>Settings of the training reports.</summary>
public sealed class TrainingReportOptions
{
    public const string Section = "TrainingReports";

    /// <summary>
    /// The yearly reporting deadlines ("MM-dd", comma-separated). The seeds' plans ask schools to report by 25/10, the
    /// yearly report by 10/11 and the sectors' reports to the province by 15/11; the last one is the yearly view's default.
    /// </summary>
    public string YearlyDeadlines { get; set; } = "10-25, 11-10, 11-15";

    /// <summary>The readable deadlines in calendar order, as "MM-dd" → that day in a leap year (for sorting and display).</summary>
    public IReadOnlyList<KeyValuePair<string, DateTime>> Deadlines()
    {
        var readable = YearlyDeadlines.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().Select(d => KeyValuePair.Create(d, On(d, 2000))).Where(d => d.Value != default).OrderBy(d => d.Value).ToList();
        return readable.Count > 0 ? readable : [KeyValuePair.Create("11-15", On("11-15", 2000))];
    }

    /// <summary>The deadline "MM-dd" in a year; default when unreadable. 29 February falls back to the 28th in other years.</summary>
    public static DateTime On(string monthDay, int year) =>
        DateTime.TryParseExact($"2000-{monthDay}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new DateTime(year, day.Month, Math.Min(day.Day, DateTime.DaysInMonth(year, day.Month)))
            : default;
}
