namespace ChildProtection.Web;

/// <summary>
/// Marker for the messages several features use (the layout, the hotline, sign-in, the quiz's answers):
/// Resources/SharedResource.resx (Vietnamese) and .en.resx. A feature's own are in its file
/// (<c>Features/Forum/ForumText</c>), whose localizer falls back to this one.
/// </summary>
public sealed class SharedResource;
