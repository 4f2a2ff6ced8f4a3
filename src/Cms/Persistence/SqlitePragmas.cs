using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ChildProtection.Cms.Persistence;

/// <summary>
/// In WAL mode (set once at start-up, it persists in the file) <c>synchronous=NORMAL</c> stays safe against
/// corruption and skips an fsync per commit. <c>busy_timeout</c> makes a write that finds the file locked wait in
/// SQLite, in steps of a few milliseconds, instead of failing back to Microsoft.Data.Sqlite, which sleeps 150 ms
/// before it tries again; it is the write timeout, after which the write fails as busy rather than hang. <c>wal_autocheckpoint=0</c> leaves checkpoints to <see cref="SqliteCheckpointer"/>, off the
/// writers' path. All are per-connection settings, so every opened connection gets them.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<TimeSpan, SqlitePragmas> ByTimeout = new();

    private readonly string _pragmas;

    private SqlitePragmas(TimeSpan busyTimeout) =>
        _pragmas = $"PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={(long)busyTimeout.TotalMilliseconds}; PRAGMA wal_autocheckpoint=0;";

    public static SqlitePragmas For(TimeSpan busyTimeout) => ByTimeout.GetOrAdd(busyTimeout, t => new SqlitePragmas(t));

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
