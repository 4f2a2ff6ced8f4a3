using ChildProtection.Cms.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.Learning;

/// <summary>The "LearnerAccounts" section.</summary>
public sealed class LearnerAccountOptions
{
    public const string Section = "LearnerAccounts";

    /// <summary>How long the links of a learner's e-mails work (confirming the address, setting a first password).</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(5);
}

/// <summary>A learner's sign-in account (Umbraco's "member"): separate tables and cookie from staff users.</summary>
public sealed class LearnerUser : IdentityUser
{
    /// <summary>When a training manager's upload last sent this account an invitation to set its first password.</summary>
    public DateTime? InvitedUtc { get; set; }
}

/// <summary>Learner accounts; one subclass per provider carries that provider's migrations.</summary>
public abstract class LearnerDbContext(DbContextOptions options) : IdentityUserContext<LearnerUser>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<LearnerUser>().ToTable("learnerAccount");
        // Index names are per database, and the staff tables already use Identity's defaults.
        builder.Entity<LearnerUser>().HasIndex(u => u.NormalizedUserName).HasDatabaseName("IX_learnerAccount_UserName").IsUnique();
        builder.Entity<LearnerUser>().HasIndex(u => u.NormalizedEmail).HasDatabaseName("IX_learnerAccount_Email");
        builder.Entity<IdentityUserClaim<string>>().ToTable("learnerAccountClaim");
        builder.Entity<IdentityUserLogin<string>>().ToTable("learnerAccountLogin");
        builder.Entity<IdentityUserToken<string>>().ToTable("learnerAccountToken");
    }
}

public sealed class SqliteLearnerDbContext(DbContextOptions<SqliteLearnerDbContext> options) : LearnerDbContext(options);

public sealed class PostgresLearnerDbContext(DbContextOptions<PostgresLearnerDbContext> options) : LearnerDbContext(options);

// Used only by `dotnet ef migrations add`; the connection strings are never opened.
internal sealed class SqliteLearnerDbContextFactory : IDesignTimeDbContextFactory<SqliteLearnerDbContext>
{
    public SqliteLearnerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteLearnerDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresLearnerDbContextFactory : IDesignTimeDbContextFactory<PostgresLearnerDbContext>
{
    public PostgresLearnerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresLearnerDbContext>().UseNpgsql("Host=localhost").Options);
}

public static class LearnerAccountsExtensions
{
    public const string Scheme = "Learner";

    /// <summary>Learner accounts on ASP.NET Core Identity with their own cookie on /hoc-tap, and the learner area.</summary>
    public static WebApplicationBuilder AddLearning(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<LearnerDbContext>(sp => sp.GetRequiredService<DatabaseConnection>().Provider == DatabaseProvider.PostgreSql
            ? sp.GetRequiredService<PostgresLearnerDbContext>()
            : sp.GetRequiredService<SqliteLearnerDbContext>());
        services.AddDbContext<SqliteLearnerDbContext>((sp, o) => sp.GetRequiredService<DatabaseConnection>().Configure(o));
        services.AddDbContext<PostgresLearnerDbContext>((sp, o) => sp.GetRequiredService<DatabaseConnection>().Configure(o));
        services.AddIdentityCore<LearnerUser>()
            .AddEntityFrameworkStores<LearnerDbContext>()
            .AddUserManager<Accounts.LockoutCountingUserManager<LearnerUser, LearnerDbContext>>()
            .AddErrorDescriber<Accounts.LocalizedIdentityErrors>()
            .AddDefaultTokenProviders();
        // Identity's token options are one set for staff and learners, and staff links live two hours; an
        // invitation may wait in an inbox over a weekend, so the learners' token provider gets a lifespan of its own.
        services.AddOptions<LearnerAccountOptions>().BindConfiguration(LearnerAccountOptions.Section);
        services.AddTransient(sp => new DataProtectorTokenProvider<LearnerUser>(
            sp.GetRequiredService<IDataProtectionProvider>(),
            Options.Create(new DataProtectionTokenProviderOptions { TokenLifespan = sp.GetRequiredService<IOptions<LearnerAccountOptions>>().Value.LinkLifetime }),
            sp.GetRequiredService<ILogger<DataProtectorTokenProvider<LearnerUser>>>()));
        services.AddScoped<LearnerPasswordEmails>();
        services.AddScoped<LearnerRegistration>();
        services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = "cp.learner";
            o.Cookie.Path = "/hoc-tap";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/hoc-tap/dang-nhap";
            o.Events.OnValidatePrincipal = Accounts.AccountSessions.ValidateAsync<LearnerUser>;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            o.SlidingExpiration = true;
        });
        services.AddAuthorization(o => o.AddPolicy(Scheme, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser()));
        services.AddSingleton<ChildProtection.Training.Learning.ICourseCatalog, PublishedCourseCatalog>();
        services.TryAddSingleton<Documents.PdfFonts>();
        services.AddSingleton<CertificatePdfRenderer>();
        services.AddScoped<TrainingReminders>();
        services.AddHostedService<TrainingRemindersStartup>();
        services.AddHostedService<LearnerTablesStartup>();
        return builder;
    }
}

internal sealed class LearnerTablesStartup(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LearnerDbContext>().Database.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
