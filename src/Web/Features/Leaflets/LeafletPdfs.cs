using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ChildProtection.Cms.Caching;
using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.Media;
using ChildProtection.Cms.Publishing;
using ChildProtection.Cms.Text;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Features.Leaflets;

/// <summary>
/// Leaflet PDFs, made on first request and kept on disk until the leaflet is published again: the file name carries
/// the published version, and a fingerprint of what else shows in it (the page address in the QR code, the picture's
/// file version, this build's texts).
/// </summary>
public sealed class LeafletPdfs(
    FileCache files,
    CmsPaths paths,
    MediaService media,
    ImageVariants variants,
    MarkdownRenderer markdown,
    LeafletPdfRenderer renderer,
    IStringLocalizer<LeafletsText> text,
    TimeProvider clock)
{
    public const string ContentType = "leaflet";

    /// <summary>Wide enough for 300 dpi across half an A4 page, and a fraction of a phone photo's bytes.</summary>
    private const int ImageWidth = 1200;

    private static readonly string BuildId = typeof(LeafletPdfs).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    /// <summary>
    /// The PDF's path, made once; texts are read in the current UI culture, which the caller sets to
    /// <paramref name="culture"/>. <paramref name="pageUrl"/> must come from a trusted address (configured, or the one
    /// staff use): it names the file, and the older files of the culture are deleted when a new one is made.
    /// </summary>
    public async Task<string> GetAsync(PublishedContent leaflet, string culture, string pageUrl, string siteName, CancellationToken ct)
    {
        var (content, image) = await ContentAsync(leaflet, culture, pageUrl, siteName, ct);
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{pageUrl}|{image?.Key}|{image?.FileVersion}|{siteName}|{BuildId}")))[..12];
        var folder = Path.Combine(paths.DataPath, "cache", "leaflets", leaflet.Key.ToString("N"));
        var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{culture}-{leaflet.VersionId}-{fingerprint}.pdf"));
        return await files.GetOrCreateAsync(path, async stream =>
        {
            foreach (var older in Directory.EnumerateFiles(folder, $"{culture}-*.pdf"))
            {
                File.Delete(older);
            }

            await RenderAsync(content, image, stream);
        }, ct);
    }

    /// <summary>The PDF drawn for this request only and kept nowhere, for an address that is not trusted.</summary>
    public async Task<byte[]> DrawAsync(PublishedContent leaflet, string culture, string pageUrl, string siteName, CancellationToken ct)
    {
        var (content, image) = await ContentAsync(leaflet, culture, pageUrl, siteName, ct);
        using var output = new MemoryStream();
        await RenderAsync(content, image, output);
        return output.ToArray();
    }

    private async Task<(LeafletPdfContent Content, MediaItem? Image)> ContentAsync(PublishedContent leaflet, string culture, string pageUrl, string siteName, CancellationToken ct)
    {
        var image = leaflet.MediaKeysValue("shareImage", culture) is [var key, ..] && await media.GetAsync(key, ct) is { IsImage: true } item ? item : null;
        var content = new LeafletPdfContent(
            leaflet.Name(culture),
            leaflet.Value("summary", culture),
            markdown.ToTextBlocks(leaflet.Value("body", culture)),
            null,
            pageUrl,
            text["Hotline111"],
            text["LeafletPdfQrCaption"],
            $"{siteName} · {text["Hotline111"]}",
            text["LeafletPdfPageNumber"],
            siteName);
        return (content, image);
    }

    private async Task RenderAsync(LeafletPdfContent content, MediaItem? image, Stream output)
    {
        if (image is not null)
        {
            var spec = new ImageVariantQuery(Width: Math.Min(ImageWidth, image.Width ?? ImageWidth), Format: "jpeg").Resolve(null, image, acceptsWebp: false)!;
            content = content with { Image = await File.ReadAllBytesAsync(await variants.GetAsync(image, media.FilePath(image), spec)) };
        }

        renderer.Render(content, output, clock.GetUtcNow().UtcDateTime);
    }
}
