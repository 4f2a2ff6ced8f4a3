using ChildProtection.Cms.Persistence;

namespace ChildProtection.Cms.Tests.Persistence;

/// <summary>The queue behind SQLite's write gate: a lost turn never stops the writers after it.</summary>
public sealed class WriteQueueTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task EnterAsync_TurnNeverGivenBack_NextWriterTakesItOverAfterTheTimeout()
    {
        var queue = new WriteQueue(Timeout);
        var lost = await queue.EnterAsync(CancellationToken.None);

        var next = await queue.EnterAsync(CancellationToken.None);

        Assert.False(lost.TookOver);
        Assert.True(next.TookOver);
        queue.Exit(next);
        var after = await queue.EnterAsync(CancellationToken.None);
        Assert.False(after.TookOver);
    }

    [Fact]
    public async Task Exit_OfATurnTakenOver_DoesNotEndItsSuccessorsTurn()
    {
        var queue = new WriteQueue(Timeout);
        var slow = await queue.EnterAsync(CancellationToken.None);
        var successor = await queue.EnterAsync(CancellationToken.None);

        queue.Exit(slow);

        // The successor still holds the turn: the next writer waits behind it, then takes it over in its turn.
        var third = await queue.EnterAsync(CancellationToken.None);
        Assert.True(third.TookOver);
        queue.Exit(successor);
        queue.Exit(third);
        Assert.False((await queue.EnterAsync(CancellationToken.None)).TookOver);
    }

    [Fact]
    public async Task EnterAsync_QueueMovingButNeverFreeInTime_FailsAsBusy()
    {
        var queue = new WriteQueue(Timeout);
        var first = await queue.EnterAsync(CancellationToken.None);
        var waiting = queue.EnterAsync(CancellationToken.None).AsTask();
        var second = queue.EnterAsync(CancellationToken.None).AsTask();

        // The first writer hands over before the timeout; the second-in-line holds on past it. Which waiter gets
        // the turn, and which of the two finishes first on a loaded machine, is the scheduler's choice.
        queue.Exit(first);
        var outcomes = await Task.WhenAll(LeaseOrBusy(waiting), LeaseOrBusy(second));

        var granted = Assert.Single(outcomes, o => o is not null);
        Assert.Single(outcomes, o => o is null);
        queue.Exit(granted!);
        Assert.False((await queue.EnterAsync(CancellationToken.None)).TookOver);
    }

    /// <summary>The lease a waiter got, or null when it failed as busy.</summary>
    private static async Task<WriteQueue.Lease?> LeaseOrBusy(Task<WriteQueue.Lease> waiter)
    {
        try
        {
            return await waiter;
        }
        catch (DatabaseBusyException)
        {
            return null;
        }
    }

    [Fact]
    public void Enter_FreeQueue_IsGrantedAtOnceAndInOrder()
    {
        var queue = new WriteQueue(Timeout);
        var first = queue.Enter();
        queue.Exit(first);
        var second = queue.Enter();

        Assert.False(first.TookOver);
        Assert.False(second.TookOver);
        Assert.NotSame(first, second);
    }
}
