namespace ChildProtection.Web.Features.Forum;

/// <summary>
/// Marker for the Children's Forum's messages, its public pages' and its organisers' (<c>Backoffice/Forum</c>):
/// Resources/Features/Forum/ForumText.resx (Vietnamese) and .en.resx, then <see cref="SharedResource"/>.
/// </summary>
public sealed class ForumText;
