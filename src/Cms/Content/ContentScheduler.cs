using ChildProtection.Cms.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildProtection.Cms.Content;

public enum ScheduledAction
{
    Publish,
    Unpublish,
}

/// <summary>A publish or unpublish to be carried out at a time; kept in the database, so a restart loses none.</summary>
public sealed class ContentSchedule
{
    public int Id { get; set; }
    public Guid NodeKey { get; set; }
    public ScheduledAction Action { get; set; }
    public DateTime DueUtc { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedUtc { get; set; }

    /// <summary>When it was carried out (or tried); null while it waits.</summary>
    public DateTime? DoneUtc { get; set; }

    /// <summary>The operation's outcome, e.g. "Success" or "ParentNotPublished".</summary>
    public string? Result { get; set; }
}

public enum ScheduleStatus
{
    Success,
    NotFound,
    NotInFuture,
}

/// <summary>
/// Scheduled publishing (Umbraco's "publish at"/"unpublish at"). A recurring job calls <see cref="RunDueAsync"/>
/// every minute; each schedule is claimed by one atomic update, so two nodes never carry it out twice.
/// </summary>
public sealed class ContentScheduler(CmsDbContext db, ContentService content, TimeProvider clock)
{
    public async Task<ScheduleStatus> ScheduleAsync(Guid key, ScheduledAction action, DateTime dueUtc, string userName, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (dueUtc <= now)
        {
            return ScheduleStatus.NotInFuture;
        }

        if (!await content.ExistsAsync(key, ct))
        {
            return ScheduleStatus.NotFound;
        }

        db.Schedules.Add(new ContentSchedule { NodeKey = key, Action = action, DueUtc = dueUtc, CreatedBy = userName, CreatedUtc = now });
        await db.SaveChangesAsync(ct);
        return ScheduleStatus.Success;
    }

    public async Task<bool> CancelAsync(int id, CancellationToken ct = default) =>
        await db.Schedules.Where(s => s.Id == id && s.DoneUtc == null).ExecuteDeleteAsync(ct) == 1;

    public async Task<IReadOnlyList<ContentSchedule>> PendingAsync(Guid key, CancellationToken ct = default) =>
        await db.Schedules.AsNoTracking().Where(s => s.NodeKey == key && s.DoneUtc == null).OrderBy(s => s.DueUtc).ToListAsync(ct);

    /// <summary>Carries out every schedule due at <paramref name="nowUtc"/>, oldest first; returns how many.</summary>
    public async Task<int> RunDueAsync(DateTime nowUtc, CancellationToken ct = default)
    {
        var due = await db.Schedules.AsNoTracking().Where(s => s.DoneUtc == null && s.DueUtc <= nowUtc).OrderBy(s => s.DueUtc).ToListAsync(ct);
        var done = 0;
        foreach (var schedule in due)
        {
            var claimed = await db.Schedules.Where(s => s.Id == schedule.Id && s.DoneUtc == null)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.DoneUtc, nowUtc), ct);
            if (claimed == 0)
            {
                continue;
            }

            var status = schedule.Action == ScheduledAction.Publish
                ? (await content.PublishAsync(schedule.NodeKey, schedule.CreatedBy, ct)).Status
                : (await content.UnpublishAsync(schedule.NodeKey, schedule.CreatedBy, ct)).Status;
            await db.Schedules.Where(s => s.Id == schedule.Id).ExecuteUpdateAsync(set => set.SetProperty(s => s.Result, status.ToString()), ct);
            done++;
        }

        return done;
    }
}

internal sealed class ContentScheduleEntityTypeConfiguration : IEntityTypeConfiguration<ContentSchedule>
{
    public void Configure(EntityTypeBuilder<ContentSchedule> builder)
    {
        builder.ToTable("cmsContentSchedule");
        builder.HasIndex(s => new { s.DoneUtc, s.DueUtc });
        builder.HasIndex(s => s.NodeKey);
        builder.Property(s => s.Action).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.CreatedBy).HasMaxLength(256);
        builder.Property(s => s.Result).HasMaxLength(50);
    }
}
