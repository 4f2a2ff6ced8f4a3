namespace ChildProtection.Web.Features.Search;

public static class SearchExtensions
{
    /// <summary>Public search: the results on the search page (a view component) and the JSON endpoint.</summary>
    public static WebApplicationBuilder AddSiteSearch(this WebApplicationBuilder builder)
    {
        // A query string longer than Kestrel's 8 KB request line would be refused before the search could say
        // "too long" in Vietnamese (10,000 characters of Vietnamese are 30 KB once percent-encoded).
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestLineSize = 64 * 1024);
        return builder;
    }

    public static WebApplication MapSiteSearch(this WebApplication app)
    {
        app.MapSearchApi();
        return app;
    }
}
