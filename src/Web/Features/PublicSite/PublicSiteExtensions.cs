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
            .AddPolicy<PublishedStateCachePolicy>()));
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
