using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.Persistence;
using ChildProtection.Concerns.DependencyInjection;
using ChildProtection.Concerns.Protection;

namespace ChildProtection.Web.Features.Concerns;

public static class ConcernChannelExtensions
{
    /// <summary>
    /// Report a concern (báo tin): the public form and follow-up at /bao-tin, the officers' cases in the backoffice,
    /// on the site's database, with the master key kept in the data folder unless configured elsewhere.
    /// </summary>
    public static WebApplicationBuilder AddConcernChannel(this WebApplicationBuilder builder)
    {
        builder.AddConcerns(
            sp => sp.GetRequiredService<DatabaseConnection>().Provider == DatabaseProvider.PostgreSql,
            (sp, options) => sp.GetRequiredService<DatabaseConnection>().Configure(options),
            sp => new ConcernPaths(sp.GetRequiredService<CmsPaths>().DataPath));
        builder.Services.AddScoped<ConcernRouting>();
        builder.Services.AddScoped<ConcernChannel>();
        builder.Services.AddScoped<Backoffice.Concerns.CaseExports>();
        return builder;
    }
}
