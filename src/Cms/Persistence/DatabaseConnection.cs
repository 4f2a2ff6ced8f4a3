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
            ? new(DatabaseProvider.PostgreSql, connectionString)
            : new(DatabaseProvider.Sqlite, connectionString);
    }

    /// <summary>Points a DbContext at this database, with the provider's settings; every context of the site uses it.</summary>
    public DbContextOptionsBuilder Configure(DbContextOptionsBuilder options) => Provider == DatabaseProvider.PostgreSql
        ? options.UseNpgsql(ConnectionString)
        : options.UseSqlite(ConnectionString).AddInterceptors(SqlitePragmas.Instance);
}
