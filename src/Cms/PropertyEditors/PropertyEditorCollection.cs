namespace ChildProtection.Cms.PropertyEditors;

public sealed class PropertyEditorCollection(IEnumerable<IPropertyEditor> editors)
{
    private readonly Dictionary<string, IPropertyEditor> _byAlias = editors.ToDictionary(e => e.Alias, StringComparer.Ordinal);

    public IReadOnlySet<string> Aliases => _byAlias.Keys.ToHashSet(StringComparer.Ordinal);

    public IPropertyEditor Get(string alias) =>
        _byAlias.TryGetValue(alias, out var editor) ? editor : throw new KeyNotFoundException($"No property editor '{alias}'.");

    public static PropertyEditorCollection CreateDefault() => new(
    [
        new TextBoxEditor(), new TextAreaEditor(), new MarkdownEditor(), new IntegerEditor(), new TrueFalseEditor(),
        new DateTimeEditor(), new ContentPickerEditor(), new TagsEditor(), new DropDownFlexibleEditor(),
        new MultiUrlPickerEditor(), new MediaPicker3Editor(),
    ]);
}
