using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChildProtection.Web.Features.Accounts;

/// <summary>A backoffice user (Umbraco's "user"); learners are a separate account kind with their own cookie.</summary>
public sealed class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>
    /// The unit (in the training database) this user works for: training reports, assignments and enrolments are
    /// limited to its subtree. Null for staff of the whole province.
    /// </summary>
    public int? UnitId { get; set; }
}

public static class StaffRoles
{
    public const string Administrator = "Administrator";
    public const string Editor = "Editor";
    public const string Writer = "Writer";
    public const string TrainingManager = "TrainingManager";
    public const string ContestOrganiser = "ContestOrganiser";

    public static IReadOnlyList<string> All { get; } = [Administrator, Editor, Writer, TrainingManager, ContestOrganiser];
}

/// <summary>Staff accounts; one subclass per provider carries that provider's migrations.</summary>
public abstract class StaffDbContext(DbContextOptions options) : IdentityDbContext<StaffUser>(options)
{
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
    }
}

public sealed class SqliteStaffDbContext(DbContextOptions<SqliteStaffDbContext> options) : StaffDbContext(options);

public sealed class PostgresStaffDbContext(DbContextOptions<PostgresStaffDbContext> options) : StaffDbContext(options);

// Used only by `dotnet ef migrations add`; the connection strings are never opened.
internal sealed class SqliteStaffDbContextFactory : IDesignTimeDbContextFactory<SqliteStaffDbContext>
{
    public SqliteStaffDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteStaffDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresStaffDbContextFactory : IDesignTimeDbContextFactory<PostgresStaffDbContext>
{
    public PostgresStaffDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresStaffDbContext>().UseNpgsql("Host=localhost").Options);
}
