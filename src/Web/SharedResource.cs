namespace ChildProtection.Web;

/// <summary>Marker for the site's shared strings: Resources/SharedResource.resx (Vietnamese) and .en.resx.</summary>
public sealed class SharedResource;
