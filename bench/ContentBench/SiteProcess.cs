using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ChildProtection.Bench;

namespace ChildProtection.ContentBench;

/// <summary>
/// The site started as an operator starts it: its own process, from the published site BENCH_SITE_DLL names
/// (content-scale.sh publishes one) or else the build output beside this program.
/// </summary>
internal static class SiteProcess
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Seconds from the process's start to its first 200 on "/", and <see cref="Settle"/> later its resident memory
    /// (MB) and the part of it that is its own (anonymous: heaps and code; the rest is mapped files such as the
    /// composite ReadyToRun image, shared with the page cache).
    /// </summary>
    public static async Task<(double Seconds, double RssMegabytes, double PrivateMegabytes)> ColdStartAsync(string dataPath, string? postgres)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [Environment.GetEnvironmentVariable("BENCH_SITE_DLL") is { Length: > 0 } published
            ? published
            : Path.Combine(AppContext.BaseDirectory, "ChildProtection.Web.dll")])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Cms__DataPath"] = dataPath;
        start.Environment["Cms__SchemaPath"] = Path.Combine(InProcessSite.RepositoryRoot, "uSync", "v17");
        start.Environment["Cms__SeedPath"] = Path.Combine(InProcessSite.RepositoryRoot, "content-seed");
        start.Environment["ConnectionStrings__Default"] = postgres ?? "";
        start.Environment["Admin__Email"] = "quantri@example.vn";
        start.Environment["Admin__Password"] = "Mat-khau-do-hieu-nang-1";
        start.Environment["Smtp__Host"] = "127.0.0.1";
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        // BENCH_START_LOG=1: the start's own log lines, each with the milliseconds since the process began, to see
        // where a slow start spends its time.
        var timeline = Environment.GetEnvironmentVariable("BENCH_START_LOG") == "1";
        if (timeline)
        {
            start.Environment["Logging__LogLevel__ChildProtection"] = "Information";
            start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
            start.Environment["Logging__Console__FormatterName"] = "simple";
            start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var clock = Stopwatch.StartNew();
        using var site = Process.Start(start)!;
        site.OutputDataReceived += (_, e) => { if (timeline && e.Data is { } line) Console.Error.WriteLine($"  site +{clock.ElapsedMilliseconds} ms: {line}"); };
        site.ErrorDataReceived += (_, e) => { if (e.Data is { } line) Console.Error.WriteLine($"  site: {line}"); };
        site.BeginOutputReadLine();
        site.BeginErrorReadLine();
        try
        {
            while (true)
            {
                if (site.HasExited)
                {
                    throw new InvalidOperationException($"The site exited ({site.ExitCode}) before its first page.");
                }

                try
                {
                    using var home = await http.GetAsync($"http://127.0.0.1:{port}/");
                    if (home.StatusCode == HttpStatusCode.OK)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                }

                if (clock.Elapsed > TimeSpan.FromMinutes(5))
                {
                    throw new InvalidOperationException("The site gave no first page within 5 minutes.");
                }

                await Task.Delay(10);
            }

            var seconds = clock.Elapsed.TotalSeconds;
            await Task.Delay(Settle);
            site.Refresh();
            return (seconds, site.WorkingSet64 / 1024.0 / 1024.0, PrivateMegabytes(site.Id));
        }
        finally
        {
            site.Kill(entireProcessTree: true);
            await site.WaitForExitAsync();
        }
    }

    /// <summary>RssAnon of /proc/PID/status (Linux), in MB.</summary>
    private static double PrivateMegabytes(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("RssAnon:", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0)
            .Single();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
