using ChildProtection.Cms.Content;
using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.Persistence;
using ChildProtection.Cms.Publishing;
using ChildProtection.Cms.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChildProtection.Cms.Tests.Infrastructure;

public enum TestDatabase
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// The content engine started as the site starts it, on a fresh SQLite file or a fresh PostgreSQL database,
/// with the repository's uSync schema unless a test gives its own.
/// </summary>
public sealed class CmsFixture : IAsyncDisposable
{
    public const string Editor = "bientap@example.vn";

    private readonly Dictionary<string, string?> _settings;
    private readonly string _folder;
    private IHost _host;

    private CmsFixture(IHost host, Dictionary<string, string?> settings, string folder)
    {
        _host = host;
        _settings = settings;
        _folder = folder;
    }

    public string DataPath => _folder;

    public IServiceProvider Services => _host.Services;

    public PublishedSnapshot Snapshot => Services.GetRequiredService<IPublishedSnapshotAccessor>().Current;

    public static async Task<CmsFixture> StartAsync(TestDatabase database = TestDatabase.Sqlite, string? schemaPath = null, string? seedPath = null)
    {
        var folder = TestPaths.NewTempFolder();
        var settings = new Dictionary<string, string?>
        {
            ["Cms:DataPath"] = folder,
            ["Cms:SchemaPath"] = schemaPath ?? TestPaths.RepositorySchema,
            ["Cms:SeedPath"] = seedPath ?? "",
            ["ConnectionStrings:Default"] = database == TestDatabase.PostgreSql ? TestPaths.NewPostgresDatabase() : "",
        };
        return new CmsFixture(await StartHostAsync(settings, folder), settings, folder);
    }

    /// <summary>
    /// Stops the engine, lets <paramref name="whileStopped"/> change its files, and starts it again on the same
    /// data, with <paramref name="settings"/> added or replacing those of the first start (as a command line would).
    /// </summary>
    public async Task RestartAsync(Action whileStopped, IReadOnlyDictionary<string, string?>? settings = null)
    {
        await _host.StopAsync();
        _host.Dispose();
        whileStopped();
        var merged = new Dictionary<string, string?>(_settings);
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[name] = value;
        }

        _host = await StartHostAsync(merged, _folder);
    }

    private static async Task<IHost> StartHostAsync(Dictionary<string, string?> settings, string folder)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = folder, EnvironmentName = "Testing", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddCms();
        var host = builder.Build();
        // The site's start-up migrates every module; the engine alone is migrated here.
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CmsDbContext>().Database.MigrateAsync();
        }

        await host.StartAsync();
        await host.Services.GetRequiredService<SearchIndexes>().WhenReady;
        return host;
    }

    /// <summary>A published home page with a published leaflet list under it.</summary>
    public async Task<(Guid Home, Guid List)> CreateSiteAsync()
    {
        await using var scope = NewContentService();
        var home = await scope.Content.CreateAsync(null, "home", new ContentBuilder().WithType("home").WithName("Trang chủ").WithMandatoryValues().Build(), Editor);
        Assert.True(home.Success, string.Join("; ", (home.Result?.ValidationErrors ?? []).Select(e => e.Message)));
        await scope.Content.PublishAsync(home.Result!.Content!.Key, Editor);
        var list = await scope.Content.CreateAsync(home.Result.Content.Key, "leafletList", new ContentBuilder().WithType("leafletList").WithName("Tờ gấp").Build(), Editor);
        await scope.Content.PublishAsync(list.Result!.Content!.Key, Editor);
        return (home.Result.Content.Key, list.Result.Content.Key);
    }

    /// <summary>Creates a node (a draft) and fails the test with the validation messages if it is refused.</summary>
    public async Task<Guid> CreateAsync(Guid parent, ContentBuilder builder)
    {
        await using var scope = NewContentService();
        var result = await scope.Content.CreateAsync(parent, builder.Type, builder.Build(), Editor);
        Assert.True(result.Success, string.Join("; ", (result.Result?.ValidationErrors ?? []).Select(e => $"{e.Alias}: {e.Message}")));
        return result.Result!.Content!.Key;
    }

    /// <summary>A content service in a scope of its own, as one request would have.</summary>
    public ScopedContentService NewContentService() => new(Services.CreateAsyncScope());

    public async ValueTask DisposeAsync()
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var database = scope.ServiceProvider.GetRequiredService<DatabaseConnection>();
            if (database.Provider == DatabaseProvider.PostgreSql)
            {
                await scope.ServiceProvider.GetRequiredService<CmsDbContext>().Database.EnsureDeletedAsync();
            }
        }

        await _host.StopAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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

public sealed class ScopedContentService(AsyncServiceScope scope) : IAsyncDisposable
{
    public ContentService Content { get; } = scope.ServiceProvider.GetRequiredService<ContentService>();

    public CmsDbContext Db { get; } = scope.ServiceProvider.GetRequiredService<CmsDbContext>();

    public T Get<T>()
        where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}
