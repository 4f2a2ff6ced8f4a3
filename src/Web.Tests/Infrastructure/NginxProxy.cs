using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace ChildProtection.Web.Tests.Infrastructure;

/// <summary>
/// nginx in front of two site nodes as docs/DEPLOY.md sets it up, without TLS: one address that balances over both (the
/// node with fewer requests in flight first, passing a request a node refused to the other), and one address per node
/// for a test that chooses where a request goes.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private NginxProxy(Process process, string folder, int both, int toA, int toB)
    {
        _process = process;
        _folder = folder;
        Both = new Uri($"http://127.0.0.1:{both}");
        ToA = new Uri($"http://127.0.0.1:{toA}");
        ToB = new Uri($"http://127.0.0.1:{toB}");
    }

    /// <summary>The nginx the test script installs (CP_NGINX), or Debian's.</summary>
    public static string Binary => Environment.GetEnvironmentVariable("CP_NGINX") is { Length: > 0 } configured ? configured : "/usr/sbin/nginx";

    /// <summary>Balanced over both nodes, round robin.</summary>
    public Uri Both { get; }

    /// <summary>Through nginx to node A only.</summary>
    public Uri ToA { get; }

    /// <summary>Through nginx to node B only.</summary>
    public Uri ToB { get; }

    /// <summary>What nginx logged, for a failing test's message.</summary>
    public string ErrorLog => File.Exists(Path.Combine(_folder, "error.log")) ? File.ReadAllText(Path.Combine(_folder, "error.log")) : "";

    public static async Task<NginxProxy> StartAsync(string folder, int nodeA, int nodeB)
    {
        Directory.CreateDirectory(folder);
        int both = SiteProcess.FreePort(), toA = SiteProcess.FreePort(), toB = SiteProcess.FreePort();
        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), Configuration(folder, nodeA, nodeB, both, toA, toB));
        var process = Process.Start(new ProcessStartInfo(Binary, ["-p", folder + "/", "-c", Path.Combine(folder, "nginx.conf"), "-e", Path.Combine(folder, "error.log")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var proxy = new NginxProxy(process, folder, both, toA, toB);
        for (var tries = 0; !await ListensAsync(both); tries++)
        {
            if (process.HasExited || tries > 100)
            {
                throw new InvalidOperationException($"nginx did not start: {await process.StandardError.ReadToEndAsync()} {proxy.ErrorLog}");
            }

            await Task.Delay(100);
        }

        return proxy;
    }

    private static string Configuration(string folder, int nodeA, int nodeB, int both, int toA, int toB) => string.Create(CultureInfo.InvariantCulture, $$"""
        daemon off;
        worker_processes 1;
        pid {{folder}}/nginx.pid;
        events { worker_connections 4096; }
        http {
            access_log off;
            client_body_temp_path {{folder}}/body;
            proxy_temp_path {{folder}}/proxy;
            fastcgi_temp_path {{folder}}/fastcgi;
            uwsgi_temp_path {{folder}}/uwsgi;
            scgi_temp_path {{folder}}/scgi;
            client_max_body_size 25m;

            upstream childprotection {
                least_conn;
                server 127.0.0.1:{{nodeA}} max_fails=1 fail_timeout=2s;
                server 127.0.0.1:{{nodeB}} max_fails=1 fail_timeout=2s;
                keepalive 32;
            }

            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;

            server { listen 127.0.0.1:{{both}}; location / { proxy_pass http://childprotection; } }
            server { listen 127.0.0.1:{{toA}}; location / { proxy_pass http://127.0.0.1:{{nodeA}}; } }
            server { listen 127.0.0.1:{{toB}}; location / { proxy_pass http://127.0.0.1:{{nodeB}}; } }
        }
        """);

    private static async Task<bool> ListensAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
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
