using ChildProtection.Training.DependencyInjection;
using ChildProtection.Training.Persistence;
using ChildProtection.Training.Units;
using ChildProtection.Training.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Training.Tests.Quizzes;

/// <summary>
/// The commit autosaves use (<see cref="TrainingDbContext.AsynchronousCommitAsync"/>): on PostgreSQL a transaction of
/// its own with synchronous_commit off for it alone; on SQLite the write as it is. Either way the write is committed.
/// </summary>
public abstract class AsynchronousCommitTests(TrainingDatabase database) : IAsyncLifetime
{
    private TrainingFixture _training = null!;

    public async Task InitializeAsync() => _training = await TrainingFixture.StartAsync(database);

    public async Task DisposeAsync() => await _training.DisposeAsync();

    [Fact]
    public async Task Write_IsCommitted_AndOnlyItsOwnTransactionSkipsTheFlush()
    {
        var (during, inTransaction, after) = await _training.InScopeAsync<TrainingDbContext, (string?, bool, string?)>(async db =>
        {
            string? setting = null;
            var transaction = false;
            await db.AsynchronousCommitAsync(async () =>
            {
                setting = await SynchronousCommitAsync(db);
                transaction = db.Database.CurrentTransaction is not null;
                db.Units.Add(new Unit { Code = "xa-an-binh", Name = "Xã An Bình", Kind = UnitKind.Other, Path = "" });
                return await db.SaveChangesAsync();
            });
            return (setting, transaction, await SynchronousCommitAsync(db));
        });

        if (database == TrainingDatabase.PostgreSql)
        {
            Assert.Equal("off", during);
            Assert.True(inTransaction);
            Assert.Equal("on", after);
        }
        else
        {
            Assert.False(inTransaction);
        }

        Assert.True(await _training.InScopeAsync<TrainingDbContext, bool>(db => db.Units.AnyAsync(u => u.Code == "xa-an-binh")));
    }

    [Fact]
    public async Task Failure_OnPostgreSql_LeavesNothingWritten_AndNoTransactionOpen()
    {
        var open = await _training.InScopeAsync<TrainingDbContext, bool>(async db =>
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.AsynchronousCommitAsync<int>(async () =>
            {
                db.Units.Add(new Unit { Code = "xa-loi", Name = "Xã lỗi", Kind = UnitKind.Other, Path = "" });
                await db.SaveChangesAsync();
                throw new InvalidOperationException("hỏng giữa chừng");
            }));
            return db.Database.CurrentTransaction is not null;
        });

        Assert.False(open);
        var left = await _training.InScopeAsync<TrainingDbContext, bool>(db => db.Units.AnyAsync(u => u.Code == "xa-loi"));
        // SQLite commits each SaveChanges as it goes, with or without this; PostgreSQL rolls the whole write back.
        Assert.Equal(database == TrainingDatabase.Sqlite, left);
    }

    private static async Task<string?> SynchronousCommitAsync(TrainingDbContext db) => db.Database.IsNpgsql()
        ? await db.Database.SqlQueryRaw<string>("SELECT current_setting('synchronous_commit') AS \"Value\"").SingleAsync()
        : null;
}

public sealed class SqliteAsynchronousCommitTests() : AsynchronousCommitTests(TrainingDatabase.Sqlite);

public sealed class PostgresAsynchronousCommitTests() : AsynchronousCommitTests(TrainingDatabase.PostgreSql);
