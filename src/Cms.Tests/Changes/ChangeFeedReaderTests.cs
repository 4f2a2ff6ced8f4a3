using ChildProtection.Cms.Changes;
using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.Persistence;
using ChildProtection.Cms.Tests.Infrastructure;
using ChildProtection.Core.Changes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChildProtection.Cms.Tests.Changes;

/// <summary>
/// PostgreSQL numbers entries as transactions insert them, not as they commit: the reader applies what it sees,
/// never skips what commits late, and passes a hole only once its transaction must have rolled back.
/// </summary>
public sealed class ChangeFeedReaderTests
{
    private const string Kind = "test";

    [Fact]
    public async Task CatchUpAsync_EntriesCommittedOutOfOrder_AppliesEachOnceAndWaitsAtTheHole()
    {
        await using var cms = await CmsFixture.StartAsync(TestDatabase.PostgreSql);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var applied = new RecordingHandler();
        var reader = NewReader(cms, new ChangeFeed(clock), applied, clock);
        await reader.BeginAtEndAsync(CancellationToken.None);
        var start = reader.Position;

        // The second transaction commits first.
        await InsertAsync(cms, start + 2, "b");
        await reader.CatchUpAsync(CancellationToken.None);
        Assert.Equal(["b"], applied.Payloads);
        Assert.Equal(start, reader.Position);

        await InsertAsync(cms, start + 1, "a");
        await reader.CatchUpAsync(CancellationToken.None);
        Assert.Equal(["b", "a"], applied.Payloads);
        Assert.Equal(start + 2, reader.Position);

        // A hole that never fills (its transaction rolled back): the entry after it is applied at once, and the
        // position moves past the hole only after a while, without applying that entry again.
        await InsertAsync(cms, start + 4, "d");
        await reader.CatchUpAsync(CancellationToken.None);
        Assert.Equal(start + 2, reader.Position);
        clock.Advance(TimeSpan.FromMinutes(3));
        await reader.CatchUpAsync(CancellationToken.None);
        Assert.Equal(["b", "a", "d"], applied.Payloads);
        Assert.Equal(start + 4, reader.Position);
    }

    [Fact]
    public async Task CatchUpAsync_EntriesThisNodeWrote_AreNotAppliedAgain()
    {
        await using var cms = await CmsFixture.StartAsync(TestDatabase.PostgreSql);
        var feed = new ChangeFeed(TimeProvider.System);
        var applied = new RecordingHandler();
        var reader = NewReader(cms, feed, applied, TimeProvider.System);
        await reader.BeginAtEndAsync(CancellationToken.None);

        await using (var scope = cms.NewContentService())
        {
            feed.Stage(scope.Db, Kind, "own");
            new ChangeFeed(TimeProvider.System).Stage(scope.Db, Kind, "other");
            await scope.Db.SaveChangesAsync();
        }

        await reader.CatchUpAsync(CancellationToken.None);
        Assert.Equal(["other"], applied.Payloads);
    }

    /// <summary>A reader of the fixture's feed as another node would have, applying only <paramref name="handler"/>'s kind.</summary>
    private static ChangeFeedReader NewReader(CmsFixture cms, ChangeFeed feed, IChangeFeedHandler handler, TimeProvider clock) => new(
        cms.Services.GetRequiredService<IServiceScopeFactory>(), feed, [handler],
        cms.Services.GetRequiredService<DatabaseConnection>(), Options.Create(new CmsOptions()), clock,
        cms.Services.GetRequiredService<CmsMetrics>(), NullLogger<ChangeFeedReader>.Instance);

    private static async Task InsertAsync(CmsFixture cms, long id, string payload)
    {
        await using var scope = cms.NewContentService();
        scope.Db.Set<ChangeFeedEntry>().Add(new ChangeFeedEntry { Id = id, Kind = Kind, Payload = payload, Origin = Guid.NewGuid(), CreatedUtc = DateTime.UtcNow });
        await scope.Db.SaveChangesAsync();
    }

    private sealed class RecordingHandler : IChangeFeedHandler
    {
        public List<string?> Payloads { get; } = [];

        public string Kind => ChangeFeedReaderTests.Kind;

        public Task ApplyAsync(IReadOnlyList<string?> payloads, CancellationToken ct)
        {
            Payloads.AddRange(payloads);
            return Task.CompletedTask;
        }
    }
}
