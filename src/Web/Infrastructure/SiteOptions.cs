using System.ComponentModel.DataAnnotations;

namespace ChildProtection.Web.Infrastructure;

/// <summary>The "Site" section: who runs the site and the unit's own hotline beside 111.</summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    [Display(Name = $"{Section}:{nameof(SiteName)}"), Required]
    public string SiteName { get; set; } = "Bảo vệ trẻ em";

    [Display(Name = $"{Section}:{nameof(UnitName)}"), Required]
    public string UnitName { get; set; } = "";

    /// <summary>The unit's hotline, shown beside 111 (digits only, as dialled).</summary>
    public string? UnitHotline { get; set; }

    /// <summary>The public address ("https://baovetreem.example.vn"); links in feeds use the request's address when empty.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>The configured public address, else the address the request came to; no trailing slash.</summary>
    public string BaseUrl(HttpRequest request) =>
        PublicUrl?.TrimEnd('/') is { Length: > 0 } configured ? configured : $"{request.Scheme}://{request.Host}";
}
