namespace ChildProtection.Web.Features.PublicSite;

public static class PublicSiteExtensions
{
    public static WebApplicationBuilder AddPublicSite(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PublicSiteOptions>().BindConfiguration(PublicSiteOptions.Section);
        return builder;
    }

    /// <summary>Every URL no other endpoint takes is content (Umbraco's catch-all route).</summary>
    public static WebApplication MapPublicSite(this WebApplication app)
    {
        app.MapControllerRoute("content", "{**path}", new { controller = "PublicSite", action = "Render" })
            .WithOrder(int.MaxValue);
        return app;
    }
}
