using System.Security.Cryptography;
using ChildProtection.Training.Persistence;
using ChildProtection.Training.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildProtection.Training.Learning;

/// <summary>
/// A course completion certificate. Names are copied in at issue, so the certificate says what was true that day;
/// anyone can check it by its code (Moodle's custom certificate works the same way).
/// </summary>
public sealed class Certificate
{
    public int Id { get; set; }

    /// <summary>"XXXX-XXXX" from letters and digits that cannot be misread (no 0/O, 1/I).</summary>
    public required string Code { get; set; }
    public int LearnerId { get; set; }
    public Guid CourseKey { get; set; }
    public required string LearnerName { get; set; }
    public required string UnitName { get; set; }
    public required string CourseTitle { get; set; }
    public DateTime IssuedUtc { get; set; }
    public DateTime? RevokedUtc { get; set; }
    public string? RevokedBy { get; set; }
    public string? RevokedReason { get; set; }

    public bool Revoked => RevokedUtc is not null;
}

internal sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> entity)
    {
        entity.ToTable("certificate");
        entity.HasIndex(c => c.Code).IsUnique();
        entity.HasIndex(c => new { c.LearnerId, c.CourseKey }).IsUnique();
        entity.Property(c => c.Code).HasMaxLength(9);
        entity.Property(c => c.LearnerName).HasMaxLength(200);
        entity.Property(c => c.UnitName).HasMaxLength(300);
        entity.Property(c => c.CourseTitle).HasMaxLength(300);
        entity.Property(c => c.RevokedBy).HasMaxLength(256);
        entity.Property(c => c.RevokedReason).HasMaxLength(500);
        entity.HasOne<Learner>().WithMany().HasForeignKey(c => c.LearnerId).OnDelete(DeleteBehavior.Cascade);
    }
}

public enum CertificateStatus
{
    Success,
    NotFound,
    AlreadyRevoked,
    ReasonRequired,
}

public sealed class Certificates(TrainingDbContext db, TimeProvider clock)
{
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    /// <summary>The learner's certificate for the course, issued now if it was not yet (completion calls this).</summary>
    public async Task<Certificate> IssueAsync(Learner learner, CourseOutline course, CancellationToken ct = default)
    {
        if (await ForAsync(learner, course.Key, ct) is { } existing)
        {
            return existing;
        }

        var unit = await db.Units.Where(u => u.Id == learner.UnitId).Select(u => u.Name).SingleAsync(ct);
        var certificate = new Certificate
        {
            Code = NewCode(),
            LearnerId = learner.Id,
            CourseKey = course.Key,
            LearnerName = learner.FullName,
            UnitName = unit,
            CourseTitle = course.Title,
            IssuedUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Certificates.Add(certificate);
        try
        {
            await db.SaveChangesAsync(ct);
            return certificate;
        }
        catch (DbUpdateException)
        {
            // Issued at the same moment by a second request (two tabs): that one stands.
            db.ChangeTracker.Clear();
            return (await ForAsync(learner, course.Key, ct))!;
        }
    }

    public Task<Certificate?> ForAsync(Learner learner, Guid courseKey, CancellationToken ct = default) =>
        db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.LearnerId == learner.Id && c.CourseKey == courseKey, ct);

    /// <summary>By the code printed on it, typed with or without the dash, in any case.</summary>
    public Task<Certificate?> FindAsync(string? code, CancellationToken ct = default)
    {
        var normalised = Normalise(code);
        return normalised is null ? Task.FromResult<Certificate?>(null) : db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.Code == normalised, ct);
    }

    /// <summary>By its code, when its learner belongs to <paramref name="scope"/> (a manager's part of the unit tree); otherwise not found.</summary>
    public async Task<Certificate?> FindWithinAsync(UnitScope scope, string? code, CancellationToken ct = default) =>
        await FindAsync(code, ct) is { } certificate
        && await db.Learners.AnyAsync(l => l.Id == certificate.LearnerId && db.Units.Within(scope).Any(u => u.Id == l.UnitId), ct)
            ? certificate
            : null;

    /// <param name="scope">The manager's part of the unit tree: a certificate of a learner outside it is not found.</param>
    public async Task<CertificateStatus> RevokeAsync(UnitScope scope, string code, string userName, string? reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return CertificateStatus.ReasonRequired;
        }

        if (await FindWithinAsync(scope, code, ct) is not { } certificate)
        {
            return CertificateStatus.NotFound;
        }

        var changed = await db.Certificates.Where(c => c.Id == certificate.Id && c.RevokedUtc == null).ExecuteUpdateAsync(c => c
            .SetProperty(x => x.RevokedUtc, clock.GetUtcNow().UtcDateTime)
            .SetProperty(x => x.RevokedBy, userName)
            .SetProperty(x => x.RevokedReason, reason.Trim().Length > 500 ? reason.Trim()[..500] : reason.Trim()), ct);
        return changed == 0 ? CertificateStatus.AlreadyRevoked : CertificateStatus.Success;
    }

    private static string NewCode()
    {
        var chars = RandomNumberGenerator.GetItems<char>(Alphabet, 8);
        return $"{new string(chars, 0, 4)}-{new string(chars, 4, 4)}";
    }

    private static string? Normalise(string? code)
    {
        var letters = new string((code ?? "").ToUpperInvariant().Where(char.IsLetterOrDigit).ToArray());
        return letters.Length == 8 ? $"{letters[..4]}-{letters[4..]}" : null;
    }
}
