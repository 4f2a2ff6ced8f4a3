using System.Text.RegularExpressions;
using ChildProtection.Cms.Media;
using ChildProtection.Training.Quizzes.Paper;

namespace ChildProtection.Web.Features.Backoffice.Contests;

/// <summary>
/// The pictures a paper version's questions show from the media library, as JPEGs no wider than a printed page needs
/// (the image variants the site already makes and caches), by the address the wording holds.
/// </summary>
public sealed partial class PaperPictures(MediaService media, ImageVariants variants)
{
    private const int PrintWidth = 1000;

    public async Task<IReadOnlyDictionary<string, byte[]>> ForAsync(PrintedVersion version, CancellationToken ct)
    {
        var pictures = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (Match address in version.Questions.SelectMany(q => OwnPicture().Matches(q.Question.Text)))
        {
            var url = address.Groups["url"].Value;
            if (pictures.ContainsKey(url) || !Guid.TryParseExact(address.Groups["key"].Value, "N", out var key)
                || await media.GetAsync(key, ct) is not { IsImage: true } image || image.Url != url)
            {
                continue;
            }

            var spec = new ImageVariantQuery(Width: Math.Min(PrintWidth, image.Width ?? PrintWidth), Format: "jpeg").Resolve(null, image, acceptsWebp: false)!;
            pictures[url] = await File.ReadAllBytesAsync(await variants.GetAsync(image, media.FilePath(image), spec), ct);
        }

        return pictures;
    }

    /// <summary>The pictures of a question's wording, in order: their addresses in HTML or Markdown.</summary>
    public static IEnumerable<string> In(string wording) => OwnPicture().Matches(wording).Select(m => m.Groups["url"].Value);

    /// <summary>"/media/{key}/{file}" in an &lt;img src&gt; or a Markdown picture.</summary>
    [GeneratedRegex(@"(?:src\s*=\s*[""']|\]\()(?<url>/media/(?<key>[0-9a-f]{32})/[^""')\s]+)")]
    private static partial Regex OwnPicture();
}
