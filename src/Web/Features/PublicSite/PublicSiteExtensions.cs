using System.Globalization;
using ChildProtection.Cms.Publishing;
using ChildProtection.Web.Infrastructure;

namespace ChildProtection.Web.Features.PublicSite;

public static class PublicSiteExtensions
{
    private const string OutputCachePolicy = "PublishedContent";

    public static WebApplicationBuilder AddPublicSite(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PublicSiteOptions>().BindConfiguration(PublicSiteOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PreviewLinks>();
        builder.Services.AddOutputCache(o => o.AddPolicy(OutputCachePolicy, policy => policy
            .Expire(TimeSpan.FromMinutes(10))
            // Keyed on the snapshot and settings generations: a publish (or a new unit hotline) makes every cached
            // page unreachable at once, with no window in which a page rendered from the old state could be stored
            // under the new one.
            .VaryByValue(context => new KeyValuePair<string, string>(
                "snapshot",
                string.Create(CultureInfo.InvariantCulture, $"{context.RequestServices.GetRequiredService<IPublishedSnapshotAccessor>().Current.Generation}.{context.RequestServices.GetRequiredService<SiteSettings>().Generation}")))));
        return builder;
    }

    /// <summary>Every URL no other endpoint takes is content (Umbraco's catch-all route).</summary>
    public static WebApplication MapPublicSite(this WebApplication app)
    {
        app.UseOutputCache();
        app.MapControllerRoute("content", "{**path}", new { controller = "PublicSite", action = "Render" })
            .WithOrder(int.MaxValue)
            .CacheOutput(OutputCachePolicy);
        return app;
    }
}
