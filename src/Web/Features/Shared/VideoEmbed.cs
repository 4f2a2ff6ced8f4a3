using System.Text.RegularExpressions;

namespace ChildProtection.Web.Features.Shared;

/// <summary>
/// The player address of a video link from the sites lessons use (YouTube, Vimeo, Facebook); the site hosts no video.
/// YouTube plays from its no-cookie domain, so watching a lesson sets no tracking cookie before the learner presses play.
/// </summary>
public static partial class VideoEmbed
{
    public static string? PlayerUrl(string? link)
    {
        if (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            return null;
        }

        var host = uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host;
        var youTube = host switch
        {
            "youtu.be" => YouTubeId().Match(uri.AbsolutePath.TrimStart('/')),
            "youtube.com" or "m.youtube.com" when uri.AbsolutePath == "/watch" =>
                YouTubeId().Match(System.Web.HttpUtility.ParseQueryString(uri.Query)["v"] ?? ""),
            "youtube.com" or "m.youtube.com" => YouTubePath().Match(uri.AbsolutePath) is { Success: true } path ? YouTubeId().Match(path.Groups[1].Value) : Match.Empty,
            _ => Match.Empty,
        };
        if (youTube.Success)
        {
            return $"https://www.youtube-nocookie.com/embed/{youTube.Value}";
        }

        if (host is "vimeo.com" && VimeoPath().Match(uri.AbsolutePath) is { Success: true } vimeo)
        {
            return $"https://player.vimeo.com/video/{vimeo.Groups[1].Value}";
        }

        return host is "facebook.com" or "m.facebook.com" or "fb.watch"
            ? $"https://www.facebook.com/plugins/video.php?href={Uri.EscapeDataString(uri.AbsoluteUri)}&show_text=false"
            : null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-]{11}$")]
    private static partial Regex YouTubeId();

    [GeneratedRegex(@"^/(?:embed|shorts|live)/([^/?#]+)")]
    private static partial Regex YouTubePath();

    [GeneratedRegex(@"^/(\d+)(?:/|$)")]
    private static partial Regex VimeoPath();
}

/// <summary>What <c>_LessonVideo</c> and <c>_LessonAttachments</c> show of a lesson.</summary>
public sealed record LessonMedia(string Title, string? VideoUrl, IReadOnlyList<(string Name, string Url)> Attachments);
