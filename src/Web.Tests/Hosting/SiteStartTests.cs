using System.Net;
using System.Text.RegularExpressions;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Hosting;

/// <summary>
/// The built site as an operator starts it: from any working folder it finds its own settings, and a wrong setting
/// stops it with one line that names the setting, exit code 1 and no stack trace.
/// </summary>
public sealed class SiteStartTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cp-site-start", Guid.NewGuid().ToString("n"));

    public SiteStartTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "elsewhere"));
    }

    [Fact]
    public async Task Start_FromAnotherWorkingFolder_ServesFromItsOwnFolder()
    {
        var port = SiteProcess.FreePort();
        await using var site = SiteProcess.Start(Path.Combine(_folder, "elsewhere"),
            "--urls", $"http://127.0.0.1:{port}", $"--Cms:DataPath={Path.Combine(_folder, "data")}", "--Admin:Password=Mat-khau-thu-nghiem-1");
        using var client = new HttpClient();

        using var live = await site.WaitForAsync(client, $"http://127.0.0.1:{port}/healthz/live");

        Assert.True(live.StatusCode == HttpStatusCode.OK, site.Output);
        // appsettings.json of the site's folder was read: its site name is on the home page.
        var home = await client.GetStringAsync($"http://127.0.0.1:{port}/");
        Assert.Contains("Bảo vệ trẻ em", home);
        Assert.False(File.Exists(Path.Combine(_folder, "elsewhere", "appsettings.json")));
    }

    [Fact]
    public async Task Start_OnceTheSearchIndexesAreOpen_GivesBackTheMemoryTheStartLeftCommitted()
    {
        var port = SiteProcess.FreePort();
        await using var site = SiteProcess.Start(Path.Combine(_folder, "elsewhere"),
            "--urls", $"http://127.0.0.1:{port}", $"--Cms:DataPath={Path.Combine(_folder, "data")}", "--Admin:Password=Mat-khau-thu-nghiem-1",
            "--Logging:LogLevel:ChildProtection.Web.Hosting.StartMemory=Information");
        using var client = new HttpClient();
        await site.WaitForAsync(client, $"http://127.0.0.1:{port}/healthz/live");

        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        Match released;
        while (!(released = Regex.Match(site.Output, @"committed memory went from (\d+) MB to (\d+) MB")).Success)
        {
            Assert.True(DateTime.UtcNow < until && !site.HasExited, site.Output);
            await Task.Delay(200);
        }

        Assert.True(int.Parse(released.Groups[2].Value) <= int.Parse(released.Groups[1].Value), released.Value);
    }

    [Fact]
    public void Start_UnderWebApplicationFactory_KeepsTheFactorysContentRoot()
    {
        using var site = new SiteFactory();

        // The project's folder, as WebApplicationFactory chose, and not the test's bin folder.
        var root = site.Services.GetRequiredService<IWebHostEnvironment>().ContentRootPath;
        Assert.True(File.Exists(Path.Combine(root, "Web.csproj")), root);
    }

    [Theory]
    [InlineData("Search:MaxPage", "-1")]
    [InlineData("Contests:CodeLifetime", "mười phút")]
    [InlineData("ConnectionStrings:Default", "Host=127.0.0.1;Port=1;Database=khong_co;Username=u;Password=p")]
    [InlineData("Cms:SchemaPath", "khong-co-thu-muc-nay")]
    public async Task Start_WrongSetting_ExitsWithOneLineNamingIt(string setting, string value)
    {
        var site = await SiteProcess.RunAsync(Path.Combine(_folder, "elsewhere"),
            "--urls", "http://127.0.0.1:0", $"--Cms:DataPath={Path.Combine(_folder, "data")}", $"--{setting}={value}");
        var output = site.Output;

        Assert.Equal(1, site.ExitCode);
        var line = Assert.Single(output.Split('\n'), l => l.Contains(setting, StringComparison.Ordinal));
        Assert.Contains("Không khởi động được", line);
        Assert.Contains("Cannot start", line);
        Assert.Contains(setting.Replace(":", "__", StringComparison.Ordinal), line);
        Assert.DoesNotContain("   at ", output);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a temp folder behind.
        }
    }
}
