using Microsoft.Extensions.DependencyInjection.Extensions;
using ChildProtection.Cms.Publishing;
using ChildProtection.Web.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace ChildProtection.Web.Features.Leaflets;

public static class LeafletExtensions
{
    public static WebApplicationBuilder AddLeaflets(this WebApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<Documents.PdfFonts>();
        builder.Services.AddSingleton<LeafletPdfRenderer>();
        builder.Services.AddScoped<LeafletPdfs>();
        return builder;
    }

    /// <summary>The address of a leaflet's PDF in a culture.</summary>
    public static string PdfUrl(PublishedContent leaflet, string culture) => $"/to-gap/{leaflet.Key:N}/{culture}.pdf";

    /// <summary>A published leaflet as an A4 PDF (tờ gấp: a folded leaflet); a leaflet that is not published has none.</summary>
    public static WebApplication MapLeaflets(this WebApplication app)
    {
        app.MapMethods("/to-gap/{key:guid}/{culture}.pdf", ["GET", "HEAD"], async (Guid key, string culture, HttpContext http, IPublishedSnapshotAccessor snapshots, SiteSettings site, LeafletPdfs pdfs, CancellationToken ct) =>
        {
            if (snapshots.Current.Get(key) is not { ContentTypeAlias: LeafletPdfs.ContentType } leaflet || !leaflet.HasCulture(culture))
            {
                return Results.NotFound();
            }

            SiteInfrastructureExtensions.UseContentCulture(culture);
            var pageUrl = $"{site.Current.BaseUrl(http.Request)}{leaflet.Url(culture)}";
            var path = await pdfs.GetAsync(leaflet, culture, pageUrl, site.Current.SiteName, ct);

            // The address stays when the leaflet is published again: browsers check back (ETag) after a few minutes.
            http.Response.Headers.CacheControl = "public, max-age=300";
            var fileName = $"{leaflet.Cultures[culture].UrlSegment}.pdf";
            return Results.File(path, "application/pdf", fileName, entityTag: new EntityTagHeaderValue($"\"{Path.GetFileNameWithoutExtension(path)}\""));
        });
        return app;
    }
}
