using Microsoft.Data.Sqlite;
using Npgsql;

namespace ChildProtection.Cms.Persistence;

/// <summary>A write could not get its turn at the database within <see cref="DatabaseConnection.WriteTimeout"/>.</summary>
public sealed class DatabaseBusyException(TimeSpan waited)
    : Exception($"The database did not accept a write within {waited.TotalSeconds:0.#} s.")
{
    /// <summary>
    /// Whether <paramref name="exception"/>, or one it wraps, says the database was too busy to write in time: this gate's
    /// timeout, SQLite's busy or locked file, or PostgreSQL's lock timeout. Such a write may simply be tried again.
    /// </summary>
    public static bool IsBusy(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DatabaseBusyException
                || e is SqliteException { SqliteErrorCode: 5 or 6 }
                || e is PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable })
            {
                return true;
            }
        }

        return false;
    }
}
