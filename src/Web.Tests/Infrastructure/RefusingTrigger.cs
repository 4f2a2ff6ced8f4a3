using ChildProtection.Training.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Infrastructure;

/// <summary>
/// Makes the site's database itself refuse some rows, with an error of its own, so that a test can make one step of a
/// transaction fail for real. The condition picks the test's own rows (an address, a user), so that other tests on the
/// same site are not touched.
/// </summary>
public static class RefusingTrigger
{
    /// <param name="condition">SQL over <c>NEW</c>, the same on SQLite and PostgreSQL, e.g. <c>NEW."To" = 'a@example.vn'</c>.</param>
    /// <param name="operation">INSERT or UPDATE.</param>
    /// <returns>Takes the trigger away again, for a site that other tests go on using.</returns>
    public static async Task<IAsyncDisposable> AddAsync(SiteFactory site, string table, string condition, string operation = "INSERT")
    {
        await using var scope = site.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<TrainingDbContext>().Database;
        var name = $"refuse_{Guid.NewGuid():n}";
        var postgres = database.IsNpgsql();
        string[] statements = postgres
            ?
            [
                $"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$",
                $"CREATE TRIGGER {name} BEFORE {operation} ON \"{table}\" FOR EACH ROW WHEN ({condition}) EXECUTE FUNCTION {name}()",
            ]
            : [$"CREATE TRIGGER {name} BEFORE {operation} ON \"{table}\" WHEN {condition} BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"];
        await RunAsync(site, statements);
        return new Removal(site, postgres ? [$"DROP TRIGGER {name} ON \"{table}\"", $"DROP FUNCTION {name}()"] : [$"DROP TRIGGER {name}"]);
    }

    private static async Task RunAsync(SiteFactory site, IEnumerable<string> statements)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<TrainingDbContext>().Database;
        foreach (var statement in statements)
        {
            await database.ExecuteSqlRawAsync(statement);
        }
    }

    private sealed class Removal(SiteFactory site, string[] statements) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await RunAsync(site, statements);
    }
}
