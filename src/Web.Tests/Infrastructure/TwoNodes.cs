using System.Globalization;
using System.Net;

namespace ChildProtection.Web.Tests.Infrastructure;

/// <summary>
/// The site as two nodes run it (the built site's own processes A and B, with data folders of their own) on one
/// PostgreSQL database, behind nginx. The database is made and seeded by a site in the test's process first, which
/// the tests also use to make users and to read what was stored; every request of a test goes through nginx.
/// </summary>
public sealed class TwoNodes : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cp-two-nodes", Guid.NewGuid().ToString("n"));
    private readonly int _portA = SiteProcess.FreePort();
    private readonly int _portB = SiteProcess.FreePort();

    public SiteFactory Setup { get; } = new SiteFactory().OnOwnPostgreSql();

    public SiteProcess NodeA { get; private set; } = null!;

    public SiteProcess NodeB { get; private set; } = null!;

    public NginxProxy Nginx { get; private set; } = null!;

    /// <summary>The connection string of the nodes' database.</summary>
    public string Database => $"{TestPostgres.Server};Database={Setup.OwnDatabase}";

    public async Task InitializeAsync()
    {
        _ = Setup.Services;
        NodeA = await StartAsync("a", _portA);
        NodeB = await StartAsync("b", _portB);
        Nginx = await NginxProxy.StartAsync(Path.Combine(_folder, "nginx"), _portA, _portB);
    }

    /// <summary>Node A as <c>kill -9</c> leaves it (disposing a running <see cref="SiteProcess"/> kills it): no stop, nothing saved.</summary>
    public ValueTask KillNodeAAsync() => NodeA.DisposeAsync();

    /// <summary>Node A started again on its data folder, once it says it is ready.</summary>
    public async Task RestartNodeAAsync() => NodeA = await StartAsync("a", _portA);

    /// <summary>The settings a node is started with; its data folder is <paramref name="name"/> under the test's folder.</summary>
    public string[] Settings(string name) =>
    [
        $"--ConnectionStrings:Default={Database}",
        $"--Cms:DataPath={Path.Combine(_folder, name)}",
        $"--Admin:Email={SiteFactory.AdminEmail}",
        $"--Admin:Password={SiteFactory.AdminPassword}",
        $"--Smtp:Host={SmtpSink.Host}",
        $"--Smtp:Port={SmtpSink.Port.ToString(CultureInfo.InvariantCulture)}",
        "--Smtp:Security=None",
        "--Smtp:FromAddress=no-reply@baovetreem.example.vn",
        // Every contestant of the tests comes from 127.0.0.1, as a school's computer room comes from one address.
        "--Contests:CodesPerClientPerHour=1000000",
        "--Logging:LogLevel:Default=Warning",
    ];

    private async Task<SiteProcess> StartAsync(string name, int port)
    {
        Directory.CreateDirectory(_folder);
        var node = SiteProcess.Start(_folder, ["--urls", $"http://127.0.0.1:{port}", .. Settings(name)]);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var ready = await node.WaitForAsync(client, $"http://127.0.0.1:{port}/healthz/ready");
        for (var tries = 0; ready.StatusCode != HttpStatusCode.OK; tries++)
        {
            if (tries > 120 || node.HasExited)
            {
                throw new InvalidOperationException($"Node {name} did not become ready: {await ready.Content.ReadAsStringAsync()} {node.Output}");
            }

            await Task.Delay(500);
            ready = await client.GetAsync($"http://127.0.0.1:{port}/healthz/ready");
        }

        return node;
    }

    public async Task DisposeAsync()
    {
        if (Nginx is not null)
        {
            await Nginx.DisposeAsync();
        }

        foreach (var node in new[] { NodeA, NodeB }.OfType<SiteProcess>())
        {
            await node.DisposeAsync();
        }

        await Setup.DisposeAsync();
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
