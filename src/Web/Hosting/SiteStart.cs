using System.Data.Common;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ChildProtection.Cms.Schema;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Hosting;

/// <summary>
/// How the site starts: from its own folder whatever the working folder, and, when a setting stops it, with one line
/// that names the setting and how to give it instead of a stack trace.
/// </summary>
internal static partial class SiteStart
{
    public const int FailureExitCode = 1;

    /// <summary>
    /// The content root (appsettings*.json, wwwroot, Cms:DataPath's base) is the application's own folder, so that
    /// <c>cd / &amp;&amp; dotnet /srv/site/ChildProtection.Web.dll</c> finds them; the host would take the working folder.
    /// An operator's <c>ASPNETCORE_CONTENTROOT</c> or <c>--contentRoot</c> (and WebApplicationFactory's, which comes as an
    /// argument) still wins.
    /// </summary>
    public static WebApplicationOptions Options(string[] args)
    {
        var given = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()[HostDefaults.ContentRootKey];
        return new WebApplicationOptions { Args = args, ContentRootPath = string.IsNullOrEmpty(given) ? AppContext.BaseDirectory : null };
    }

    /// <summary>Whether the site is the process (and not, say, a test host that runs Program inside itself).</summary>
    public static bool IsOwnProcess => System.Reflection.Assembly.GetEntryAssembly() == typeof(SiteStart).Assembly;

    /// <summary>
    /// Reads what the settings make before the host starts, so that a wrong one stops the start here, with one line
    /// (<see cref="Describe"/>), rather than in the host's own start, which logs its stack trace first.
    /// </summary>
    public static WebApplication CheckSettings(this WebApplication app)
    {
        app.Services.GetService<IStartupValidator>()?.Validate();
        _ = app.Services.GetRequiredService<ContentSchema>();
        return app;
    }

    /// <summary>
    /// The one line for an error that stopped the start because of a setting, or null for any other error (a bug,
    /// whose stack trace is wanted).
    /// </summary>
    public static string? Describe(Exception error)
    {
        var chain = Chain(error).ToList();
        var (setting, cause) = chain.OfType<OptionsValidationException>().FirstOrDefault() is { } invalid
            ? (SettingIn(string.Join(" ", invalid.Failures)), string.Join(" ", invalid.Failures))
            : chain.FirstOrDefault(e => e is DbException or SocketException) is { } database
                ? ("ConnectionStrings:Default", database.Message)
                : chain.OfType<SchemaLoadException>().FirstOrDefault() is { } schema
                    ? ("Cms:SchemaPath", schema.Message)
                    : chain.FirstOrDefault(e => e is InvalidOperationException or ArgumentException && SettingIn(e.Message) is not null) is { } named
                        ? (SettingIn(named.Message), string.Join(" ", Chain(named).Select(e => e.Message).Distinct()))
                        : (null, "");
        if (setting is null)
        {
            return null;
        }

        return $"{Bilingual.Format("StartSettingWrong", setting, setting.Replace(":", "__", StringComparison.Ordinal))} ({Bilingual.OneLine(cause)})";
    }

    /// <summary>The first configuration key (<c>Section:Name</c>) a message names, as the site's own messages and the binder's do.</summary>
    private static string? SettingIn(string message) => SettingKey().Match(message) is { Success: true } match ? match.Value : null;

    [GeneratedRegex(@"\b(?:ConnectionStrings|[A-Z][A-Za-z]+)(?::[A-Za-z0-9]+)+\b")]
    private static partial Regex SettingKey();

    private static IEnumerable<Exception> Chain(Exception error)
    {
        for (var e = (Exception?)error; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException { InnerExceptions.Count: > 1 } many)
            {
                foreach (var inner in many.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }
}
