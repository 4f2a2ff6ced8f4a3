using ChildProtection.Cms.Resources;
using ChildProtection.Cms.Schema;

namespace ChildProtection.Cms.PropertyEditors;

/// <summary>Plain text with an optional <c>maxChars</c>: TextBox, TextArea and the markdown editor.</summary>
internal class TextEditor(string alias) : IPropertyEditor
{
    public string Alias { get; } = alias;

    public string? ToStored(object? value) => value switch
    {
        null => null,
        string text => text.Replace("\r\n", "\n"),
        IEnumerable<object?> lines => string.Join("\n", lines),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    };

    public IEnumerable<string> Validate(string value, PropertyType property)
    {
        if (property.DataType.GetInt("maxChars") is { } max && max > 0 && value.Length > max)
        {
            yield return CmsText.Format("MaxChars", property.Name, max, value.Length);
        }
    }
}

internal sealed class TextBoxEditor() : TextEditor(PropertyEditorAliases.TextBox);

internal sealed class TextAreaEditor() : TextEditor(PropertyEditorAliases.TextArea);

internal sealed class MarkdownEditor() : TextEditor(PropertyEditorAliases.MarkdownEditor);
