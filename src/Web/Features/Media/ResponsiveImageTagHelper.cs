using System.Globalization;
using ChildProtection.Cms.Media;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ChildProtection.Web.Features.Media;

/// <summary>
/// <c>&lt;responsive-image media-key="…" culture="vi" sizes="…" crop="the" /&gt;</c>: a media picture as a
/// <c>&lt;picture&gt;</c> with WebP and JPEG/PNG at widths for phones and desktops (never wider than the original),
/// every URL signed; lazy, decoded off the main thread, with width and height so the page does not jump when it
/// arrives. Renders nothing when no picture is given or it no longer exists.
/// </summary>
[HtmlTargetElement("responsive-image", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ResponsiveImageTagHelper(MediaService media, ImageUrlSigner signer, ImageCrops crops) : TagHelper
{
    /// <summary>Phones (360, 640 at 2×), tablets and laptops (960, 1280), large screens (1920).</summary>
    public static readonly IReadOnlyList<int> Widths = [360, 640, 960, 1280, 1920];

    public Guid? MediaKey { get; set; }

    /// <summary>The page's culture, for the alternative text.</summary>
    public string Culture { get; set; } = "vi";

    /// <summary>How wide the picture is shown, as the <c>sizes</c> attribute says it.</summary>
    public string Sizes { get; set; } = "100vw";

    /// <summary>A named crop of the media picker's configuration; the whole picture when empty.</summary>
    public string? Crop { get; set; }

    public string? Class { get; set; }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        if (MediaKey is not { } key || await media.GetAsync(key) is not { IsImage: true, Width: { } width, Height: { } height } item)
        {
            output.SuppressOutput();
            return;
        }

        var crop = Crop is null ? null : crops.Find(Crop);
        var (boxWidth, boxHeight) = crop is null ? (width, height) : (crop.Width, crop.Height);
        var largest = Math.Min(Math.Min(width, boxWidth), Widths[^1]);
        var candidates = Widths.Where(w => w < largest).Append(largest).ToList();
        var fallbackFormat = item.Format is "png" or "gif" ? "png" : "jpeg";

        string SrcSet(string format) => string.Join(", ", candidates.Select(w => $"{Url(item, crop, w, format)} {w.ToString(CultureInfo.InvariantCulture)}w"));

        var source = new TagBuilder("source") { TagRenderMode = TagRenderMode.StartTag };
        source.Attributes["type"] = "image/webp";
        source.Attributes["srcset"] = SrcSet("webp");
        source.Attributes["sizes"] = Sizes;

        var img = new TagBuilder("img") { TagRenderMode = TagRenderMode.StartTag };
        img.Attributes["src"] = Url(item, crop, candidates[Math.Min(2, candidates.Count - 1)], fallbackFormat);
        img.Attributes["srcset"] = SrcSet(fallbackFormat);
        img.Attributes["sizes"] = Sizes;
        img.Attributes["width"] = largest.ToString(CultureInfo.InvariantCulture);
        img.Attributes["height"] = ((int)Math.Round((double)largest * boxHeight / boxWidth)).ToString(CultureInfo.InvariantCulture);
        img.Attributes["alt"] = item.AltText(Culture) ?? "";
        img.Attributes["loading"] = "lazy";
        img.Attributes["decoding"] = "async";

        output.TagName = "picture";
        output.TagMode = TagMode.StartTagAndEndTag;
        if (Class is not null)
        {
            output.Attributes.SetAttribute("class", Class);
        }

        output.Content.AppendHtml(source).AppendHtml(img);
    }

    private string Url(MediaItem item, ImageCrop? crop, int width, string format) =>
        signer.Url(item, crop is null
            ? new ImageVariantQuery(Width: width, Format: format)
            : new ImageVariantQuery(Width: width, Crop: crop.Alias, FocalPoint: item.FocalPoint, Format: format));
}
