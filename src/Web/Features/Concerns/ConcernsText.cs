namespace ChildProtection.Web.Features.Concerns;

/// <summary>
/// Marker for the report-a-concern channel's messages, its public pages' and its officers' (<c>Backoffice/Concerns</c>):
/// Resources/Features/Concerns/ConcernsText.resx (Vietnamese) and .en.resx, then <see cref="SharedResource"/>.
/// </summary>
public sealed class ConcernsText;
