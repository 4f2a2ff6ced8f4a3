using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ChildProtection.Cms.Persistence;

/// <summary>
/// SQLite lets one connection write at a time. When two collide, the loser waits out a busy timeout or
/// Microsoft.Data.Sqlite's blocking 150 ms retry sleep, which under a contest's stream of autosaves put seconds on the
/// slowest saves and tied up thread-pool threads. Every context of the site on the same file therefore queues its
/// writes here, asynchronously and in order: each <c>SaveChanges</c>, and each bulk update or delete run outside one
/// (<c>ExecuteUpdate</c>, <c>ExecuteDelete</c>). Writes inside an explicit transaction can still meet the lock held
/// between its statements; the connection's busy timeout covers those rare ones.
/// </summary>
internal sealed class SqliteWriteGate : ISaveChangesInterceptor, IDbCommandInterceptor
{
    private static readonly ConcurrentDictionary<string, SqliteWriteGate> Gates = new();

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Contexts whose SaveChanges holds the gate now (their own statements do not queue again).</summary>
    private readonly ConditionalWeakTable<DbContext, object> _savingContexts = [];

    /// <summary>Bulk commands that hold the gate now.</summary>
    private readonly ConditionalWeakTable<DbCommand, object> _writingCommands = [];

    private SqliteWriteGate()
    {
    }

    /// <summary>The one gate of the database file this connection string opens.</summary>
    public static SqliteWriteGate For(string connectionString) => Gates.GetOrAdd(connectionString, _ => new SqliteWriteGate());

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        _gate.Wait();
        _savingContexts.AddOrUpdate(eventData.Context!, this);
        return result;
    }

    public async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        _savingContexts.AddOrUpdate(eventData.Context!, this);
        return result;
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ReleaseSave(eventData);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ReleaseSave(eventData);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => ReleaseSave(eventData);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ReleaseSave(eventData);
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => ReleaseSave(eventData);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        ReleaseSave(eventData);
        return Task.CompletedTask;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        if (IsBulkWrite(command, eventData))
        {
            _gate.Wait();
            _writingCommands.AddOrUpdate(command, this);
        }

        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (IsBulkWrite(command, eventData))
        {
            await _gate.WaitAsync(cancellationToken);
            _writingCommands.AddOrUpdate(command, this);
        }

        return result;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        ReleaseCommand(command);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ReleaseCommand(command);
        return ValueTask.FromResult(result);
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => ReleaseCommand(command);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ReleaseCommand(command);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => ReleaseCommand(command);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ReleaseCommand(command);
        return Task.CompletedTask;
    }

    /// <summary>A statement that writes on its own: not part of a SaveChanges or a transaction, which hold the lock their own way.</summary>
    private bool IsBulkWrite(DbCommand command, CommandEventData eventData) =>
        command.Transaction is null
        && (eventData.Context is null || !_savingContexts.TryGetValue(eventData.Context, out _))
        && command.CommandText.TrimStart() is var sql
        && (sql.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase));

    // Only what took the gate gives it back: a failure raised before it was taken releases nothing.
    private void ReleaseSave(DbContextEventData eventData)
    {
        if (_savingContexts.Remove(eventData.Context!))
        {
            _gate.Release();
        }
    }

    private void ReleaseCommand(DbCommand command)
    {
        if (_writingCommands.Remove(command))
        {
            _gate.Release();
        }
    }
}
