using ChildProtection.Training.Persistence;
using ChildProtection.Training.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildProtection.Training.Learning;

/// <summary>
/// A course a training manager gives to a unit and every unit below it, optionally only to one role, with a
/// deadline (the seeds' plans set 100% targets and report dates).
/// </summary>
public sealed class Assignment
{
    public int Id { get; set; }
    public Guid CourseKey { get; set; }
    public int UnitId { get; set; }

    /// <summary>Only learners of this role; null for everyone in the units.</summary>
    public LearnerRole? Role { get; set; }
    public DateTime DueUtc { get; set; }

    /// <summary>A mandatory course's reminders cannot be turned off by the learner.</summary>
    public bool Mandatory { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedUtc { get; set; }
}

public enum ReminderKind
{
    WeekBefore,
    DayBefore,
}

/// <summary>A reminder e-mail that has been handed to the outbox; its key makes each one go once, across restarts and nodes.</summary>
public sealed class ReminderSent
{
    public int AssignmentId { get; set; }
    public int LearnerId { get; set; }
    public ReminderKind Kind { get; set; }
    public DateTime SentUtc { get; set; }
}

internal sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> entity)
    {
        entity.ToTable("assignment");
        entity.HasIndex(a => a.DueUtc);
        entity.Property(a => a.Role).HasConversion<string>().HasMaxLength(30);
        entity.Property(a => a.CreatedBy).HasMaxLength(256);
        entity.HasOne<Units.Unit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReminderSentConfiguration : IEntityTypeConfiguration<ReminderSent>
{
    public void Configure(EntityTypeBuilder<ReminderSent> entity)
    {
        entity.ToTable("reminderSent");
        entity.HasKey(r => new { r.AssignmentId, r.LearnerId, r.Kind });
        entity.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        entity.HasOne<Assignment>().WithMany().HasForeignKey(r => r.AssignmentId).OnDelete(DeleteBehavior.Cascade);
        entity.HasOne<Learner>().WithMany().HasForeignKey(r => r.LearnerId).OnDelete(DeleteBehavior.Cascade);
    }
}

public enum AssignmentStatus
{
    Success,
    CourseNotFound,
    UnitNotFound,
    DeadlineInPast,
}

/// <summary>One reminder to send: to whom, for which course, by when.</summary>
public sealed record DueReminder(Learner Learner, CourseOutline Course, Assignment Assignment, ReminderKind Kind);

/// <summary>Assigning courses to a unit subtree (or a role within it), and finding who must be reminded.</summary>
public sealed class Assignments(TrainingDbContext db, ICourseCatalog catalog, TimeProvider clock)
{
    private static readonly (ReminderKind Kind, TimeSpan Before)[] Reminders = [(ReminderKind.WeekBefore, TimeSpan.FromDays(7)), (ReminderKind.DayBefore, TimeSpan.FromDays(1))];

    /// <param name="scope">The assigning manager's part of the tree: a unit outside it is as good as unknown.</param>
    public async Task<AssignmentStatus> AssignAsync(UnitScope scope, Guid courseKey, int unitId, LearnerRole? role, DateTime dueUtc, bool mandatory, string userName, CancellationToken ct = default)
    {
        if (catalog.Find(courseKey) is null)
        {
            return AssignmentStatus.CourseNotFound;
        }

        if (!await db.Units.Within(scope).AnyAsync(u => u.Id == unitId, ct))
        {
            return AssignmentStatus.UnitNotFound;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (dueUtc <= now)
        {
            return AssignmentStatus.DeadlineInPast;
        }

        db.Assignments.Add(new Assignment { CourseKey = courseKey, UnitId = unitId, Role = role, DueUtc = dueUtc, Mandatory = mandatory, CreatedBy = userName, CreatedUtc = now });
        await db.SaveChangesAsync(ct);
        return AssignmentStatus.Success;
    }

    /// <summary>The latest assignments given to units of the scope.</summary>
    public async Task<IReadOnlyList<Assignment>> AllAsync(UnitScope scope, CancellationToken ct = default) =>
        await db.Assignments.AsNoTracking().Where(a => db.Units.Within(scope).Any(u => u.Id == a.UnitId)).OrderByDescending(a => a.Id).Take(500).ToListAsync(ct);

    /// <summary>The assignments that reach this learner: their unit or one above it, and their role or every role.</summary>
    public async Task<IReadOnlyList<Assignment>> ForAsync(Learner learner, CancellationToken ct = default)
    {
        var path = await db.Units.Where(u => u.Id == learner.UnitId).Select(u => u.Path).SingleAsync(ct);
        var unitIds = path.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
        return await db.Assignments.AsNoTracking()
            .Where(a => unitIds.Contains(a.UnitId) && (a.Role == null || a.Role == learner.Role))
            .OrderBy(a => a.DueUtc).ToListAsync(ct);
    }

    /// <summary>
    /// Reminders due now: 7 days and 1 day before each deadline, to learners of the subtree (and role) who have not
    /// completed the course and have not turned reminders off (unless the course is mandatory), not sent before.
    /// </summary>
    public async Task<IReadOnlyList<DueReminder>> DueRemindersAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var result = new List<DueReminder>();
        var open = await db.Assignments.AsNoTracking().Where(a => a.DueUtc > now && a.DueUtc <= now.AddDays(7)).ToListAsync(ct);
        foreach (var assignment in open)
        {
            if (catalog.Find(assignment.CourseKey) is not { } course)
            {
                continue;
            }

            // Only the nearest reminder that is due: one that starts within the last day is not sent a week late.
            var kind = Reminders.Where(r => assignment.DueUtc - r.Before <= now).Select(r => (ReminderKind?)r.Kind).LastOrDefault();
            if (kind is null)
            {
                continue;
            }

            var unitPath = await db.Units.Where(u => u.Id == assignment.UnitId).Select(u => u.Path).SingleAsync(ct);
            var learners = await (
                from learner in db.Learners.AsNoTracking()
                join unit in db.Units on learner.UnitId equals unit.Id
                where (unit.Id == assignment.UnitId || unit.Path.StartsWith(unitPath + ","))
                    && (assignment.Role == null || learner.Role == assignment.Role)
                    && (assignment.Mandatory || !learner.OptionalRemindersOff)
                    && !db.Enrolments.Any(e => e.LearnerId == learner.Id && e.CourseKey == assignment.CourseKey && e.CompletedUtc != null)
                    && !db.RemindersSent.Any(r => r.AssignmentId == assignment.Id && r.LearnerId == learner.Id && r.Kind == kind)
                select learner).ToListAsync(ct);
            result.AddRange(learners.Select(l => new DueReminder(l, course, assignment, kind.Value)));
        }

        return result;
    }

    /// <summary>Records a reminder as sent; false if it already was (another node, an earlier run): then do not send it.</summary>
    public async Task<bool> ClaimAsync(DueReminder reminder, CancellationToken ct = default)
    {
        db.RemindersSent.Add(new ReminderSent { AssignmentId = reminder.Assignment.Id, LearnerId = reminder.Learner.Id, Kind = reminder.Kind, SentUtc = clock.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    public async Task SetOptionalRemindersOffAsync(Learner learner, bool off, CancellationToken ct = default) =>
        await db.Learners.Where(l => l.Id == learner.Id).ExecuteUpdateAsync(l => l.SetProperty(x => x.OptionalRemindersOff, off), ct);
}
