using ChildProtection.Cms.Persistence;
using ChildProtection.Concerns.Persistence;
using ChildProtection.Training.Persistence;
using ChildProtection.Web.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ChildProtection.Web.Features.Email;

/// <summary>
/// Commits a change of the content, training or report tables together with the e-mails it sends: the modules' contexts join
/// the site context's transaction (the outbox's) on its connection, as all live in one database, so either all of it
/// is saved or nothing, not even the e-mail. The dispatcher is woken once the messages are visible to it.
/// </summary>
public sealed class OutboxTransaction(SiteDbContext site, TrainingDbContext training, CmsDbContext content, ConcernsDbContext concerns, EmailDispatcher dispatcher)
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction and commits it when <paramref name="succeeded"/> says so; any
    /// other outcome, or an exception (which is rethrown), leaves nothing behind.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, Func<T, bool> succeeded, CancellationToken ct)
    {
        DbContext[] contexts = [site, training, content, concerns];
        var committed = false;
        try
        {
            await using var transaction = await site.Database.BeginTransactionAsync(ct);
            foreach (var module in contexts[1..])
            {
                module.Database.SetDbConnection(site.Database.GetDbConnection());
                module.Database.UseTransaction(transaction.GetDbTransaction());
            }

            var result = await work(ct);
            if (succeeded(result))
            {
                await transaction.CommitAsync(ct);
                committed = true;
            }

            return result;
        }
        finally
        {
            foreach (var module in contexts[1..])
            {
                module.Database.UseTransaction(null);
            }

            if (committed)
            {
                // The outbox woke its sender before the commit, when the messages were not yet visible to it.
                dispatcher.Wake();
            }
            else
            {
                // What was saved inside the transaction was taken back: no later step of the request may see it as stored.
                Array.ForEach(contexts, context => context.ChangeTracker.Clear());
            }
        }
    }
}
