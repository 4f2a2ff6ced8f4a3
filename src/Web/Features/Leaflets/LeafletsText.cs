namespace ChildProtection.Web.Features.Leaflets;

/// <summary>
/// Marker for the leaflet PDFs' messages:
/// Resources/Features/Leaflets/LeafletsText.resx (Vietnamese) and .en.resx, then <see cref="SharedResource"/>.
/// </summary>
public sealed class LeafletsText;
