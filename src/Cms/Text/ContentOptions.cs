namespace ChildProtection.Cms.Text;

/// <summary>The "Content" configuration section: what text written in the backoffice may pull into a page.</summary>
public sealed class ContentOptions
{
    public const string Section = "Content";

    /// <summary>
    /// Hosts (e.g. "anh.baovetreem.example.vn") pictures in pages and questions may load from besides the media
    /// library. Empty by default: a picture from anywhere else tells that host who reads the page or takes the contest.
    /// </summary>
    public List<string> AllowedImageHosts { get; set; } = [];
}
