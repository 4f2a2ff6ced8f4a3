using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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
    /// <summary>
    /// How long a SQLite write waits for its turn (the write gate, then the file's lock) before it fails with
    /// <see cref="DatabaseBusyException"/>, so that no request hangs on a busy or stuck database (<c>Database:WriteTimeout</c>).
    /// </summary>
    public TimeSpan WriteTimeout { get; init; } = DefaultWriteTimeout;

    public static readonly TimeSpan DefaultWriteTimeout = TimeSpan.FromSeconds(5);

    public static DatabaseConnection FromConfiguration(IConfiguration configuration, string dataPath)
    {
        var writeTimeout = configuration.GetValue("Database:WriteTimeout", DefaultWriteTimeout);
        if (writeTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"Database:WriteTimeout must be a positive time span (such as 00:00:05), not {writeTimeout}.");
        }

        var connectionString = configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            // Microsoft.Data.Sqlite keeps retrying a busy file until its command timeout: the same bound as the gate's.
            var seconds = (int)Math.Ceiling(writeTimeout.TotalSeconds);
            return new(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(dataPath, "childprotection.db")};Default Timeout={seconds}") { WriteTimeout = writeTimeout };
        }

        return connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase)
            ? new(DatabaseProvider.PostgreSql, WithPoolLimit(connectionString)) { WriteTimeout = writeTimeout }
            : new(DatabaseProvider.Sqlite, connectionString) { WriteTimeout = writeTimeout };
    }

    /// <summary>PostgreSQL connections one node opens at most, unless the connection string says otherwise.</summary>
    public const int DefaultMaxPoolSize = 30;

    /// <summary>
    /// Npgsql's default pool of 100 connections lets one busy node take all of PostgreSQL's 100 default connections
    /// (a contest's start did: "too many clients"), and a few cores gain nothing from more than a few dozen queries at
    /// once: requests beyond the pool wait their turn for a connection instead.
    /// </summary>
    private static string WithPoolLimit(string connectionString) =>
        Unless(connectionString, ["Maximum Pool Size", "Max Pool Size", "MaxPoolSize"], $"Maximum Pool Size={DefaultMaxPoolSize}");

    /// <summary>
    /// PostgreSQL lets a statement wait for a row or table lock for ever (its <c>lock_timeout</c> is off by default):
    /// the site's own statements give up after the write timeout instead, and the request answers as busy. Only the
    /// contexts' connections get it; a connection string that sets its own <c>Options</c> is left as it is.
    /// </summary>
    private static string WithLockTimeout(string connectionString, TimeSpan timeout) =>
        Unless(connectionString, ["Options"], $"Options=-c lock_timeout={(long)timeout.TotalMilliseconds}");

    /// <summary>The connection string with <paramref name="setting"/> added, unless it already names one of <paramref name="names"/>.</summary>
    private static string Unless(string connectionString, string[] names, string setting)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return names.Any(given.ContainsKey) ? connectionString : $"{connectionString.TrimEnd(';')};{setting}";
    }

    /// <summary>What the contexts connect with on PostgreSQL: parsed once, not for every context a request creates.</summary>
    private string ContextConnectionString => field ??= WithLockTimeout(ConnectionString, WriteTimeout);

    /// <summary>
    /// Points a DbContext at this database, with the provider's settings; every context of the site uses it, with its
    /// options registered as a singleton: built once, not for each of the four contexts every request creates (which
    /// cost each request its share of the garbage collector's work at a contest's bell). Migrating does not compare the
    /// model with the migrations' snapshot on every start (building both models and diffing them cost a third of a first
    /// start): a test does it once per context and provider.
    /// </summary>
    public DbContextOptionsBuilder Configure(DbContextOptionsBuilder options) => (Provider == DatabaseProvider.PostgreSql
            ? options.UseNpgsql(ContextConnectionString)
            : options.UseSqlite(ConnectionString).AddInterceptors(SqlitePragmas.For(WriteTimeout), SqliteWriteGate.For(ConnectionString, WriteTimeout)))
        .ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning));
}
