using ChildProtection.Cms.Media;
using Microsoft.Net.Http.Headers;

namespace ChildProtection.Web.Features.Media;

public static class MediaEndpoints
{
    /// <summary>
    /// Originals of the media library at /media/{key}/{file name}. The address stays the same when a file is replaced,
    /// so browsers revalidate (ETag) rather than keep a copy for long.
    /// </summary>
    public static WebApplication MapMedia(this WebApplication app)
    {
        app.MapMethods("/media/{key:guid}/{name}", ["GET", "HEAD"], async (Guid key, string name, MediaService media, HttpContext http, CancellationToken ct) =>
        {
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
                _ => "application/pdf",
            };
            return Results.File(media.FilePath(item), contentType, enableRangeProcessing: true,
                lastModified: item.UpdateDateUtc, entityTag: new EntityTagHeaderValue($"\"{item.Key:N}-{item.FileVersion}\""));
        });
        return app;
    }
}
