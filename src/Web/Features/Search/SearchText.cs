namespace ChildProtection.Web.Features.Search;

/// <summary>
/// Marker for the public search's messages:
/// Resources/Features/Search/SearchText.resx (Vietnamese) and .en.resx, then <see cref="SharedResource"/>.
/// </summary>
public sealed class SearchText;
