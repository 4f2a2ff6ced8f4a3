using ChildProtection.Training.Contests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildProtection.Training.Forum;

/// <summary>
/// A Children's Forum (Diễn đàn trẻ em): children are asked one question on a topic, send their opinions and
/// recommendations while it is open, and later read the answers the responsible bodies gave.
/// </summary>
public sealed class ForumEvent
{
    public int Id { get; set; }
    public Guid Key { get; set; }

    /// <summary>The address under /dien-dan-tre-em/, a Vietnamese slug without diacritics; kept when the title changes so that shared links keep working.</summary>
    public required string Slug { get; set; }
    public required string Title { get; set; }

    /// <summary>What the children are asked, in words a child understands.</summary>
    public required string Question { get; set; }

    /// <summary>Plain text; a blank line starts a new paragraph.</summary>
    public string Description { get; set; } = "";
    public DateTime OpensUtc { get; set; }
    public DateTime ClosesUtc { get; set; }

    /// <summary>A contest whose quiz goes with the forum (the forum page links to its open round).</summary>
    public int? ContestId { get; set; }
    public DateTime CreatedUtc { get; set; }

    public ForumState StateAt(DateTime utc) => utc < OpensUtc ? ForumState.Upcoming : utc < ClosesUtc ? ForumState.Open : ForumState.Closed;
}

public enum ForumState
{
    Upcoming,
    Open,
    Closed,
}

public enum OpinionStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// One child's opinion or recommendation, with the least personal data the forum needs: no surname, no e-mail, no
/// address; a first name, a school and a grade or age only if the child wants to give them.
/// </summary>
public sealed class ForumOpinion
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public required string Text { get; set; }
    public string? FirstName { get; set; }
    public string? School { get; set; }

    /// <summary>"Lớp 7" or "12 tuổi": whichever was given.</summary>
    public string? GradeOrAge { get; set; }

    /// <summary>A teacher or Đội leader typed what children said (a class discussion, a suggestion box).</summary>
    public bool SentByTeacher { get; set; }
    public DateTime SubmittedUtc { get; set; }
    public OpinionStatus Status { get; set; }
    public string? RejectionReason { get; set; }
    public DateTime? ModeratedUtc { get; set; }
    public string? ModeratedBy { get; set; }

    /// <summary>The group of similar opinions the organisers put it in; only approved opinions are grouped.</summary>
    public int? GroupId { get; set; }
}

/// <summary>Similar opinions gathered under one question or recommendation, which is forwarded and answered as one.</summary>
public sealed class ForumGroup
{
    public int Id { get; set; }
    public int EventId { get; set; }

    /// <summary>The children's question or recommendation in one sentence, as the public page heads its answer.</summary>
    public required string Title { get; set; }
    public DateTime CreatedUtc { get; set; }
    public List<ForumForwarding> Forwardings { get; set; } = [];
    public ForumAnswer? Answer { get; set; }
}

/// <summary>A group sent to the body responsible for it (a department, the district people's committee, a school), by e-mail.</summary>
public sealed class ForumForwarding
{
    public int Id { get; set; }
    public int GroupId { get; set; }
    public required string BodyName { get; set; }
    public required string BodyEmail { get; set; }
    public DateTime ForwardedUtc { get; set; }
    public required string ForwardedBy { get; set; }
}

/// <summary>What the responsible body answered to a group, shown to the children once an organiser publishes it.</summary>
public sealed class ForumAnswer
{
    public int GroupId { get; set; }
    public required string Text { get; set; }
    public required string AnsweredBy { get; set; }
    public DateTime AnsweredUtc { get; set; }
    public required string RecordedBy { get; set; }
    public DateTime? PublishedUtc { get; set; }
}

internal sealed class ForumEventConfiguration : IEntityTypeConfiguration<ForumEvent>
{
    public void Configure(EntityTypeBuilder<ForumEvent> entity)
    {
        entity.ToTable("forumEvent");
        entity.HasIndex(e => e.Key).IsUnique();
        entity.HasIndex(e => e.Slug).IsUnique();
        entity.Property(e => e.Slug).HasMaxLength(300);
        entity.Property(e => e.Title).HasMaxLength(300);
        entity.Property(e => e.Question).HasMaxLength(500);
        entity.HasOne<Contest>().WithMany().HasForeignKey(e => e.ContestId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ForumOpinionConfiguration : IEntityTypeConfiguration<ForumOpinion>
{
    public void Configure(EntityTypeBuilder<ForumOpinion> entity)
    {
        entity.ToTable("forumOpinion");
        // The moderation queue and the public page read an event's opinions by status.
        entity.HasIndex(o => new { o.EventId, o.Status });
        entity.HasIndex(o => o.GroupId);
        entity.Property(o => o.Text).HasMaxLength(ForumLimits.TextLength);
        entity.Property(o => o.FirstName).HasMaxLength(ForumLimits.FirstNameLength);
        entity.Property(o => o.School).HasMaxLength(ForumLimits.SchoolLength);
        entity.Property(o => o.GradeOrAge).HasMaxLength(ForumLimits.GradeOrAgeLength);
        entity.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        entity.Property(o => o.RejectionReason).HasMaxLength(ForumLimits.ReasonLength);
        entity.Property(o => o.ModeratedBy).HasMaxLength(256);
        entity.HasOne<ForumEvent>().WithMany().HasForeignKey(o => o.EventId).OnDelete(DeleteBehavior.Cascade);
        entity.HasOne<ForumGroup>().WithMany().HasForeignKey(o => o.GroupId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ForumGroupConfiguration : IEntityTypeConfiguration<ForumGroup>
{
    public void Configure(EntityTypeBuilder<ForumGroup> entity)
    {
        entity.ToTable("forumGroup");
        entity.HasIndex(g => g.EventId);
        entity.Property(g => g.Title).HasMaxLength(ForumLimits.GroupTitleLength);
        entity.HasOne<ForumEvent>().WithMany().HasForeignKey(g => g.EventId).OnDelete(DeleteBehavior.Cascade);
        entity.HasMany(g => g.Forwardings).WithOne().HasForeignKey(f => f.GroupId).OnDelete(DeleteBehavior.Cascade);
        entity.HasOne(g => g.Answer).WithOne().HasForeignKey<ForumAnswer>(a => a.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ForumForwardingConfiguration : IEntityTypeConfiguration<ForumForwarding>
{
    public void Configure(EntityTypeBuilder<ForumForwarding> entity)
    {
        entity.ToTable("forumForwarding");
        entity.Property(f => f.BodyName).HasMaxLength(ForumLimits.BodyNameLength);
        entity.Property(f => f.BodyEmail).HasMaxLength(254);
        entity.Property(f => f.ForwardedBy).HasMaxLength(256);
    }
}

internal sealed class ForumAnswerConfiguration : IEntityTypeConfiguration<ForumAnswer>
{
    public void Configure(EntityTypeBuilder<ForumAnswer> entity)
    {
        entity.ToTable("forumAnswer");
        entity.HasKey(a => a.GroupId);
        entity.Property(a => a.Text).HasMaxLength(ForumLimits.AnswerLength);
        entity.Property(a => a.AnsweredBy).HasMaxLength(ForumLimits.BodyNameLength);
        entity.Property(a => a.RecordedBy).HasMaxLength(256);
    }
}

/// <summary>The longest values the forum keeps; the forms check them first so that nothing typed is cut off silently.</summary>
public static class ForumLimits
{
    public const int TextLength = 2000;
    public const int FirstNameLength = 30;
    public const int SchoolLength = 200;
    public const int GradeOrAgeLength = 30;
    public const int ReasonLength = 500;
    public const int GroupTitleLength = 300;
    public const int BodyNameLength = 200;
    public const int AnswerLength = 4000;
}
