using System.Globalization;
using System.Resources;

namespace ChildProtection.Web.Hosting;

/// <summary>
/// A message for an operator's console (a start that stopped, a backup command): there is no request to choose a
/// language, so the line carries the Vietnamese and the English of <c>SharedResource</c>, in that order.
/// </summary>
internal static class Bilingual
{
    private static readonly ResourceManager Messages = new("ChildProtection.Web.Resources.SharedResource", typeof(Bilingual).Assembly);

    public static string Format(string name, params object?[] args) => $"{In("vi", name, args)} / {In("en", name, args)}";

    /// <summary>A message of several lines (a tool's error output) on one log line.</summary>
    public static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string In(string culture, string name, object?[] args) => string.Format(
        CultureInfo.InvariantCulture, Messages.GetString(name, CultureInfo.GetCultureInfo(culture)) ?? throw new InvalidOperationException($"Missing message '{name}'."), args);
}
