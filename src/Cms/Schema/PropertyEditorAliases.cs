namespace ChildProtection.Cms.Schema;

/// <summary>The Umbraco property-editor aliases this engine implements.</summary>
public static class PropertyEditorAliases
{
    public const string TextBox = "Umbraco.TextBox";
    public const string TextArea = "Umbraco.TextArea";
    public const string MarkdownEditor = "Umbraco.MarkdownEditor";
    public const string MediaPicker3 = "Umbraco.MediaPicker3";
    public const string DateTime = "Umbraco.DateTime";
    public const string Tags = "Umbraco.Tags";
    public const string TrueFalse = "Umbraco.TrueFalse";
    public const string Integer = "Umbraco.Integer";
    public const string ContentPicker = "Umbraco.ContentPicker";
    public const string MultiUrlPicker = "Umbraco.MultiUrlPicker";
    public const string DropDownFlexible = "Umbraco.DropDown.Flexible";
}
