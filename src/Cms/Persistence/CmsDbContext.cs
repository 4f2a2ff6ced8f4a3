using ChildProtection.Cms.Content;
using ChildProtection.Core.Changes;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Cms.Persistence;

/// <summary>
/// The content engine's tables. One subclass per provider carries that provider's migrations
/// (<see cref="SqliteCmsDbContext"/>, <see cref="PostgresCmsDbContext"/>).
/// </summary>
public abstract class CmsDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>The content engine's own migrations history, apart from the other modules' in the same database.</summary>
    public const string MigrationsTable = "__CmsMigrations";

    public DbSet<ContentNode> Nodes => Set<ContentNode>();
    public DbSet<ContentVersion> Versions => Set<ContentVersion>();
    public DbSet<ContentVersionCulture> VersionCultures => Set<ContentVersionCulture>();
    public DbSet<PropertyValue> PropertyValues => Set<PropertyValue>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    public DbSet<RedirectUrl> RedirectUrls => Set<RedirectUrl>();
    public DbSet<ContentSchedule> Schedules => Set<ContentSchedule>();
    public DbSet<ApprovalRequest> ApprovalRequests => Set<ApprovalRequest>();
    public DbSet<Media.MediaItem> Media => Set<Media.MediaItem>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CmsDbContext).Assembly).MapChangeFeed(createsTable: true);
}

public sealed class SqliteCmsDbContext(DbContextOptions<SqliteCmsDbContext> options) : CmsDbContext(options)
{
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.UseSqlite(o => o.MigrationsHistoryTable(MigrationsTable));
}

public sealed class PostgresCmsDbContext(DbContextOptions<PostgresCmsDbContext> options) : CmsDbContext(options)
{
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.UseNpgsql(o => o.MigrationsHistoryTable(MigrationsTable));
}
