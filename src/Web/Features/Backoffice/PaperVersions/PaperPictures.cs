using System.Text.RegularExpressions;
using ChildProtection.Cms.Media;
using ChildProtection.Training.Quizzes.Paper;
using ChildProtection.Training.Quizzes.Questions;

namespace ChildProtection.Web.Features.Backoffice.PaperVersions;

/// <summary>
/// The pictures a paper version shows (in questions' wordings, their choices, matching prompts and description items)
/// from the media library, as JPEGs no wider than a printed page needs (the image variants the site already makes and
/// caches), by the address the wording holds. A picture from another site is never fetched (the server reaches out
/// to no address a question's author wrote): it is named on the page as one that will not print.
/// </summary>
public sealed partial class PaperPictures(MediaService media, ImageVariants variants)
{
    private const int PrintWidth = 1000;

    public async Task<IReadOnlyDictionary<string, byte[]>> ForAsync(PrintedVersion version, CancellationToken ct)
    {
        var pictures = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var url in version.Questions.SelectMany(Wordings).SelectMany(All))
        {
            if (pictures.ContainsKey(url) || OwnAddress().Match(url) is not { Success: true } own || !Guid.TryParseExact(own.Groups["key"].Value, "N", out var key)
                || await media.GetAsync(key, ct) is not { IsImage: true } image || image.Url != url)
            {
                continue;
            }

            var spec = new ImageVariantQuery(Width: Math.Min(PrintWidth, image.Width ?? PrintWidth), Format: "jpeg").Resolve(null, image, acceptsWebp: false)!;
            pictures[url] = await File.ReadAllBytesAsync(await variants.GetAsync(image, media.FilePath(image), spec), ct);
        }

        return pictures;
    }

    /// <summary>Every picture of a wording, in order: their addresses in HTML or Markdown, the media library's or not.</summary>
    public static IEnumerable<string> All(string wording) => AnyPicture().Matches(wording).Select(m => m.Groups["url"].Value);

    /// <summary>The pictures of a printed question that are not the media library's, and so will not print.</summary>
    public static IEnumerable<string> Unprintable(PrintedQuestion question) =>
        Wordings(question).SelectMany(All).Where(url => !OwnAddress().IsMatch(url));

    /// <summary>What a question prints that may hold a picture.</summary>
    private static IEnumerable<string> Wordings(PrintedQuestion question) =>
        (question.Intro ?? []).Select(d => d.Text).Append(question.Question.Text).Concat(question.Question.Body switch
        {
            ChoiceBody choice => choice.Choices.Select(c => c.Text),
            MatchingBody matching => matching.Pairs.Select(p => p.Prompt),
            _ => [],
        });

    /// <summary>A picture's address in the media library: "/media/{key}/{file}".</summary>
    [GeneratedRegex(@"^/media/(?<key>[0-9a-f]{32})/[^""')\s]+$")]
    private static partial Regex OwnAddress();

    /// <summary>Any &lt;img src&gt; or Markdown picture's address.</summary>
    [GeneratedRegex(@"(?:<img\b[^>]*?\bsrc\s*=\s*[""'](?<url>[^""']+)[""']|!\[[^\]]*\]\((?<url>[^)\s]+)\))", RegexOptions.IgnoreCase)]
    private static partial Regex AnyPicture();
}
