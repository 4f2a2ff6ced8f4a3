using ChildProtection.Concerns.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Concerns.Tests.Infrastructure;

/// <summary>
/// The channel's tables alone, migrated as the site migrates them, on a fresh SQLite file or a fresh PostgreSQL database
/// (CP_TEST_POSTGRES, started by the test script).
/// </summary>
public sealed class ConcernsDatabase : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cp-tests", Guid.NewGuid().ToString("n"));
    private readonly bool _onPostgreSql;
    private readonly string _connection;

    private ConcernsDatabase(bool onPostgreSql)
    {
        _onPostgreSql = onPostgreSql;
        var server = Environment.GetEnvironmentVariable("CP_TEST_POSTGRES") is { Length: > 0 } configured
            ? configured
            : "Host=127.0.0.1;Port=5432;Username=postgres;Password=childprotection-test";
        _connection = onPostgreSql ? $"{server};Database=cp_test_{Guid.NewGuid():n}" : $"Data Source={Path.Combine(_folder, "concerns.db")}";
    }

    public static async Task<ConcernsDatabase> CreateAsync(bool onPostgreSql)
    {
        var database = new ConcernsDatabase(onPostgreSql);
        Directory.CreateDirectory(database._folder);
        await using var db = database.Open();
        await db.Database.MigrateAsync();
        return database;
    }

    /// <summary>A context of its own, as one request would have.</summary>
    public ConcernsDbContext Open() => _onPostgreSql
        ? new PostgresConcernsDbContext(new DbContextOptionsBuilder<PostgresConcernsDbContext>().UseNpgsql(_connection).Options)
        : new SqliteConcernsDbContext(new DbContextOptionsBuilder<SqliteConcernsDbContext>().UseSqlite(_connection).Options);

    public async ValueTask DisposeAsync()
    {
        if (_onPostgreSql)
        {
            await using var db = Open();
            await db.Database.EnsureDeletedAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
