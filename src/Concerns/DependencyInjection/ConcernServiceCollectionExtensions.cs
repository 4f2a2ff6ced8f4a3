using ChildProtection.Concerns.Persistence;
using ChildProtection.Concerns.Protection;
using ChildProtection.Concerns.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ChildProtection.Concerns.DependencyInjection;

public static class ConcernServiceCollectionExtensions
{
    /// <summary>
    /// The report-a-concern channel on the site's database. The host says which provider it is, configures the
    /// connection and says where its data folder is (the master key file's default home).
    /// </summary>
    public static IHostApplicationBuilder AddConcerns(
        this IHostApplicationBuilder builder,
        Func<IServiceProvider, bool> usePostgreSql,
        Action<IServiceProvider, DbContextOptionsBuilder> configureDatabase,
        Func<IServiceProvider, ConcernPaths> paths)
    {
        var services = builder.Services;
        services.AddDbContext<SqliteConcernsDbContext>(configureDatabase, optionsLifetime: ServiceLifetime.Singleton);
        services.AddDbContext<PostgresConcernsDbContext>(configureDatabase, optionsLifetime: ServiceLifetime.Singleton);
        services.AddScoped<ConcernsDbContext>(sp => usePostgreSql(sp)
            ? sp.GetRequiredService<PostgresConcernsDbContext>()
            : sp.GetRequiredService<SqliteConcernsDbContext>());

        services.AddOptions<ConcernOptions>().BindConfiguration(ConcernOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(paths);
        services.AddSingleton<ReportSealer>();
        services.AddSingleton<ReceiptCodes>();
        services.AddScoped<ConcernReports>();
        services.AddScoped<ConcernCases>();
        services.AddScoped<CaseDeadlines>();
        services.AddScoped<ConcernStatistics>();
        return builder;
    }
}
