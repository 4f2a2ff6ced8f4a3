using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using ChildProtection.Cms.Text;
using ChildProtection.Training.Quizzes.Questions;
using Ganss.Xss;
using Markdig;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Caching.Memory;

namespace ChildProtection.Web.Features.Training;

/// <summary>
/// The one way a question's wording reaches a page (attempts, reviews, contests, the backoffice's list, editor and
/// import preview; see <see cref="QuestionTextTagHelper"/>): plain text escaped with its line breaks kept; HTML
/// cleaned by HtmlSanitizer down to what a question needs (paragraphs, emphasis, sub- and superscript, lists, tables,
/// pictures); Markdown through Markdig, then the same cleaning. Pictures come only from the site's own media library or
/// an allowed host (<see cref="PictureSources"/>: a contest must not tell anyone else who takes it); the import preview
/// alone also shows a file's own pictures as data: URLs, since nothing
/// is stored before the trainer confirms. Cleaning a question's text takes a few hundred microseconds, and a contest
/// shows the same questions to everyone at once, so what was cleaned is kept in memory.
/// </summary>
public sealed partial class QuestionTextRenderer(PictureSources pictures) : IDisposable
{
    private static readonly string[] Tags = ["p", "br", "strong", "em", "b", "i", "u", "sub", "sup", "ul", "ol", "li", "img", "table", "thead", "tbody", "tr", "td", "th", "span"];
    private static readonly string[] Attributes = ["src", "alt", "width", "height", "colspan", "rowspan"];

    /// <summary>Whole elements whose content is code or styling, never wording: dropped with it, where other unknown tags keep their text.</summary>
    private static readonly HashSet<string> DroppedWhole = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "textarea", "select", "title" };

    private readonly MarkdownPipeline _markdown = new MarkdownPipelineBuilder().UsePipeTables().UseEmphasisExtras().Build();
    private readonly HtmlSanitizer _sanitizer = CreateSanitizer(pictures, inlinePictures: false);
    private readonly HtmlSanitizer _previewSanitizer = CreateSanitizer(pictures, inlinePictures: true);

    /// <summary>Cleaned HTML by format and text, sized in characters (about 32 MB at most).</summary>
    private readonly MemoryCache _cleaned = new(new MemoryCacheOptions { SizeLimit = 16 * 1024 * 1024 });

    /// <param name="inlinePictures">Also show pictures given as data: URLs (the import preview's own pictures).</param>
    public IHtmlContent Render(string? text, TextFormat format, bool inlinePictures = false)
    {
        if (string.IsNullOrEmpty(text))
        {
            return HtmlString.Empty;
        }

        if (format == TextFormat.Plain)
        {
            return new HtmlString(FormattedText.PlainToHtml(text));
        }

        // The preview's pictures are inline and seen once: not worth keeping.
        if (inlinePictures)
        {
            return new HtmlString(Clean(text, format, _previewSanitizer));
        }

        var key = (format, text);
        if (!_cleaned.TryGetValue(key, out string? html))
        {
            html = Clean(text, format, _sanitizer);
            _cleaned.Set(key, html, new MemoryCacheEntryOptions { Size = text.Length + html.Length, SlidingExpiration = TimeSpan.FromHours(1) });
        }

        return new HtmlString(html);
    }

    public void Dispose() => _cleaned.Dispose();

    private string Clean(string text, TextFormat format, HtmlSanitizer sanitizer) =>
        sanitizer.Sanitize(format == TextFormat.Markdown ? Markdown.ToHtml(text, _markdown) : text);

    private static HtmlSanitizer CreateSanitizer(PictureSources pictures, bool inlinePictures)
    {
        var options = HtmlSanitizerOptions.Empty();
        options.AllowedTags.UnionWith(Tags);
        options.AllowedAttributes.UnionWith(Attributes);
        options.UriAttributes.Add("src");
        options.AllowedSchemes.UnionWith(inlinePictures ? ["http", "https", "data"] : ["http", "https"]);
        // Moodle's editor wraps wording in <div>, <font>, <a>…: their text stays, the tags go.
        var sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
        sanitizer.RemovingTag += (_, e) =>
        {
            if (DroppedWhole.Contains(e.Tag.LocalName))
            {
                e.Tag.InnerHtml = "";
            }
        };
        pictures.Guard(sanitizer, url => inlinePictures && InlinePicture().IsMatch(url));
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IHtmlImageElement image)
            {
                image.SetAttribute("loading", "lazy");
            }
        };
        return sanitizer;
    }

    [GeneratedRegex(@"^data:image/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/=]+$")]
    private static partial Regex InlinePicture();
}
