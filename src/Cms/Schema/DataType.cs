using System.Text.Json.Nodes;

namespace ChildProtection.Cms.Schema;

/// <summary>A configured property editor, as uSync's DataType files describe it.</summary>
/// <param name="Name">The display name; uSync also uses it as the alias.</param>
/// <param name="Config">The editor's configuration; unknown keys are kept so a file can be written back unchanged.</param>
public sealed record DataType(Guid Key, string Name, string EditorAlias, JsonObject Config)
{
    public int? GetInt(string key) =>
        Config.TryGetPropertyValue(key, out var node) && node is JsonValue value && value.TryGetValue<int>(out var result)
            ? result
            : null;

    public bool GetBool(string key) =>
        Config.TryGetPropertyValue(key, out var node) && node is JsonValue value && value.TryGetValue<bool>(out var result) && result;

    public IReadOnlyList<string> GetStrings(string key) =>
        Config.TryGetPropertyValue(key, out var node) && node is JsonArray array
            ? array.Select(item => item?.GetValue<string>() ?? "").ToList()
            : [];
}
