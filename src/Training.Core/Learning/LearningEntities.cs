using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildProtection.Training.Learning;

/// <summary>What a learner does, as the registration form asks it.</summary>
public enum LearnerRole
{
    Teacher,
    SchoolManager,

    /// <summary>An officer of the Youth Union (Đoàn) or the Young Pioneers (Đội).</summary>
    YouthOfficer,
    SocialWorker,
    Other,
}

/// <summary>A teacher, manager or officer who takes courses; the account they sign in with lives in the host.</summary>
public sealed class Learner
{
    public int Id { get; set; }
    public Guid Key { get; set; }

    /// <summary>The host's account id (ASP.NET Core Identity's user id).</summary>
    public required string AccountId { get; set; }
    public required string FullName { get; set; }
    public required string Email { get; set; }
    public LearnerRole Role { get; set; }
    public int UnitId { get; set; }
    public DateTime RegisteredUtc { get; set; }

    /// <summary>No reminders for courses the learner was not assigned as mandatory.</summary>
    public bool OptionalRemindersOff { get; set; }
}

/// <summary>A learner on a course, from enrolment to completion.</summary>
public sealed class Enrolment
{
    public long Id { get; set; }
    public int LearnerId { get; set; }

    /// <summary>The course's content key.</summary>
    public Guid CourseKey { get; set; }

    /// <summary>
    /// Copies of the learner's unit and role, so completion reports group a province's enrolments straight from one
    /// covering index instead of joining every row to its learner. Whatever moves a learner must move these with them.
    /// </summary>
    public int UnitId { get; set; }
    public LearnerRole Role { get; set; }
    public DateTime EnrolledUtc { get; set; }
    public DateTime? CompletedUtc { get; set; }

    /// <summary>The one way to enrol, so the copies of the learner's unit and role are never left out.</summary>
    public static Enrolment Of(Learner learner, Guid courseKey, DateTime now) =>
        new() { LearnerId = learner.Id, CourseKey = courseKey, UnitId = learner.UnitId, Role = learner.Role, EnrolledUtc = now };
}

/// <summary>The first time a learner opened a lesson; completion needs one for every lesson of the course.</summary>
public sealed class LessonView
{
    public int LearnerId { get; set; }
    public Guid LessonKey { get; set; }
    public Guid CourseKey { get; set; }
    public DateTime ViewedUtc { get; set; }
}

internal sealed class LearnerConfiguration : IEntityTypeConfiguration<Learner>
{
    public void Configure(EntityTypeBuilder<Learner> entity)
    {
        entity.ToTable("learner");
        entity.HasIndex(l => l.Key).IsUnique();
        entity.HasIndex(l => l.AccountId).IsUnique();
        // Reports count learners per unit and role from this index alone.
        entity.HasIndex(l => new { l.UnitId, l.Role, l.RegisteredUtc });
        entity.Property(l => l.AccountId).HasMaxLength(64);
        entity.Property(l => l.FullName).HasMaxLength(200);
        entity.Property(l => l.Email).HasMaxLength(256);
        entity.Property(l => l.Role).HasConversion<string>().HasMaxLength(30);
        entity.HasOne<Units.Unit>().WithMany().HasForeignKey(l => l.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EnrolmentConfiguration : IEntityTypeConfiguration<Enrolment>
{
    public void Configure(EntityTypeBuilder<Enrolment> entity)
    {
        entity.ToTable("enrolment");
        entity.HasIndex(e => new { e.LearnerId, e.CourseKey }).IsUnique();
        entity.HasIndex(e => e.CourseKey);
        // Covering indexes of the completion report (counts per unit, role and course) and of its timeline.
        entity.HasIndex(e => new { e.UnitId, e.Role, e.CourseKey, e.EnrolledUtc, e.CompletedUtc });
        entity.HasIndex(e => new { e.CompletedUtc, e.UnitId, e.Role, e.CourseKey });
        entity.Property(e => e.Role).HasConversion<string>().HasMaxLength(30);
        entity.HasOne<Learner>().WithMany().HasForeignKey(e => e.LearnerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LessonViewConfiguration : IEntityTypeConfiguration<LessonView>
{
    public void Configure(EntityTypeBuilder<LessonView> entity)
    {
        entity.ToTable("lessonView");
        entity.HasKey(v => new { v.LearnerId, v.LessonKey });
        entity.HasIndex(v => new { v.LearnerId, v.CourseKey });
        entity.HasOne<Learner>().WithMany().HasForeignKey(v => v.LearnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
