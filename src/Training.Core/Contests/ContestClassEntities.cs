using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildProtection.Training.Contests;

/// <summary>
/// A class or group that a teacher or Youth Union (Đoàn) officer registered for one round: its children enter with the
/// single-use codes of a printed sheet instead of an e-mail address, which most pupils do not have.
/// </summary>
public sealed class ContestClass
{
    public int Id { get; set; }
    public Guid Key { get; set; }
    public int RoundId { get; set; }

    /// <summary>The school (or unit) the children enter for; their entries count there.</summary>
    public int UnitId { get; set; }

    /// <summary>"Lớp 7A", "Chi đội 8B": as the organiser wrote it.</summary>
    public required string Name { get; set; }

    /// <summary>The account of whoever registered it (a learner's or a staff member's), who alone sees its codes and results.</summary>
    public required string OrganiserAccountId { get; set; }
    public required string OrganiserName { get; set; }
    public DateTime CreatedUtc { get; set; }
    public List<ContestClassCode> Codes { get; set; } = [];
}

/// <summary>One child's seat in a class: an entry code, stored only as a hash, that opens one entry once.</summary>
public sealed class ContestClassCode
{
    public long Id { get; set; }
    public int ClassId { get; set; }

    /// <summary>Where the seat is on the printed sheet (1, 2, …), so a teacher can tell which slip was used.</summary>
    public int Number { get; set; }
    public required string CodeHash { get; set; }

    /// <summary>The entry the code opened; null while the code is unused.</summary>
    public long? EntryId { get; set; }
    public DateTime? UsedUtc { get; set; }
}

internal sealed class ContestClassConfiguration : IEntityTypeConfiguration<ContestClass>
{
    public void Configure(EntityTypeBuilder<ContestClass> entity)
    {
        entity.ToTable("contestClass");
        entity.HasIndex(c => c.Key).IsUnique();
        entity.HasIndex(c => new { c.OrganiserAccountId, c.RoundId });
        entity.HasIndex(c => c.RoundId);
        entity.Property(c => c.Name).HasMaxLength(50);
        entity.Property(c => c.OrganiserAccountId).HasMaxLength(64);
        entity.Property(c => c.OrganiserName).HasMaxLength(200);
        entity.HasOne<ContestRound>().WithMany().HasForeignKey(c => c.RoundId).OnDelete(DeleteBehavior.Cascade);
        entity.HasMany(c => c.Codes).WithOne().HasForeignKey(c => c.ClassId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ContestClassCodeConfiguration : IEntityTypeConfiguration<ContestClassCode>
{
    public void Configure(EntityTypeBuilder<ContestClassCode> entity)
    {
        entity.ToTable("contestClassCode");
        // A typed code finds its seat, its class and so its round by this index alone.
        entity.HasIndex(c => c.CodeHash).IsUnique();
        entity.HasIndex(c => new { c.ClassId, c.Number }).IsUnique();
        entity.HasIndex(c => c.EntryId).IsUnique();
        entity.Property(c => c.CodeHash).HasMaxLength(64);
    }
}
