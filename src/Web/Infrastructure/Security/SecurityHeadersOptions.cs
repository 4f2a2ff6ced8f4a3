using System.ComponentModel.DataAnnotations;

namespace ChildProtection.Web.Infrastructure.Security;

/// <summary>The "Security" section: what the response headers promise browsers beyond the current page.</summary>
public sealed class SecurityHeadersOptions
{
    public const string Section = "Security";

    /// <summary>
    /// How long a browser that reached the site over https keeps to https (Strict-Transport-Security). Zero tells
    /// browsers to forget it, the way back if the site must ever be served over plain http again.
    /// </summary>
    [Display(Name = $"{Section}:{nameof(HstsMaxAge)}"), Range(typeof(TimeSpan), "00:00:00", "730.00:00:00")]
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);
}
