using ChildProtection.Cms.Persistence;
using ChildProtection.Web.Hosting;

namespace ChildProtection.Web.Persistence;

public static class SiteDatabaseExtensions
{
    /// <summary>
    /// The site's own tables on the content engine's database (it decides SQLite or PostgreSQL from configuration),
    /// and the one migrator that brings every module's tables up to date before anything else starts.
    /// </summary>
    public static WebApplicationBuilder AddSiteDatabase(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<SiteDbContext>(sp => sp.GetRequiredService<DatabaseConnection>().Provider == DatabaseProvider.PostgreSql
            ? sp.GetRequiredService<PostgresSiteDbContext>()
            : sp.GetRequiredService<SqliteSiteDbContext>());
        services.AddDbContext<SqliteSiteDbContext>((sp, o) => sp.GetRequiredService<DatabaseConnection>().Configure(o), optionsLifetime: ServiceLifetime.Singleton);
        services.AddDbContext<PostgresSiteDbContext>((sp, o) => sp.GetRequiredService<DatabaseConnection>().Configure(o), optionsLifetime: ServiceLifetime.Singleton);
        services.AddHostedService<DatabaseMigrator>();
        return builder;
    }
}
