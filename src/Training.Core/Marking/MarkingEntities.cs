using ChildProtection.Training.Contests;
using ChildProtection.Training.Quizzes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildProtection.Training.Marking;

/// <summary>
/// A member of a contest's jury (ban giám khảo), named by the organiser: a staff account, by its id and the name it had
/// then, since the accounts live in the site's own store.
/// </summary>
public sealed class ContestJuror
{
    public int Id { get; set; }
    public int ContestId { get; set; }
    public required string AccountId { get; set; }
    public required string Name { get; set; }
    public DateTime AddedUtc { get; set; }
}

/// <summary>
/// One marker's mark for one essay of an attempt. A contest essay takes two (turns 1 and 2) and a third when those two
/// differ by more than the contest's gap; a course essay takes one, its training manager's.
/// </summary>
public sealed class EssayMark
{
    public long Id { get; set; }
    public long AttemptId { get; set; }
    public long QuestionId { get; set; }

    /// <summary>1, 2 or 3: which of the essay's markers this is. Unique per essay, so two markers saving at once cannot both be the second.</summary>
    public int Turn { get; set; }
    public required string MarkerId { get; set; }
    public required string MarkerName { get; set; }

    /// <summary>In the essay's own marks (0 to the question's mark).</summary>
    public decimal Marks { get; set; }
    public string? Comment { get; set; }
    public DateTime MarkedUtc { get; set; }
}

internal sealed class ContestJurorConfiguration : IEntityTypeConfiguration<ContestJuror>
{
    public void Configure(EntityTypeBuilder<ContestJuror> entity)
    {
        entity.ToTable("contestJuror");
        entity.HasIndex(j => new { j.ContestId, j.AccountId }).IsUnique();
        entity.HasIndex(j => j.AccountId);
        entity.Property(j => j.AccountId).HasMaxLength(64);
        entity.Property(j => j.Name).HasMaxLength(200);
        entity.HasOne<Contest>().WithMany().HasForeignKey(j => j.ContestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EssayMarkConfiguration : IEntityTypeConfiguration<EssayMark>
{
    public void Configure(EntityTypeBuilder<EssayMark> entity)
    {
        entity.ToTable("essayMark");
        entity.HasIndex(m => new { m.AttemptId, m.QuestionId, m.Turn }).IsUnique();
        entity.HasIndex(m => new { m.AttemptId, m.QuestionId, m.MarkerId }).IsUnique();
        entity.Property(m => m.MarkerId).HasMaxLength(64);
        entity.Property(m => m.MarkerName).HasMaxLength(200);
        entity.Property(m => m.Comment).HasMaxLength(2000);
        entity.Property(m => m.Marks).HasPrecision(9, 4);
        entity.HasOne<AttemptAnswer>().WithMany().HasForeignKey(m => new { m.AttemptId, m.QuestionId }).OnDelete(DeleteBehavior.Cascade);
    }
}
