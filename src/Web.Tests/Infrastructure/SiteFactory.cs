using Microsoft.AspNetCore.TestHost;
using ChildProtection.Cms.Content;
using ChildProtection.Cms.Media;
using ChildProtection.Cms.Publishing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Infrastructure;

/// <summary>
/// The site as `dotnet run` starts it, on a fresh SQLite file seeded from content-seed/, listening on a real
/// port so that a browser can reach it too.
/// </summary>
public sealed class SiteFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "quantri@example.vn";
    public const string AdminPassword = "Mat-khau-thu-nghiem-1";

    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "cp-web-tests", Guid.NewGuid().ToString("n"));
    private readonly Dictionary<string, string?> _settings = [];

    public SiteFactory()
    {
        UseKestrel(0);
    }

    private TimeProvider? _clock;

    public SiteFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>The PostgreSQL database of this site alone (see <see cref="OnOwnPostgreSql"/>), dropped when it is disposed.</summary>
    public string? OwnDatabase => _ownDatabase;

    private string? _ownDatabase;

    /// <summary>The site on a fresh PostgreSQL database of its own on the test server, dropped when the site is disposed.</summary>
    public SiteFactory OnOwnPostgreSql()
    {
        _ownDatabase = $"cp_web_{Guid.NewGuid():n}";
        return With("ConnectionStrings:Default", $"{TestPostgres.Server};Database={_ownDatabase}");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownDatabase is not null)
        {
            await TestPostgres.DropAsync(_ownDatabase);
        }
    }

    /// <summary>The site's clock for every module and job, such as a FakeTimeProvider the test moves on.</summary>
    public SiteFactory WithClock(TimeProvider clock)
    {
        _clock = clock;
        return this;
    }

    private Action<IServiceCollection>? _services;

    /// <summary>Services a test adds or replaces, such as a startup filter with a fault of its own.</summary>
    public SiteFactory WithServices(Action<IServiceCollection> services)
    {
        _services = services;
        return this;
    }

    public string DataPath => _dataPath;

    /// <summary>The address Kestrel listens on, e.g. http://127.0.0.1:41234.</summary>
    public string ServerAddress
    {
        get
        {
            StartServer();
            return Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1");
        }
    }

    public PublishedSnapshot Snapshot => Services.GetRequiredService<IPublishedSnapshotAccessor>().Current;

    public async Task<T> WithContentServiceAsync<T>(Func<ContentService, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ContentService>());
    }

    /// <summary>A draft leaflet under the seeded leaflet list, created by <paramref name="userName"/>, with <paramref name="values"/> besides its summary, audience and body.</summary>
    public async Task<Guid> CreateLeafletAsync(string name, string body, string userName, params PropertyValueEdit[] values)
    {
        var list = Snapshot.All.First(c => c.ContentTypeAlias == "leafletList");
        var result = await WithContentServiceAsync(content => content.CreateAsync(list.Key, "leaflet", new ContentEdit(
            new Dictionary<string, string> { ["vi"] = name },
            [new("summary", "vi", "Tóm tắt."), new("audience", null, "[\"Cộng đồng\"]"), new("body", "vi", body), .. values]), userName));
        return result.Result?.Content?.Key ?? throw new InvalidOperationException($"The leaflet was refused: {result.Status}");
    }

    /// <summary>A file in the media library, checked and stored as an upload is.</summary>
    public async Task<MediaItem> UploadMediaAsync(string name, byte[] content)
    {
        await using var scope = Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<MediaService>().UploadAsync(null, name, new MemoryStream(content), "kiemthu@example.vn");
        return result.Result ?? throw new InvalidOperationException($"The file was refused: {result.Status}");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Cms:DataPath", _dataPath);
        builder.UseSetting("Admin:Email", AdminEmail);
        builder.UseSetting("Admin:Password", AdminPassword);
        builder.UseSetting("Site:PublicUrl", "");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // The SMTP sink the test script starts (aiosmtpd, a real SMTP server keeping each message as a file).
        builder.UseSetting("Smtp:Host", SmtpSink.Host);
        builder.UseSetting("Smtp:Port", SmtpSink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Smtp:Security", "None");
        builder.UseSetting("Smtp:FromAddress", "no-reply@baovetreem.example.vn");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_clock is { } clock)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }

        if (_services is { } configure)
        {
            builder.ConfigureTestServices(configure);
        }
    }

    /// <summary>A client of the real server; redirects are not followed, so tests see 301s.</summary>
    public HttpClient CreateServerClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(ServerAddress) };

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a temp folder behind.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<SiteFactory>
{
    public const string Name = "Seeded site";
}
