using System.Threading.RateLimiting;
using ChildProtection.Training.Contests;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.Contests;

/// <summary>
/// Lets a few contest entries in at a time and queues the rest, oldest first, without a thread each. At a school's
/// bell thousands of entry forms came in the same seconds: each one's writes queued behind SQLite's one write lock, and
/// the writer holding it waited for a thread behind every other entry's work, so the queue moved slower the longer it
/// grew and entries waited past the database's time limit. A short line of entries that each finish is faster for
/// everyone in it than all of them at once. The e-mailed code's form has a line of its own: in one line, a child who
/// had entered, read the code and sent it waited behind every entry form sent after theirs (at 5,000 within 10 s, half a
/// minute before the first attempt began); now the children further on go on while newcomers queue.
/// </summary>
public static class ContestAdmission
{
    public const string Policy = "contest-entry";

    /// <summary>The line of the e-mailed codes' form.</summary>
    public const string CodePolicy = "contest-code";

    public static WebApplicationBuilder AddContestAdmission(this WebApplicationBuilder builder)
    {
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<ContestOptions>>((limiter, contests) =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            foreach (var policy in new[] { Policy, CodePolicy })
            {
                limiter.AddConcurrencyLimiter(policy, queue =>
                {
                    queue.PermitLimit = contests.Value.EntriesAtOnce;
                    queue.QueueLimit = contests.Value.EntriesQueued;
                    queue.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
                });
            }
        });
        return builder;
    }
}
