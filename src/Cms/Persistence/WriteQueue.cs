namespace ChildProtection.Cms.Persistence;

/// <summary>
/// The queue behind <see cref="SqliteWriteGate"/>: one writer at a time, in order, each waiting at most
/// <see cref="Timeout"/>. A waiter that times out while the writer it queued behind still holds its turn takes the
/// turn over (that writer is stuck, or lost its way out); one that times out while the queue moved fails with
/// <see cref="DatabaseBusyException"/>.
/// </summary>
internal sealed class WriteQueue(TimeSpan timeout)
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Lock _holderLock = new();

    /// <summary>The writer whose turn it is; null while no one writes.</summary>
    private Lease? _holder;

    public TimeSpan Timeout => timeout;

    /// <summary>One writer's turn; compared by reference, so that a writer whose turn was taken over cannot end its successor's.</summary>
    public sealed class Lease(bool tookOver)
    {
        /// <summary>This turn was taken over from a writer that held it past the timeout.</summary>
        public bool TookOver => tookOver;
    }

    public Lease Enter()
    {
        if (_turn.Wait(0))
        {
            return Hold();
        }

        var heldWhenWaitBegan = _holder;
        return _turn.Wait(timeout) ? Hold() : TakeOverOrGiveUp(heldWhenWaitBegan);
    }

    public async ValueTask<Lease> EnterAsync(CancellationToken cancellationToken)
    {
        if (_turn.Wait(0, cancellationToken))
        {
            return Hold();
        }

        var heldWhenWaitBegan = _holder;
        return await _turn.WaitAsync(timeout, cancellationToken) ? Hold() : TakeOverOrGiveUp(heldWhenWaitBegan);
    }

    /// <summary>Ends <paramref name="lease"/>'s turn; nothing when it was taken over meanwhile.</summary>
    public void Exit(Lease lease)
    {
        lock (_holderLock)
        {
            if (!ReferenceEquals(_holder, lease))
            {
                return;
            }

            _holder = null;
        }

        _turn.Release();
    }

    private Lease Hold()
    {
        var lease = new Lease(tookOver: false);
        lock (_holderLock)
        {
            _holder = lease;
        }

        return lease;
    }

    private Lease TakeOverOrGiveUp(Lease? heldWhenWaitBegan)
    {
        lock (_holderLock)
        {
            // The queue moved meanwhile: the database is busy, not stuck.
            if (heldWhenWaitBegan is null || !ReferenceEquals(_holder, heldWhenWaitBegan))
            {
                throw new DatabaseBusyException(timeout);
            }

            // The turn passes to this writer without going through the semaphore, whose one slot the stuck writer
            // still counts as taken; this writer's Exit gives it back.
            var lease = new Lease(tookOver: true);
            _holder = lease;
            return lease;
        }
    }
}
