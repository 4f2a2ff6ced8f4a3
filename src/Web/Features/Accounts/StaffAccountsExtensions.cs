using ChildProtection.Cms.Persistence;
using ChildProtection.Web.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Web.Features.Accounts;

public static class StaffAccountsExtensions
{
    public const string Scheme = "Staff";

    /// <summary>Between a right password and the authenticator code: who is signing in, for five minutes.</summary>
    public const string TwoFactorScheme = "Staff.TwoFactor";

    /// <summary>Staff accounts on ASP.NET Core Identity, with their own cookie on /backoffice.</summary>
    public static WebApplicationBuilder AddStaffAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AdministratorOptions>().BindConfiguration(AdministratorOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddAuthentication(Scheme)
            .AddCookie(TwoFactorScheme, o =>
            {
                o.Cookie.Name = "cp.staff.2fa";
                o.Cookie.Path = "/backoffice";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
                o.SlidingExpiration = false;
            })
            .AddCookie(Scheme, o =>
        {
            o.Cookie.Name = "cp.staff";
            o.Cookie.Path = "/backoffice";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.LoginPath = "/backoffice/dang-nhap";
            o.Events.OnValidatePrincipal = AccountSessions.ValidateAsync<StaffUser>;
            // A signed-in user without the right role is told so, not sent to another sign-in.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                context.Response.ContentType = "text/plain; charset=utf-8";
                var text = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<AccountsText>>();
                return context.Response.WriteAsync(text["AccessDenied"], context.HttpContext.RequestAborted);
            };
        });
        services.AddAuthorization();
        services.AddIdentityCore<StaffUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<SiteDbContext>()
            .AddUserManager<LockoutCountingUserManager<StaffUser, SiteDbContext>>()
            .AddSignInManager()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneTimeAuthenticatorCodes>(TokenOptions.DefaultAuthenticatorProvider);
        // A password-reset link lives two hours (and dies at first use: the reset changes the security stamp).
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(2));
        services.AddScoped<StaffUnitScopes>();
        services.AddScoped(typeof(PasswordLinks<>));
        services.AddScoped(typeof(PasswordSignInCheck<>));
        services.AddHostedService<AdministratorBootstrap>();
        return builder;
    }
}
