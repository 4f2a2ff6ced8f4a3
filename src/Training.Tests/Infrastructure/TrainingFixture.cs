using ChildProtection.Training.DependencyInjection;
using ChildProtection.Training.Persistence;
using ChildProtection.Training.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace ChildProtection.Training.Tests.Infrastructure;

/// <summary>
/// The training module started as the site starts it, on a fresh SQLite file or a fresh PostgreSQL database
/// (CP_TEST_POSTGRES, started by the test script), with a clock the test moves.
/// </summary>
public sealed class TrainingFixture : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _folder;

    private TrainingFixture(IHost host, string folder, FakeTimeProvider clock)
    {
        _host = host;
        _folder = folder;
        Clock = clock;
    }

    public FakeTimeProvider Clock { get; }

    /// <param name="catalog">The courses the learning service sees (the site answers from published content).</param>
    public static async Task<TrainingFixture> StartAsync(TrainingDatabase database, ChildProtection.Training.Learning.ICourseCatalog? catalog = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "cp-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        var server = Environment.GetEnvironmentVariable("CP_TEST_POSTGRES") is { Length: > 0 } configured
            ? configured
            : "Host=127.0.0.1;Port=5432;Username=postgres;Password=childprotection-test";
        // The test assemblies run at once against one server of 100 connections: a pool of 30 lets tests of 60 requests
        // at once still race (they queue for a connection, as a busy web node's requests do) without taking them all.
        var connection = database == TrainingDatabase.PostgreSql
            ? $"{server};Database=cp_test_{Guid.NewGuid():n};Maximum Pool Size=30"
            : $"Data Source={Path.Combine(folder, "training.db")}";

        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 1, 0, 0, TimeSpan.Zero));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = folder, EnvironmentName = "Testing", DisableDefaults = true });
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton<ChildProtection.Training.Learning.ICourseCatalog>(catalog ?? new ChildProtection.Training.Tests.Learning.StaticCourseCatalog([]));
        builder.AddTraining(_ => database, (_, options) =>
        {
            if (database == TrainingDatabase.PostgreSql)
            {
                options.UseNpgsql(connection);
            }
            else
            {
                options.UseSqlite(connection);
            }
        });
        var host = builder.Build();
        // The site's start-up migrates every module; training alone is migrated here.
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TrainingDbContext>().Database.MigrateAsync();
        }

        await host.StartAsync();
        return new TrainingFixture(host, folder, clock);
    }

    public IServiceProvider Services => _host.Services;

    /// <summary>Adds a unit below <paramref name="parentId"/> (or a root) with its materialised path, as the importer would.</summary>
    public Task<Unit> AddUnitAsync(string code, int? parentId) =>
        InScopeAsync<TrainingDbContext, Unit>(async db =>
        {
            var parent = parentId is null ? null : await db.Units.FindAsync(parentId);
            var unit = new Unit { Code = code, Name = code, Kind = UnitKind.Other, ParentId = parent?.Id, Level = (parent?.Level ?? -1) + 1 };
            db.Units.Add(unit);
            await db.SaveChangesAsync();
            unit.Path = parent is null ? $"{unit.Id}" : $"{parent.Path},{unit.Id}";
            await db.SaveChangesAsync();
            return unit;
        });

    /// <summary>A service in a scope of its own, as one request would have.</summary>
    public async Task<T> InScopeAsync<TService, T>(Func<TService, Task<T>> action)
        where TService : notnull
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async ValueTask DisposeAsync()
    {
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
            if (db.Database.IsNpgsql())
            {
                await db.Database.EnsureDeletedAsync();
            }
        }

        await _host.StopAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
