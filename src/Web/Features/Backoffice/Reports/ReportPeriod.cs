using System.Globalization;
using ChildProtection.Web.Infrastructure;

namespace ChildProtection.Web.Features.Backoffice.Reports;

/// <summary>Why a report's period as the address gave it could not be used.</summary>
public enum PeriodProblem
{
    Unreadable,
    Reversed,
}

/// <summary>
/// A report's period, from its first to its last whole day in Vietnam (both included, to the last millisecond). The
/// training reports and the concern statistics read it the same way from their "tu" and "den" days.
/// </summary>
public sealed record ReportPeriod(DateTime FromUtc, DateTime ToUtc, PeriodProblem? Problem)
{
    /// <summary>The period <paramref name="from"/> to <paramref name="to"/> (yyyy-MM-dd); empty ends are 1 January and today, an unreadable or reversed period this year so far.</summary>
    public static ReportPeriod Read(string? from, string? to, DateTime nowUtc)
    {
        var today = SiteClock.ToLocal(nowUtc).Date;
        var yearStart = SiteClock.StartOfLocalDay(Iso(new DateTime(today.Year, 1, 1)))!.Value;
        var todayEnd = EndOfLocalDay(Iso(today))!.Value;
        var start = string.IsNullOrEmpty(from) ? yearStart : SiteClock.StartOfLocalDay(from);
        var end = string.IsNullOrEmpty(to) ? todayEnd : EndOfLocalDay(to);
        if (start is null || end is null)
        {
            return new(yearStart, todayEnd, PeriodProblem.Unreadable);
        }

        return start > end ? new(yearStart, todayEnd, PeriodProblem.Reversed) : new(start.Value, end.Value, null);
    }

    public static string Iso(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTime? EndOfLocalDay(string day) => SiteClock.StartOfLocalDay(day)?.AddDays(1).AddMilliseconds(-1);
}
