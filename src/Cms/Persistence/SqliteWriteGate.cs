using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Cms.Persistence;

/// <summary>
/// SQLite lets one connection write at a time. When two collide, the loser waits out a busy timeout or
/// Microsoft.Data.Sqlite's blocking 150 ms retry sleep, which under a contest's stream of autosaves put seconds on the
/// slowest saves and tied up thread-pool threads. Every context of the site on the same file therefore queues its
/// writes here, asynchronously and in order: each <c>SaveChanges</c>, each bulk update or delete run outside one
/// (<c>ExecuteUpdate</c>, <c>ExecuteDelete</c>), and each explicit transaction from its <c>BEGIN</c> (Microsoft.Data.Sqlite
/// begins <c>IMMEDIATE</c>, taking the file's write lock at once) to its end. A transaction that took only its statements'
/// turns held the file's lock between them while another writer held the gate and waited for that lock: each waited
/// for the other until a timeout broke the tie.
/// </summary>
/// <remarks>
/// The gate is only a queue in front of SQLite's own lock, which keeps the file consistent on its own; so the gate
/// must never be what stops the site. A write waits for it at most <see cref="DatabaseConnection.WriteTimeout"/>,
/// then fails with <see cref="DatabaseBusyException"/>. And when the writer that held the gate when the wait began
/// still holds it at the end (a write that long is stuck, or a failure path EF Core reports in a way this class does
/// not hear of never gave it back: two concurrent failed sign-ins once froze every write this way, through a
/// concurrency conflict that raises neither "failed" nor "canceled"), the waiter takes the gate over and goes on to
/// SQLite's lock, which answers it within the same timeout.
/// </remarks>
internal sealed class SqliteWriteGate : ISaveChangesInterceptor, IDbCommandInterceptor, IDbTransactionInterceptor, IDbConnectionInterceptor
{
    private static readonly ConcurrentDictionary<(string, TimeSpan), SqliteWriteGate> Gates = new();

    private readonly WriteQueue _queue;

    /// <summary>Contexts whose SaveChanges holds the gate now (their own statements do not queue again).</summary>
    private readonly ConditionalWeakTable<DbContext, WriteQueue.Lease> _savingContexts = [];

    /// <summary>Bulk commands that hold the gate now.</summary>
    private readonly ConditionalWeakTable<DbCommand, WriteQueue.Lease> _writingCommands = [];

    /// <summary>Connections whose explicit transaction holds the gate now (contexts that joined it share its connection).</summary>
    private readonly ConditionalWeakTable<DbConnection, WriteQueue.Lease> _transactions = [];

    /// <summary>The connection of each transaction begun (a finished SQLite transaction no longer knows it).</summary>
    private readonly ConditionalWeakTable<DbTransaction, DbConnection> _transactionConnections = [];

    private SqliteWriteGate(TimeSpan timeout) => _queue = new WriteQueue(timeout);

    /// <summary>The one gate of the database file this connection string opens.</summary>
    public static SqliteWriteGate For(string connectionString, TimeSpan timeout) => Gates.GetOrAdd((connectionString, timeout), key => new SqliteWriteGate(key.Item2));

    private WriteQueue.Lease Enter(DbContext? context) => Logged(_queue.Enter(), context);

    private async ValueTask<WriteQueue.Lease> EnterAsync(DbContext? context, CancellationToken cancellationToken) =>
        Logged(await _queue.EnterAsync(cancellationToken), context);

    private WriteQueue.Lease Logged(WriteQueue.Lease lease, DbContext? context)
    {
        if (lease.TookOver && (context as IInfrastructure<IServiceProvider>)?.Instance.GetService(typeof(ILoggerFactory)) is ILoggerFactory loggers)
        {
            loggers.CreateLogger<SqliteWriteGate>().LogWarning("A SQLite write held the write gate for over {Timeout}; the next write took it over.", _queue.Timeout);
        }

        return lease;
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        // A context that somehow still holds the gate from an earlier save must not wait for itself, nor one whose
        // transaction holds it.
        if (!_savingContexts.TryGetValue(eventData.Context!, out _) && !InTransaction(eventData.Context!))
        {
            _savingContexts.AddOrUpdate(eventData.Context!, Enter(eventData.Context));
        }

        return result;
    }

    public async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (!_savingContexts.TryGetValue(eventData.Context!, out _) && !InTransaction(eventData.Context!))
        {
            _savingContexts.AddOrUpdate(eventData.Context!, await EnterAsync(eventData.Context, cancellationToken));
        }

        return result;
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ReleaseSave(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ReleaseSave(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => ReleaseSave(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ReleaseSave(eventData.Context);
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => ReleaseSave(eventData.Context);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        ReleaseSave(eventData.Context);
        return Task.CompletedTask;
    }

    // An optimistic concurrency conflict (Identity's failed-count update of two sign-ins at once) ends a save
    // without "failed" or "canceled": this is the only word of it.
    public InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
    {
        ReleaseSave(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        ReleaseSave(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        if (IsBulkWrite(command, eventData))
        {
            _writingCommands.AddOrUpdate(command, Enter(eventData.Context));
        }

        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (IsBulkWrite(command, eventData))
        {
            _writingCommands.AddOrUpdate(command, await EnterAsync(eventData.Context, cancellationToken));
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

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        if (!InSave(eventData.Context))
        {
            _transactions.AddOrUpdate(connection, Enter(eventData.Context));
        }

        return result;
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (!InSave(eventData.Context))
        {
            _transactions.AddOrUpdate(connection, await EnterAsync(eventData.Context, cancellationToken));
        }

        return result;
    }

    /// <summary>SaveChanges begins a transaction of its own for several statements, inside the turn it already holds.</summary>
    private bool InSave(DbContext? context) => context is not null && _savingContexts.TryGetValue(context, out _);

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        _transactionConnections.AddOrUpdate(result, connection);
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        _transactionConnections.AddOrUpdate(result, connection);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => EndTransaction(transaction);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        EndTransaction(transaction);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => EndTransaction(transaction);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        EndTransaction(transaction);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => EndTransaction(transaction);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        EndTransaction(transaction);
        return Task.CompletedTask;
    }

    // A transaction disposed without commit or rollback (an exception on its way) ends with no word of its own; EF
    // Core closes the connection it opened for it.
    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => ReleaseTransaction(connection);

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        ReleaseTransaction(connection);
        return Task.CompletedTask;
    }

    private bool InTransaction(DbContext context) =>
        context.Database.CurrentTransaction is not null && _transactions.TryGetValue(context.Database.GetDbConnection(), out _);

    /// <summary>A statement that writes on its own: not part of a SaveChanges or a transaction, which hold the lock their own way.</summary>
    private bool IsBulkWrite(DbCommand command, CommandEventData eventData) =>
        command.Transaction is null
        && (eventData.Context is null || !_savingContexts.TryGetValue(eventData.Context, out _))
        && command.CommandText.TrimStart() is var sql
        && (sql.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase));

    // Only what took the gate gives it back, once: a failure raised before it was taken releases nothing.
    private void ReleaseSave(DbContext? context)
    {
        if (context is not null)
        {
            Release(_savingContexts, context);
        }
    }

    private void EndTransaction(DbTransaction? transaction)
    {
        if (transaction is not null && _transactionConnections.TryGetValue(transaction, out var connection))
        {
            _transactionConnections.Remove(transaction);
            ReleaseTransaction(connection);
        }
    }

    private void ReleaseTransaction(DbConnection connection) => Release(_transactions, connection);

    private void ReleaseCommand(DbCommand command) => Release(_writingCommands, command);

    /// <summary>Ends the turn <paramref name="holder"/> holds, once, whichever of its end events comes first.</summary>
    private void Release<THolder>(ConditionalWeakTable<THolder, WriteQueue.Lease> holders, THolder holder)
        where THolder : class
    {
        if (holders.TryGetValue(holder, out var lease) && holders.Remove(holder))
        {
            _queue.Exit(lease);
        }
    }
}
