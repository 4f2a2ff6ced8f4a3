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

        // The first writer hands over before the timeout; the second-in-line holds on past it.
        queue.Exit(first);
        var granted = await Task.WhenAny(waiting, second);
        var other = granted == waiting ? second : waiting;

        await Assert.ThrowsAsync<DatabaseBusyException>(() => other);
        queue.Exit(await granted);
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
