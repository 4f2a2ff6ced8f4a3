using ChildProtection.Concerns.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChildProtection.Concerns.Persistence;

/// <summary>Reports of concerns and their case logs; one subclass per provider carries that provider's migrations.</summary>
public abstract class ConcernsDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>The channel's own migrations history, apart from the other modules' in the same database.</summary>
    public const string MigrationsTable = "__ConcernsMigrations";

    public DbSet<ConcernReport> Reports => Set<ConcernReport>();
    public DbSet<CaseEntry> CaseEntries => Set<CaseEntry>();
    public DbSet<ConcernAttachment> Attachments => Set<ConcernAttachment>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ConcernReport>(entity =>
        {
            entity.ToTable("concernReport");
            entity.HasIndex(r => r.Key).IsUnique();
            entity.HasIndex(r => r.ReceiptHash).IsUnique();
            entity.HasIndex(r => new { r.UnitId, r.Status });
            // The escalation job's question: which new reports are past their time?
            entity.HasIndex(r => new { r.Status, r.AcknowledgeByUtc });
            entity.Property(r => r.ReceiptHash).HasMaxLength(64);
            entity.Property(r => r.AssignedTo).HasMaxLength(450);
            entity.Property(r => r.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<CaseEntry>(entity =>
        {
            entity.ToTable("concernCaseEntry");
            entity.HasIndex(e => new { e.ReportId, e.Id });
            entity.HasOne<ConcernReport>().WithMany(r => r.Entries).HasForeignKey(e => e.ReportId).OnDelete(DeleteBehavior.Restrict);
            entity.Property(e => e.ActorId).HasMaxLength(450);
            entity.Property(e => e.ActorName).HasMaxLength(256);
            entity.Property(e => e.Detail).HasMaxLength(200);
        });
        modelBuilder.Entity<ConcernAttachment>(entity =>
        {
            entity.ToTable("concernAttachment");
            entity.HasIndex(a => a.ReportId);
            entity.HasOne<ConcernReport>().WithMany(r => r.Attachments).HasForeignKey(a => a.ReportId).OnDelete(DeleteBehavior.Cascade);
            entity.Property(a => a.ContentType).HasMaxLength(100);
        });
    }
}

public sealed class SqliteConcernsDbContext(DbContextOptions<SqliteConcernsDbContext> options) : ConcernsDbContext(options)
{
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.UseSqlite(o => o.MigrationsHistoryTable(MigrationsTable));
}

public sealed class PostgresConcernsDbContext(DbContextOptions<PostgresConcernsDbContext> options) : ConcernsDbContext(options)
{
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.UseNpgsql(o => o.MigrationsHistoryTable(MigrationsTable));
}

internal sealed class SqliteConcernsDbContextFactory : IDesignTimeDbContextFactory<SqliteConcernsDbContext>
{
    public SqliteConcernsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteConcernsDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresConcernsDbContextFactory : IDesignTimeDbContextFactory<PostgresConcernsDbContext>
{
    public PostgresConcernsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresConcernsDbContext>().UseNpgsql("Host=localhost").Options);
}
