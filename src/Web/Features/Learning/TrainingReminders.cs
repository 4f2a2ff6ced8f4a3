using ChildProtection.Training.Learning;
using ChildProtection.Web.Features.Email;
using ChildProtection.Web.Infrastructure;
using Hangfire;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.Learning;

/// <summary>
/// Deadline reminders, 7 days and 1 day before, through the e-mail outbox. Each is recorded before it is handed
/// over, so a restart or a second node never sends it twice (a crash between the two loses that one reminder
/// rather than repeating it).
/// </summary>
public sealed class TrainingReminders(
    Assignments assignments,
    IEmailOutbox outbox,
    SiteAddress address,
    IOptions<SiteOptions> site,
    SiteClock clock,
    IStringLocalizer<LearningText> text,
    ILogger<TrainingReminders> logger)
{
    [AutomaticRetry(Attempts = 0)] // the next hour's run picks up whatever this one missed
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        // A link in an e-mail must be absolute; until the site's address is known the reminders wait for the next run.
        if (await address.CurrentAsync(ct) is not { } baseUrl)
        {
            logger.LogWarning("Training reminders wait: the site's public address is not known yet (set Site:PublicUrl, or sign in to the backoffice once).");
            return 0;
        }

        var sent = 0;
        foreach (var reminder in await assignments.DueRemindersAsync(ct))
        {
            if (!await assignments.ClaimAsync(reminder, ct))
            {
                continue;
            }

            var due = SiteClock.FormatDate(reminder.Assignment.DueUtc);
            // Said in days left, not by the reminder's kind: a course assigned three days ahead gets its first reminder at once.
            var daysLeft = SiteClock.DaysUntil(clock.UtcNow, reminder.Assignment.DueUtc);
            var link = $"{baseUrl}/hoc-tap/khoa-hoc/{reminder.Course.Key}";
            var optOut = reminder.Assignment.Mandatory ? text["ReminderMandatory"] : text["ReminderOptOut"];
            await outbox.EnqueueAsync(
                reminder.Learner.Email,
                daysLeft > 0 ? text["ReminderSubject", reminder.Course.Title, due, daysLeft] : text["ReminderSubjectToday", reminder.Course.Title, due],
                text["ReminderBody", reminder.Learner.FullName, reminder.Course.Title, due, link, optOut.Value, site.Value.SiteName],
                ct: ct);
            sent++;
        }

        return sent;
    }
}
