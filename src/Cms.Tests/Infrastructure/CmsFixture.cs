using ChildProtection.Cms.Content;
using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.Persistence;
using ChildProtection.Cms.Publishing;
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
    private readonly IHost _host;
    private readonly string _folder;

    private CmsFixture(IHost host, string folder)
    {
        _host = host;
        _folder = folder;
    }

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
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = folder, EnvironmentName = "Testing", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddCms();
        var host = builder.Build();
        await host.StartAsync();
        return new CmsFixture(host, folder);
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
