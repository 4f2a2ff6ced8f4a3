using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildProtection.Training.Contests;

/// <summary>An online law contest (cuộc thi tìm hiểu pháp luật): weekly rounds drawn from one question bank.</summary>
public sealed class Contest
{
    public int Id { get; set; }
    public Guid Key { get; set; }
    public required string Title { get; set; }

    /// <summary>The address under /cuoc-thi/, a Vietnamese slug without diacritics.</summary>
    public required string Slug { get; set; }
    public string Description { get; set; } = "";

    /// <summary>The question bank every round draws from, by name (banks are named after their GIFT file).</summary>
    public required string BankName { get; set; }
    public int QuestionsPerRound { get; set; }
    public int TimeLimitMinutes { get; set; }

    /// <summary>The contest's ranking rules in order, as <see cref="RankingCriterion"/> names separated by commas.</summary>
    public string RankingOrder { get; set; } = string.Join(',', ContestRanking.DefaultOrder);
    public DateTime CreatedUtc { get; set; }

    /// <summary>How far an essay's two marks may differ (in the essay's marks) before a third juror marks it.</summary>
    public decimal MarkingGap { get; set; } = DefaultMarkingGap;
    public List<ContestRound> Rounds { get; set; } = [];

    public const decimal DefaultMarkingGap = 1;

    public IReadOnlyList<RankingCriterion> RankingCriteria() =>
        RankingOrder.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Enum.Parse<RankingCriterion>).ToList();
}

public enum RoundState
{
    Upcoming,
    Open,
    Closed,
}

/// <summary>One round (usually a week): its own quiz, open between two instants, one entry per person.</summary>
public sealed class ContestRound
{
    public int Id { get; set; }
    public int ContestId { get; set; }
    public int Number { get; set; }
    public DateTime OpensUtc { get; set; }
    public DateTime ClosesUtc { get; set; }
    public Guid QuizKey { get; set; }

    /// <summary>When the organiser approved the results; until then the leaderboard stays hidden from the public.</summary>
    public DateTime? ResultsPublishedUtc { get; set; }

    public RoundState StateAt(DateTime utc) => utc < OpensUtc ? RoundState.Upcoming : utc < ClosesUtc ? RoundState.Open : RoundState.Closed;
}

/// <summary>
/// One person's entry to one round, with the least personal data the rules need: a name, a date of birth or a class,
/// a school or unit, and either an e-mail that proves one entry per person (verified by a one-time code) or, for a
/// child of a registered class, the single-use code of the class's sheet (a first name and the class, no e-mail).
/// </summary>
public sealed class ContestEntry
{
    public long Id { get; set; }
    public Guid Key { get; set; }
    public int RoundId { get; set; }
    public required string FullName { get; set; }

    /// <summary>"12/05/2012" or "Lớp 7A": whichever the entrant gave.</summary>
    public required string BirthDateOrClass { get; set; }
    public required string School { get; set; }

    /// <summary>The unit <see cref="School"/> names, when it is one of the tree's; null for a school typed that is not.</summary>
    public int? UnitId { get; set; }

    /// <summary>Trimmed and lower-cased, so that letter case does not make a second person; null for a class entry.</summary>
    public string? Email { get; set; }

    /// <summary>The registered class whose code opened this entry; null for an entry by e-mail.</summary>
    public int? ClassId { get; set; }
    public bool Verified { get; set; }
    public string? CodeHash { get; set; }
    public DateTime? CodeExpiresUtc { get; set; }
    public int CodeTries { get; set; }
    public long? Guess { get; set; }
    public Guid? AttemptKey { get; set; }

    /// <summary>For a paper typed from an answer sheet: a hash of its version, name, class and school (see <see cref="ContestPaperResults"/>); null for an entry made online.</summary>
    public string? PaperKey { get; set; }
    public DateTime CreatedUtc { get; set; }
}

/// <summary>A one-time code sent, kept for an hour to limit how many go to one address or come from one client.</summary>
public sealed class ContestCodeRequest
{
    public long Id { get; set; }
    public required string Email { get; set; }

    /// <summary>A hash of the client's IP address: enough to count requests, without keeping the address.</summary>
    public required string ClientHash { get; set; }
    public DateTime SentUtc { get; set; }
}

internal sealed class ContestConfiguration : IEntityTypeConfiguration<Contest>
{
    public void Configure(EntityTypeBuilder<Contest> entity)
    {
        entity.ToTable("contest");
        entity.HasIndex(c => c.Key).IsUnique();
        entity.HasIndex(c => c.Slug).IsUnique();
        entity.Property(c => c.Title).HasMaxLength(300);
        entity.Property(c => c.Slug).HasMaxLength(300);
        entity.Property(c => c.BankName).HasMaxLength(200);
        entity.Property(c => c.RankingOrder).HasMaxLength(200);
        entity.Property(c => c.MarkingGap).HasPrecision(9, 4);
        entity.HasMany(c => c.Rounds).WithOne().HasForeignKey(r => r.ContestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ContestRoundConfiguration : IEntityTypeConfiguration<ContestRound>
{
    public void Configure(EntityTypeBuilder<ContestRound> entity)
    {
        entity.ToTable("contestRound");
        entity.HasIndex(r => new { r.ContestId, r.Number }).IsUnique();
        entity.HasIndex(r => r.QuizKey).IsUnique();
    }
}

internal sealed class ContestEntryConfiguration : IEntityTypeConfiguration<ContestEntry>
{
    public void Configure(EntityTypeBuilder<ContestEntry> entity)
    {
        entity.ToTable("contestEntry");
        entity.HasIndex(e => e.Key).IsUnique();
        // One entry per person per round, even when two requests race each other.
        entity.HasIndex(e => new { e.RoundId, e.Email }).IsUnique();
        entity.HasIndex(e => e.AttemptKey);
        entity.HasIndex(e => new { e.RoundId, e.UnitId });
        entity.HasIndex(e => e.ClassId);
        // A paper imported once, even when the same sheet is sent twice at once.
        entity.HasIndex(e => new { e.RoundId, e.PaperKey }).IsUnique();
        entity.Property(e => e.PaperKey).HasMaxLength(64);
        entity.Property(e => e.FullName).HasMaxLength(100);
        entity.Property(e => e.BirthDateOrClass).HasMaxLength(30);
        entity.Property(e => e.School).HasMaxLength(200);
        entity.Property(e => e.Email).HasMaxLength(254);
        entity.Property(e => e.CodeHash).HasMaxLength(64);
        entity.HasOne<ContestRound>().WithMany().HasForeignKey(e => e.RoundId).OnDelete(DeleteBehavior.Cascade);
        // The round's removal takes its classes and its entries with it, each by its own cascade.
        entity.HasOne<ContestClass>().WithMany().HasForeignKey(e => e.ClassId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class ContestCodeRequestConfiguration : IEntityTypeConfiguration<ContestCodeRequest>
{
    public void Configure(EntityTypeBuilder<ContestCodeRequest> entity)
    {
        entity.ToTable("contestCodeRequest");
        entity.HasIndex(r => new { r.Email, r.SentUtc });
        entity.HasIndex(r => new { r.ClientHash, r.SentUtc });
        entity.Property(r => r.Email).HasMaxLength(254);
        entity.Property(r => r.ClientHash).HasMaxLength(64);
    }
}
