using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace ChildProtection.Cms.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// The one database: SQLite in the data folder unless <c>ConnectionStrings:Default</c> names another database;
/// a connection string with a <c>Host=</c> is PostgreSQL, anything else SQLite.
/// </summary>
public sealed record DatabaseConnection(DatabaseProvider Provider, string ConnectionString)
{
    public static DatabaseConnection FromConfiguration(IConfiguration configuration, string dataPath)
    {
        var connectionString = configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return new(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(dataPath, "childprotection.db")};Default Timeout=30");
        }

        return connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase)
            ? new(DatabaseProvider.PostgreSql, WithPoolLimit(connectionString))
            : new(DatabaseProvider.Sqlite, connectionString);
    }

    /// <summary>PostgreSQL connections one node opens at most, unless the connection string says otherwise.</summary>
    public const int DefaultMaxPoolSize = 30;

    /// <summary>
    /// Npgsql's default pool of 100 connections lets one busy node take all of PostgreSQL's 100 default connections
    /// (a contest's start did: "too many clients"), and a few cores gain nothing from more than a few dozen queries at
    /// once: requests beyond the pool wait their turn for a connection instead.
    /// </summary>
    private static string WithPoolLimit(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        string[] names = ["Maximum Pool Size", "Max Pool Size", "MaxPoolSize"];
        return names.Any(given.ContainsKey) ? connectionString : $"{connectionString.TrimEnd(';')};Maximum Pool Size={DefaultMaxPoolSize}";
    }

    /// <summary>Points a DbContext at this database, with the provider's settings; every context of the site uses it.</summary>
    public DbContextOptionsBuilder Configure(DbContextOptionsBuilder options) => Provider == DatabaseProvider.PostgreSql
        ? options.UseNpgsql(ConnectionString)
        : options.UseSqlite(ConnectionString).AddInterceptors(SqlitePragmas.Instance, SqliteWriteGate.For(ConnectionString));
}
