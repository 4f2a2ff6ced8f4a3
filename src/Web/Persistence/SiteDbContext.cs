using ChildProtection.Core.Changes;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Features.Email;
using ChildProtection.Web.Features.Learning;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChildProtection.Web.Persistence;

/// <summary>
/// The site's own tables, beside the content engine's and training's in the same database: staff accounts (with
/// roles), learner accounts (Umbraco's "members", without roles), the e-mail outbox, saved settings and the Data
/// Protection key ring that every node signs its cookies and links with. One context,
/// so that an account and the e-mail it is sent commit together. One subclass per provider carries that provider's
/// migrations.
/// </summary>
public abstract class SiteDbContext(DbContextOptions options) : IdentityDbContext<StaffUser>(options), IDataProtectionKeyContext
{
    /// <summary>The site's own migrations history, apart from the other modules' in the same database.</summary>
    public const string MigrationsTable = "__SiteMigrations";

    public DbSet<LearnerUser> LearnerAccounts => Set<LearnerUser>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<SiteSetting> Settings => Set<SiteSetting>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<StaffUser>().ToTable("staffUser");
        builder.Entity<IdentityRole>().ToTable("staffRole");
        builder.Entity<IdentityUserRole<string>>().ToTable("staffUserRole");
        builder.Entity<IdentityUserClaim<string>>().ToTable("staffUserClaim");
        builder.Entity<IdentityUserLogin<string>>().ToTable("staffUserLogin");
        builder.Entity<IdentityUserToken<string>>().ToTable("staffUserToken");
        builder.Entity<IdentityRoleClaim<string>>().ToTable("staffRoleClaim");
        ConfigureLearnerAccounts(builder);
        builder.ApplyConfiguration(new OutboxMessageConfiguration());
        builder.Entity<SiteSetting>(entity =>
        {
            entity.ToTable("siteSetting");
            entity.HasKey(s => s.Key);
            entity.Property(s => s.Key).HasMaxLength(100);
            entity.Property(s => s.Value).HasMaxLength(500);
        });
        builder.Entity<DataProtectionKey>().ToTable("siteDataProtectionKey");

        // So that a saved setting and its announcement to the other nodes commit together.
        builder.MapChangeFeed(createsTable: false);
    }

    /// <summary>
    /// What Identity's IdentityUserContext would map for the learners, which the staff's IdentityDbContext cannot map a
    /// second time: their claims, logins and tokens are types of their own, kept out of the staff types' hierarchy.
    /// </summary>
    private static void ConfigureLearnerAccounts(ModelBuilder builder)
    {
        builder.Entity<LearnerUser>(entity =>
        {
            entity.ToTable("learnerAccount");
            entity.HasKey(u => u.Id);
            // Index names are per database, and the staff tables already use Identity's defaults.
            entity.HasIndex(u => u.NormalizedUserName).HasDatabaseName("IX_learnerAccount_UserName").IsUnique();
            entity.HasIndex(u => u.NormalizedEmail).HasDatabaseName("IX_learnerAccount_Email");
            entity.Property(u => u.ConcurrencyStamp).IsConcurrencyToken();
            entity.Property(u => u.UserName).HasMaxLength(256);
            entity.Property(u => u.NormalizedUserName).HasMaxLength(256);
            entity.Property(u => u.Email).HasMaxLength(256);
            entity.Property(u => u.NormalizedEmail).HasMaxLength(256);
            entity.HasMany<LearnerAccountClaim>().WithOne().HasForeignKey(c => c.UserId).IsRequired();
            entity.HasMany<LearnerAccountLogin>().WithOne().HasForeignKey(l => l.UserId).IsRequired();
            entity.HasMany<LearnerAccountToken>().WithOne().HasForeignKey(t => t.UserId).IsRequired();
        });
        builder.Entity<LearnerAccountClaim>(entity =>
        {
            entity.HasBaseType((Type?)null);
            entity.ToTable("learnerAccountClaim");
            entity.HasKey(c => c.Id);
        });
        builder.Entity<LearnerAccountLogin>(entity =>
        {
            entity.HasBaseType((Type?)null);
            entity.ToTable("learnerAccountLogin");
            entity.HasKey(l => new { l.LoginProvider, l.ProviderKey });
        });
        builder.Entity<LearnerAccountToken>(entity =>
        {
            entity.HasBaseType((Type?)null);
            entity.ToTable("learnerAccountToken");
            entity.HasKey(t => new { t.UserId, t.LoginProvider, t.Name });
        });
    }
}

public sealed class SqliteSiteDbContext(DbContextOptions<SqliteSiteDbContext> options) : SiteDbContext(options)
{
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.UseSqlite(o => o.MigrationsHistoryTable(MigrationsTable));
}

public sealed class PostgresSiteDbContext(DbContextOptions<PostgresSiteDbContext> options) : SiteDbContext(options)
{
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.UseNpgsql(o => o.MigrationsHistoryTable(MigrationsTable));
}

// Used only by `dotnet ef migrations add`; the connection strings are never opened.
internal sealed class SqliteSiteDbContextFactory : IDesignTimeDbContextFactory<SqliteSiteDbContext>
{
    public SqliteSiteDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteSiteDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresSiteDbContextFactory : IDesignTimeDbContextFactory<PostgresSiteDbContext>
{
    public PostgresSiteDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresSiteDbContext>().UseNpgsql("Host=localhost").Options);
}
