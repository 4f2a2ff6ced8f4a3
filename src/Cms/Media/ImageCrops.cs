using System.Text.Json.Nodes;
using ChildProtection.Cms.Schema;

namespace ChildProtection.Cms.Media;

/// <summary>A named crop ("the": 800 × 450), as Umbraco.ImageCropper defines them.</summary>
public sealed record ImageCrop(string Alias, int Width, int Height);

/// <summary>
/// The named crops of every media picker data type (<c>"crops": [{"alias": "the", "width": 800, "height": 450}]</c>
/// in its uSync configuration). Aliases are one namespace: the first data type to define one wins.
/// </summary>
public sealed class ImageCrops
{
    private readonly Dictionary<string, ImageCrop> _byAlias = new(StringComparer.Ordinal);

    public ImageCrops(ContentSchema schema)
    {
        var pickers = schema.DataTypes.Where(d => d.EditorAlias == PropertyEditorAliases.MediaPicker3);
        foreach (var node in pickers.SelectMany(d => d.Config["crops"] as JsonArray ?? []))
        {
            if (node is JsonObject crop
                && crop["alias"]?.GetValue<string>() is { Length: > 0 } alias
                && crop["width"]?.GetValue<int>() is int width and > 0 and <= ImageVariantQuery.MaxDimension
                && crop["height"]?.GetValue<int>() is int height and > 0 and <= ImageVariantQuery.MaxDimension)
            {
                _byAlias.TryAdd(alias, new ImageCrop(alias, width, height));
            }
        }
    }

    public IReadOnlyCollection<ImageCrop> All => _byAlias.Values;

    public ImageCrop? Find(string alias) => _byAlias.GetValueOrDefault(alias);
}
