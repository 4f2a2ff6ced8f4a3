using System.ComponentModel.DataAnnotations;
using ChildProtection.Web.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.Learning;

/// <summary>The "LearnerAccounts" section.</summary>
public sealed class LearnerAccountOptions
{
    public const string Section = "LearnerAccounts";

    /// <summary>How long the links of a learner's e-mails work (confirming the address, setting a first password).</summary>
    [Display(Name = $"{Section}:{nameof(LinkLifetime)}"), Range(typeof(TimeSpan), "00:10:00", "30.00:00:00")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(5);
}

/// <summary>A learner's sign-in account (Umbraco's "member"): separate tables and cookie from staff users.</summary>
public sealed class LearnerUser : IdentityUser
{
    /// <summary>When a training manager's upload last sent this account an invitation to set its first password.</summary>
    public DateTime? InvitedUtc { get; set; }
}

// A learner's claims, logins and tokens: types of their own, as the staff accounts in the same context use Identity's.
public sealed class LearnerAccountClaim : IdentityUserClaim<string>;

public sealed class LearnerAccountLogin : IdentityUserLogin<string>;

public sealed class LearnerAccountToken : IdentityUserToken<string>;

public static class LearnerAccountsExtensions
{
    public const string Scheme = "Learner";

    /// <summary>Learner accounts on ASP.NET Core Identity with their own cookie on /hoc-tap, and the learner area.</summary>
    public static WebApplicationBuilder AddLearning(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddIdentityCore<LearnerUser>()
            .AddUserStore<UserOnlyStore<LearnerUser, SiteDbContext, string, LearnerAccountClaim, LearnerAccountLogin, LearnerAccountToken>>()
            .AddUserManager<Accounts.LockoutCountingUserManager<LearnerUser, SiteDbContext>>()
            .AddErrorDescriber<Accounts.LocalizedIdentityErrors>()
            .AddDefaultTokenProviders();
        // Identity's token options are one set for staff and learners, and staff links live two hours; an
        // invitation may wait in an inbox over a weekend, so the learners' token provider gets a lifespan of its own.
        services.AddOptions<LearnerAccountOptions>().BindConfiguration(LearnerAccountOptions.Section).ValidateDataAnnotations().ValidateOnStart();
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
        return builder;
    }
}
