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
        app.MapMethods("/to-gap/{key:guid}/{culture}.pdf", ["GET", "HEAD"], async (Guid key, string culture, HttpContext http, IPublishedSnapshotAccessor snapshots, SiteSettings site, SiteAddress address, LeafletPdfs pdfs, CancellationToken ct) =>
        {
            if (snapshots.Current.Get(key) is not { ContentTypeAlias: LeafletPdfs.ContentType } leaflet || leaflet.Culture(culture) is not { } published)
            {
                return Results.NotFound();
            }

            SiteInfrastructureExtensions.UseContentCulture(culture);
            var fileName = $"{published.UrlSegment}.pdf";

            // The QR code's address names the kept file: only a configured or trusted address may choose it, or any
            // client could have the PDF redrawn (and the kept one deleted) with a Host header of its own. Until the
            // site knows its address, each PDF is drawn for its request with the request's address and kept nowhere.
            if (await address.CurrentAsync(ct) is not { } trusted)
            {
                http.Response.Headers.CacheControl = "no-cache";
                var drawn = await pdfs.DrawAsync(leaflet, culture, $"{site.Current.BaseUrl(http.Request)}{leaflet.Url(culture)}", site.Current.SiteName, ct);
                return Results.File(drawn, "application/pdf", fileName);
            }

            var path = await pdfs.GetAsync(leaflet, culture, $"{trusted}{leaflet.Url(culture)}", site.Current.SiteName, ct);

            // The address stays when the leaflet is published again: browsers check back (ETag) after a few minutes.
            http.Response.Headers.CacheControl = "public, max-age=300";
            return Results.File(path, "application/pdf", fileName, entityTag: new EntityTagHeaderValue($"\"{Path.GetFileNameWithoutExtension(path)}\""));
        });
        return app;
    }
}
