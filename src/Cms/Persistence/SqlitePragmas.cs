using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ChildProtection.Cms.Persistence;

/// <summary>
/// In WAL mode (set once at start-up, it persists in the file) <c>synchronous=NORMAL</c> stays safe against
/// corruption and skips an fsync per commit. <c>busy_timeout</c> makes a write that finds the file locked wait in
/// SQLite, in steps of a few milliseconds, instead of failing back to Microsoft.Data.Sqlite, which sleeps 150 ms
/// before it tries again. <c>wal_autocheckpoint=0</c> leaves checkpoints to <see cref="SqliteCheckpointer"/>, off the
/// writers' path. All are per-connection settings, so every opened connection gets them.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA wal_autocheckpoint=0;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
