using System.ComponentModel.DataAnnotations;

namespace ChildProtection.Web.Features.PublicSite;

/// <summary>The "PublicSite" section.</summary>
public sealed class PublicSiteOptions
{
    public const string Section = "PublicSite";

    /// <summary>The document type whose page answers unknown URLs, with status 404.</summary>
    [Display(Name = $"{Section}:{nameof(NotFoundContentType)}"), Required]
    public string NotFoundContentType { get; set; } = "notFoundPage";

    /// <summary>The query-string key for list pages ("?trang=2").</summary>
    [Display(Name = $"{Section}:{nameof(PageQueryKey)}"), Required]
    public string PageQueryKey { get; set; } = "trang";

    /// <summary>How long a draft's preview link works.</summary>
    [Display(Name = $"{Section}:{nameof(PreviewLinkLifetime)}"), Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan PreviewLinkLifetime { get; set; } = TimeSpan.FromDays(2);
}
