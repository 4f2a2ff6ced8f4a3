using ChildProtection.Training.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ChildProtection.Web.Features.Email;

/// <summary>
/// Commits a change of the training tables together with the e-mails it sends: the site's context (the outbox) and
/// any other context of the same database join the training context's transaction on its connection, so either all
/// of it is saved or nothing, not even the e-mail. The dispatcher is woken once the messages are visible to it.
/// </summary>
public sealed class OutboxTransaction(TrainingDbContext training, SiteDbContext site, EmailDispatcher dispatcher)
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction and commits it when <paramref name="succeeded"/> says so; any
    /// other outcome, or an exception (which is rethrown), leaves nothing behind.
    /// </summary>
    /// <param name="joined">Further contexts of the same database the work writes through (e.g. learner accounts).</param>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, Func<T, bool> succeeded, CancellationToken ct, params DbContext[] joined)
    {
        DbContext[] others = [site, .. joined];
        var committed = false;
        try
        {
            await using var transaction = await training.Database.BeginTransactionAsync(ct);
            foreach (var context in others)
            {
                context.Database.SetDbConnection(training.Database.GetDbConnection());
                context.Database.UseTransaction(transaction.GetDbTransaction());
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
            foreach (var context in others)
            {
                context.Database.UseTransaction(null);
            }

            if (committed)
            {
                // The outbox woke its sender before the commit, when the messages were not yet visible to it.
                dispatcher.Wake();
            }
            else
            {
                // What was saved inside the transaction was taken back: no later step of the request may see it as stored.
                training.ChangeTracker.Clear();
                Array.ForEach(others, context => context.ChangeTracker.Clear());
            }
        }
    }
}
