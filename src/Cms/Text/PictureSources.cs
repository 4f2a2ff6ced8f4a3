using AngleSharp.Html.Dom;
using Ganss.Xss;
using Microsoft.Extensions.Options;

namespace ChildProtection.Cms.Text;

/// <summary>
/// Where pictures in cleaned HTML (pages, questions) may come from: the site's own media library (/media/…) and the
/// hosts of <see cref="ContentOptions.AllowedImageHosts"/>. Anything else a browser would fetch by itself (a picture,
/// a background, a poster frame) would tell an outside host who is reading, so its address is dropped; links, which
/// are followed only when clicked, are left alone.
/// </summary>
public sealed class PictureSources(IOptions<ContentOptions> options)
{
    private readonly HashSet<string> _hosts = new(options.Value.AllowedImageHosts.Select(h => h.Trim()), StringComparer.OrdinalIgnoreCase);

    public bool IsAllowed(string url) =>
        (url.StartsWith("/media/", StringComparison.Ordinal) && !url.Contains("..", StringComparison.Ordinal))
        || (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" && _hosts.Contains(absolute.Host));

    /// <summary>
    /// Makes <paramref name="sanitizer"/> drop every address but links' that <see cref="IsAllowed"/> (or
    /// <paramref name="alsoAllowed"/>) refuses, and show a picture left without one as its alternative text.
    /// </summary>
    public void Guard(HtmlSanitizer sanitizer, Func<string, bool>? alsoAllowed = null)
    {
        sanitizer.FilterUrl += (_, e) =>
        {
            if (e.SanitizedUrl is { } url && e.Tag is not IHtmlAnchorElement && !IsAllowed(url) && alsoAllowed?.Invoke(url) != true)
            {
                e.SanitizedUrl = null;
            }
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IHtmlImageElement image && !image.HasAttribute("src"))
            {
                e.ReplacementNodes.Add(image.Owner!.CreateTextNode(image.AlternativeText ?? ""));
            }
        };
    }
}
