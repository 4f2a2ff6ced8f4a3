using ChildProtection.Cms.Content;
using ChildProtection.Cms.Persistence;
using ChildProtection.Cms.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Cms.Tests.Persistence;

/// <summary>
/// Every kind of write that can fail, several at once, on both providers: afterwards a write must still go through
/// (on SQLite a failure path that kept the write gate once froze every later write of the site).
/// </summary>
public sealed class WriteGateTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.PostgreSql)]
    public async Task SaveChanges_ConcurrencyConflictsAtOnce_LaterWritesSucceed(TestDatabase database)
    {
        await using var cms = await CmsFixture.StartAsync(database);
        var id = await AddRedirectAsync(cms, "/xung-dot");

        // Each context holds the row, then finds it gone when it saves: EF Core's "expected 1 row, 0 affected".
        var scopes = Enumerable.Range(0, 8).Select(_ => cms.Services.CreateAsyncScope()).ToList();
        var contexts = scopes.Select(s => s.ServiceProvider.GetRequiredService<CmsDbContext>()).ToList();
        var rows = new List<RedirectUrl>();
        foreach (var db in contexts)
        {
            rows.Add(await db.RedirectUrls.SingleAsync(r => r.Id == id));
        }

        await DeleteRedirectAsync(cms, id);
        var failures = await AtOnceAsync(contexts.Select((db, i) => (Func<Task>)(() =>
        {
            rows[i].Url = $"/xung-dot-{i}";
            return db.SaveChangesAsync();
        })));

        Assert.All(failures, f => Assert.IsType<DbUpdateConcurrencyException>(f));
        foreach (var scope in scopes)
        {
            await scope.DisposeAsync();
        }

        await AddRedirectAsync(cms, "/van-ghi-duoc").WaitAsync(Patience);
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.PostgreSql)]
    public async Task SaveChanges_UniqueViolationsAtOnce_LaterWritesSucceed(TestDatabase database)
    {
        await using var cms = await CmsFixture.StartAsync(database);
        await AddRedirectAsync(cms, "/trung");

        var failures = await AtOnceAsync(Enumerable.Range(0, 8).Select(_ => (Func<Task>)(() => AddRedirectAsync(cms, "/trung"))));

        Assert.Equal(8, failures.Count(f => f is DbUpdateException));
        await AddRedirectAsync(cms, "/van-ghi-duoc").WaitAsync(Patience);
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.PostgreSql)]
    public async Task ExecuteUpdate_UniqueViolationsAtOnce_LaterWritesSucceed(TestDatabase database)
    {
        await using var cms = await CmsFixture.StartAsync(database);
        await AddRedirectAsync(cms, "/da-co");
        var id = await AddRedirectAsync(cms, "/se-doi");

        var failures = await AtOnceAsync(Enumerable.Range(0, 8).Select(_ => (Func<Task>)(async () =>
        {
            await using var scope = cms.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CmsDbContext>().RedirectUrls.Where(r => r.Id == id).ExecuteUpdateAsync(u => u.SetProperty(r => r.Url, "/da-co"));
        })));

        Assert.Equal(8, failures.Count);
        await AddRedirectAsync(cms, "/van-ghi-duoc").WaitAsync(Patience);
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.PostgreSql)]
    public async Task SaveChanges_CanceledAtOnce_LaterWritesSucceed(TestDatabase database)
    {
        await using var cms = await CmsFixture.StartAsync(database);

        var failures = await AtOnceAsync(Enumerable.Range(0, 8).Select(i => (Func<Task>)(async () =>
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(i));
            await AddRedirectAsync(cms, $"/huy-{i}", cancel.Token);
        })));

        Assert.All(failures, f => Assert.IsAssignableFrom<OperationCanceledException>(f));
        await AddRedirectAsync(cms, "/van-ghi-duoc").WaitAsync(Patience);
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.PostgreSql)]
    public async Task Transaction_AnotherWriteArrivesBetweenItsSaves_BothSucceed(TestDatabase database)
    {
        await using var cms = await CmsFixture.StartAsync(database);
        await using var scope = cms.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();

        // On SQLite the transaction holds the file's write lock from its BEGIN: a write that took the gate between its
        // two saves waited for that lock while the transaction waited for the gate, until one of them failed.
        Task<int> other;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.RedirectUrls.Add(new RedirectUrl { Culture = "vi", Url = "/giao-dich-1", NodeKey = Guid.NewGuid(), CreateDateUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
            other = AddRedirectAsync(cms, "/ben-ngoai");
            await Task.Delay(300);
            db.RedirectUrls.Add(new RedirectUrl { Culture = "vi", Url = "/giao-dich-2", NodeKey = Guid.NewGuid(), CreateDateUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        await other.WaitAsync(Patience);
        Assert.Equal(3, await db.RedirectUrls.CountAsync(r => r.Url == "/giao-dich-1" || r.Url == "/giao-dich-2" || r.Url == "/ben-ngoai"));
    }

    [Fact]
    public async Task Transaction_DisposedWithoutCommit_GivesTheGateBack()
    {
        await using var cms = await CmsFixture.StartAsync();
        await using (var scope = cms.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.RedirectUrls.Add(new RedirectUrl { Culture = "vi", Url = "/bo-do", NodeKey = Guid.NewGuid(), CreateDateUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        // The next write gets its turn at once rather than after the write timeout; and nothing of the abandoned one was kept.
        var next = AddRedirectAsync(cms, "/sau-khi-bo");
        Assert.Same(next, await Task.WhenAny(next, Task.Delay(DatabaseConnection.DefaultWriteTimeout / 2)));
        await using var check = cms.Services.CreateAsyncScope();
        Assert.False(await check.ServiceProvider.GetRequiredService<CmsDbContext>().RedirectUrls.AnyAsync(r => r.Url == "/bo-do"));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.PostgreSql)]
    public async Task Write_WhileAnotherProgramHoldsTheLock_FailsAsBusyInsteadOfWaiting(TestDatabase database)
    {
        await using var cms = await CmsFixture.StartAsync(database);
        var connection = cms.Services.GetRequiredService<DatabaseConnection>();
        await using var holder = database == TestDatabase.PostgreSql
            ? (System.Data.Common.DbConnection)new Npgsql.NpgsqlConnection(connection.ConnectionString)
            : new Microsoft.Data.Sqlite.SqliteConnection(connection.ConnectionString);
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var lockTable = holder.CreateCommand())
        {
            lockTable.Transaction = transaction;
            lockTable.CommandText = database == TestDatabase.PostgreSql
                ? "LOCK TABLE \"cmsRedirectUrl\" IN ACCESS EXCLUSIVE MODE"
                : "INSERT INTO cmsRedirectUrl (Culture, Url, NodeKey, CreateDateUtc) VALUES ('vi', '/khoa', 'x', '2026-01-01')";
            await lockTable.ExecuteNonQueryAsync();
        }

        var failure = await Record.ExceptionAsync(() => AddRedirectAsync(cms, "/cho-khoa").WaitAsync(Patience));

        Assert.True(DatabaseBusyException.IsBusy(failure), $"Expected a busy database, got {failure}");
        await transaction.RollbackAsync();
        await AddRedirectAsync(cms, "/cho-khoa").WaitAsync(Patience);
    }

    /// <summary>Runs each write at once; returns the exceptions of those that failed.</summary>
    private static async Task<List<Exception>> AtOnceAsync(IEnumerable<Func<Task>> writes)
    {
        using var start = new SemaphoreSlim(0);
        var running = writes.Select(async write =>
        {
            await start.WaitAsync();
            try
            {
                await write();
                return null;
            }
            catch (Exception e)
            {
                return e;
            }
        }).ToList();
        start.Release(running.Count);
        return [.. (await Task.WhenAll(running).WaitAsync(Patience)).OfType<Exception>()];
    }

    private static async Task<int> AddRedirectAsync(CmsFixture cms, string url, CancellationToken cancellationToken = default)
    {
        await using var scope = cms.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        var redirect = new RedirectUrl { Culture = "vi", Url = url, NodeKey = Guid.NewGuid(), CreateDateUtc = DateTime.UtcNow };
        db.RedirectUrls.Add(redirect);
        await db.SaveChangesAsync(cancellationToken);
        return redirect.Id;
    }

    private static async Task DeleteRedirectAsync(CmsFixture cms, int id)
    {
        await using var scope = cms.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CmsDbContext>().RedirectUrls.Where(r => r.Id == id).ExecuteDeleteAsync();
    }
}
