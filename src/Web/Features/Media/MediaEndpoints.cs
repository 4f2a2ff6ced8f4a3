using ChildProtection.Cms.Media;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;

namespace ChildProtection.Web.Features.Media;

public static class MediaEndpoints
{
    public static WebApplicationBuilder AddMediaDelivery(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<VariantBytes>();
        return builder;
    }

    /// <summary>
    /// Media at /media/{key}/{file name}: the original, or with a signed query (<see cref="ImageVariantQuery"/>) a
    /// variant drawn once and cached on disk. A variant's address names its file version, so it never changes and
    /// browsers keep it for a year; an original's address stays the same when the file is replaced, so browsers
    /// revalidate it (ETag).
    /// </summary>
    public static WebApplication MapMedia(this WebApplication app)
    {
        app.MapMethods("/media/{key:guid}/{name}", ["GET", "HEAD"], async (Guid key, string name, HttpContext http, CancellationToken ct) =>
        {
            var query = ImageVariantQuery.Parse(http.Request.Query);
            if (query is null)
            {
                return Problem(http, StatusCodes.Status400BadRequest, "ImageQueryInvalid");
            }

            return query.IsEmpty ? await OriginalAsync(key, name, http, ct) : await VariantAsync(key, name, query, http, ct);
        });
        return app;
    }

    private static async Task<IResult> OriginalAsync(Guid key, string name, HttpContext http, CancellationToken ct)
    {
        var media = http.RequestServices.GetRequiredService<MediaService>();
        if (await media.GetAsync(key, ct) is not { IsFolder: false } item || !File.Exists(media.FilePath(item)))
        {
            return Results.NotFound();
        }

        if (name != item.FileName)
        {
            return Results.Redirect(item.Url!, permanent: true);
        }

        http.Response.Headers.CacheControl = "public, max-age=3600";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        var contentType = item.Format switch
        {
            "jpeg" => "image/jpeg",
            "png" => "image/png",
            "webp" => "image/webp",
            "gif" => "image/gif",
            "svg" => "image/svg+xml",
            _ => "application/pdf",
        };

        // Belt and braces for a cleaned SVG opened on its own: no script, no request to anywhere else.
        if (item.Format == "svg")
        {
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
        }

        // An uploaded PDF is downloaded, never opened inside the site: a viewer in the page would run whatever the
        // file asks for with the site's address. (The upload check refuses active content too; this holds for files
        // stored before it.) The site's own leaflet PDFs are served elsewhere and open in place.
        string? downloadName = null;
        if (item.Format == "pdf")
        {
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
            downloadName = item.FileName;
        }

        return Results.File(media.FilePath(item), contentType, downloadName, enableRangeProcessing: true,
            lastModified: item.UpdateDateUtc, entityTag: new EntityTagHeaderValue($"\"{item.Key:N}-{item.FileVersion}\""));
    }

    private static async Task<IResult> VariantAsync(Guid key, string name, ImageVariantQuery query, HttpContext http, CancellationToken ct)
    {
        var services = http.RequestServices;
        if (!services.GetRequiredService<ImageUrlSigner>().IsValid(key, query, http.Request.Query[ImageVariantQuery.SignatureKey]))
        {
            return Problem(http, StatusCodes.Status403Forbidden, "ImageSignatureInvalid");
        }

        ImageCrop? crop = null;
        if (query.Crop is { } alias && (crop = services.GetRequiredService<ImageCrops>().Find(alias)) is null)
        {
            return Problem(http, StatusCodes.Status400BadRequest, "ImageQueryInvalid");
        }

        // The same address gives WebP or the original's format depending on the browser: caches must keep both.
        http.Response.Headers.Vary = HeaderNames.Accept;
        var acceptsWebp = http.Request.Headers.Accept.ToString().Contains("image/webp", StringComparison.OrdinalIgnoreCase);
        var variants = services.GetRequiredService<ImageVariants>();

        // A variant already drawn is served without asking the database: its path names the media key, the file
        // version and everything about the variant, and the folder goes when the file is replaced or deleted.
        if (query.Version is { } version && query.Resolve(crop, null, acceptsWebp) is { } known
            && variants.VariantPath(key, version, known) is var cached && File.Exists(cached))
        {
            return Variant(http, cached, known, key, version);
        }

        // Only now the database: a DbContext per request would cost more than serving the cached file.
        var media = services.GetRequiredService<MediaService>();
        if (await media.GetAsync(key, ct) is not { IsImage: true } item || !File.Exists(media.FilePath(item)))
        {
            return Results.NotFound();
        }

        if (query.Version != item.FileVersion || name != item.FileName)
        {
            // An address from before the file was replaced: the same variant of the current file.
            http.Response.Headers.CacheControl = "no-cache";
            return Results.Redirect(services.GetRequiredService<ImageUrlSigner>().Url(item, query));
        }

        var spec = query.Resolve(crop, item, acceptsWebp)!;
        return Variant(http, await media.GetVariantAsync(item, spec, ct), spec, key, item.FileVersion);
    }

    private static IResult Variant(HttpContext http, string path, ImageRenderSpec spec, Guid key, int version)
    {
        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        var entityTag = new EntityTagHeaderValue($"\"{key:N}-{version}-{spec.FileName}\"");
        return http.RequestServices.GetRequiredService<VariantBytes>().Get(path) is { } bytes
            ? Results.Bytes(bytes, spec.ContentType, entityTag: entityTag)
            : Results.File(path, spec.ContentType, entityTag: entityTag);
    }

    private static IResult Problem(HttpContext http, int status, string messageKey) =>
        Results.Problem(detail: http.RequestServices.GetRequiredService<IStringLocalizer<MediaText>>()[messageKey], statusCode: status);
}
