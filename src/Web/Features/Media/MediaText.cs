namespace ChildProtection.Web.Features.Media;

/// <summary>
/// Marker for the picture endpoints' messages:
/// Resources/Features/Media/MediaText.resx (Vietnamese) and .en.resx, then <see cref="SharedResource"/>.
/// </summary>
public sealed class MediaText;
