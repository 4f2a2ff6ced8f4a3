using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ChildProtection.Web.Tests.Infrastructure;

/// <summary>
/// The built site (the Web project's own build output, as an operator runs it) as a real process, started from a
/// working folder of the test's choosing.
/// </summary>
public sealed class SiteProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiteProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The site's dll in the Web project's build output of the same configuration as the tests.</summary>
    public static string SiteDll
    {
        get
        {
            var testBin = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
            return Path.GetFullPath(Path.Combine(testBin.FullName, "..", "..", "..", "..", "Web", "bin", testBin.Parent!.Name, testBin.Name, "ChildProtection.Web.dll"));
        }
    }

    /// <summary>Everything the process wrote, standard output and error, line by line.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public int ExitCode => _process.ExitCode;

    public bool HasExited => _process.HasExited;

    public static SiteProcess Start(string workingFolder, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [SiteDll, .. args])
        {
            WorkingDirectory = workingFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The operator's own choice of content root or environment would hide what the test looks at.
        start.Environment.Remove("ASPNETCORE_CONTENTROOT");
        start.Environment.Remove("DOTNET_CONTENTROOT");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // No inotify watch on appsettings.json: the machine's per-user limit (128) is shared by every test host, and a
        // process that cannot get one stops before its first line.
        start.Environment["DOTNET_hostBuilder__reloadConfigOnChange"] = "false";
        start.Environment["DOTNET_USE_POLLING_FILE_WATCHER"] = "true";
        return new SiteProcess(Process.Start(start)!);
    }

    /// <summary>Runs a command of the site (or a start that is expected to stop) to its end.</summary>
    public static async Task<SiteProcess> RunAsync(string workingFolder, params string[] args)
    {
        var site = Start(workingFolder, args);
        await site._process.WaitForExitAsync();
        // The asynchronous readers deliver their last lines once the process has exited.
        site._process.WaitForExit();
        return site;
    }

    /// <summary>A port nothing listens on now, for a site of the test's own.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Waits until <paramref name="url"/> answers (any status) or the process ends; a first start on two busy cores
    /// takes a while, so the wait is long and is no assertion on speed.
    /// </summary>
    public async Task<HttpResponseMessage> WaitForAsync(HttpClient client, string url)
    {
        for (var tries = 0; tries < 600 && !_process.HasExited; tries++)
        {
            try
            {
                return await client.GetAsync(url);
            }
            catch (HttpRequestException)
            {
                await Task.Delay(500);
            }
        }

        throw new InvalidOperationException($"The site did not answer {url}; it wrote: {Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
