using System.Globalization;

namespace ChildProtection.Web.Infrastructure;

/// <summary>Times are stored in UTC and shown in Vietnam's time zone, dates as dd/MM/yyyy.</summary>
public sealed class SiteClock(TimeProvider time)
{
    private static readonly TimeZoneInfo Vietnam = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public static DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Vietnam);

    public static string FormatDate(DateTime utc) => ToLocal(utc).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string FormatDateTime(DateTime utc) => ToLocal(utc).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>The UTC instant of a Vietnamese date and time ("2026-06-01T07:00", as a datetime-local input sends it).</summary>
    public static DateTime? FromLocalDateTime(string? value) =>
        DateTime.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Vietnam)
            : null;

    /// <summary>The Vietnamese date and time of a UTC instant as a datetime-local input shows it; the inverse of <see cref="FromLocalDateTime"/>.</summary>
    public static string ToLocalInput(DateTime utc) => ToLocal(utc).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Calendar days in Vietnam from <paramref name="nowUtc"/>'s day to <paramref name="dueUtc"/>'s: 0 on the day itself.</summary>
    public static int DaysUntil(DateTime nowUtc, DateTime dueUtc) => (ToLocal(dueUtc).Date - ToLocal(nowUtc).Date).Days;

    /// <summary>The UTC instant a Vietnamese calendar day ("2026-06-01", as a date input sends it) begins.</summary>
    public static DateTime? StartOfLocalDay(string? date) =>
        DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), Vietnam)
            : null;
}
