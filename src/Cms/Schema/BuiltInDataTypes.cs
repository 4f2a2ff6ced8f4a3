using System.Text.Json.Nodes;

namespace ChildProtection.Cms.Schema;

/// <summary>
/// Umbraco's built-in data types, which uSync files refer to by fixed keys without exporting them
/// (Umbraco-CMS Constants.DataTypes.Guids).
/// </summary>
internal static class BuiltInDataTypes
{
    public static IReadOnlyList<DataType> All { get; } =
    [
        Create("0cc0eba1-9960-42c9-bf9b-60e150b429ae", "Textstring", PropertyEditorAliases.TextBox),
        Create("c6bac0dd-4ab9-45b1-8e30-e4b619ee5da3", "Textarea", PropertyEditorAliases.TextArea),
        Create("92897bc6-a5f3-4ffe-ae27-f2e7e33dda49", "Checkbox", PropertyEditorAliases.TrueFalse),
        Create("2e6d3631-066e-44b8-aec4-96f09099b2b5", "Numeric", PropertyEditorAliases.Integer),
        Create("b6b73142-b9c1-4bf8-a16d-e1c23320b549", "Tags", PropertyEditorAliases.Tags),
        Create("fd1e0da5-5606-4862-b679-5d0cf3a52a59", "Content Picker", PropertyEditorAliases.ContentPicker),
        Create("e4d66c0f-b935-4200-81f0-025f7256b89a", "Date Picker with time", PropertyEditorAliases.DateTime),
        Create("5046194e-4237-453c-a547-15db3a07c4e1", "Date Picker", PropertyEditorAliases.DateTime),
        Create("4309a3ea-0d78-4329-a06c-c80b036af19a", "Media Picker", PropertyEditorAliases.MediaPicker3),
        Create("0b6a45e7-44ba-430d-9da5-4e46060b9e03", "Dropdown", PropertyEditorAliases.DropDownFlexible),
    ];

    private static DataType Create(string key, string name, string editorAlias) =>
        new(Guid.Parse(key), name, editorAlias, new JsonObject());
}
