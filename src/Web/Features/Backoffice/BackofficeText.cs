namespace ChildProtection.Web.Features.Backoffice;

/// <summary>
/// Marker for the backoffice's messages (its shell, content, media, users and units; its training, contest and forum
/// areas use those features' markers): Resources/Features/Backoffice/BackofficeText.resx (Vietnamese) and .en.resx,
/// then <see cref="SharedResource"/>.
/// </summary>
public sealed class BackofficeText;
