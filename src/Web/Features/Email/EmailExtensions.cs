using ChildProtection.Cms.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Web.Features.Email;

public static class EmailExtensions
{
    /// <summary>
    /// E-mail through an outbox table: sent within seconds by the <see cref="EmailDispatcher"/>, and drained every
    /// minute by a recurring job (Hosting/RecurringJobs.cs) for whatever that missed.
    /// </summary>
    public static WebApplicationBuilder AddEmail(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<SiteDbContext>(sp => sp.GetRequiredService<DatabaseConnection>().Provider == DatabaseProvider.PostgreSql
            ? sp.GetRequiredService<PostgresSiteDbContext>()
            : sp.GetRequiredService<SqliteSiteDbContext>());
        services.AddDbContext<SqliteSiteDbContext>((sp, o) => sp.GetRequiredService<DatabaseConnection>().Configure(o));
        services.AddDbContext<PostgresSiteDbContext>((sp, o) => sp.GetRequiredService<DatabaseConnection>().Configure(o));
        services.AddScoped<IEmailOutbox, EmailOutbox>();
        services.AddScoped<EmailOutboxDrainer>();
        services.AddSingleton<EmailDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<EmailDispatcher>());

        // Before the Hangfire server starts (AddBackgroundJobs, last in Program.cs): the table its jobs read must exist.
        services.AddHostedService<SiteTablesStartup>();
        return builder;
    }
}

/// <summary>Creates the site's tables and loads the saved settings.</summary>
internal sealed class SiteTablesStartup(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SiteDbContext>().Database.MigrateAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<Infrastructure.SiteSettings>().LoadAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
