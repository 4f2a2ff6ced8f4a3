namespace ChildProtection.Web.Features.PublicSite;

/// <summary>
/// Marker for the public site's messages, its pages' and its news feed's (<c>Features/Feeds</c>):
/// Resources/Features/PublicSite/PublicSiteText.resx (Vietnamese) and .en.resx, then <see cref="SharedResource"/>.
/// </summary>
public sealed class PublicSiteText;
