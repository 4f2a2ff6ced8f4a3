namespace ChildProtection.Web.Features.Contests;

/// <summary>
/// Marker for the law contests' messages, their public pages' and their organisers' (<c>Backoffice/Contests</c>):
/// Resources/Features/Contests/ContestsText.resx (Vietnamese) and .en.resx, then <see cref="SharedResource"/>.
/// </summary>
public sealed class ContestsText;
