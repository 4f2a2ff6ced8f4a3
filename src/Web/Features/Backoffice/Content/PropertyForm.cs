using ChildProtection.Cms.Content;
using System.Globalization;
using ChildProtection.Cms.PropertyEditors;
using ChildProtection.Cms.Schema;
using ChildProtection.Web.Infrastructure;

namespace ChildProtection.Web.Features.Backoffice.Content;

/// <summary>
/// The generated editor's inputs: the form field names of a property, how a posted form becomes the property's
/// stored value, and how a stored value is shown in its input. One place per property editor, used by the views too.
/// </summary>
public sealed class PropertyForm(PropertyEditorCollection editors)
{
    public const string NameField = "ten";

    public static string FieldName(PropertyType property) => $"p.{property.Alias}";

    /// <summary>
    /// The node's full edit: the posted name and values of this culture and the shared (invariant) values, and
    /// everything of the other cultures as it was. Values of properties no longer in the type are dropped.
    /// </summary>
    public ContentEdit Merge(ContentType type, ContentDocument? document, string culture, IFormCollection form)
    {
        var names = new Dictionary<string, string>(document?.Names ?? new Dictionary<string, string>());
        names[culture] = form[NameField].ToString().Trim();
        var values = (document?.Values ?? [])
            .Where(v => type.GetProperty(v.Alias) is { VariesByCulture: true } && v.Culture != culture)
            .ToList();
        foreach (var property in type.Properties)
        {
            values.Add(new PropertyValueEdit(property.Alias, property.VariesByCulture ? culture : null, Read(property, form)));
        }

        return new ContentEdit(names, values);
    }

    /// <summary>The stored value from the form; what cannot be parsed is kept as typed, so validation names it.</summary>
    public string? Read(PropertyType property, IFormCollection form)
    {
        var name = FieldName(property);
        var values = form[name].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList();
        var editor = editors.Get(property.EditorAlias);
        switch (property.EditorAlias)
        {
            case PropertyEditorAliases.TrueFalse:
                return values.Contains("1") ? "1" : "0";
            case PropertyEditorAliases.DateTime:
                return values.LastOrDefault() is { } local
                    ? SiteClock.FromLocalDateTime(local) is { } utc ? StoredValues.FormatDate(utc) : local
                    : null;
            case PropertyEditorAliases.DropDownFlexible or PropertyEditorAliases.MediaPicker3:
                return values.Count == 0 ? null : editor.ToStored(values.Cast<object?>().ToList());
            case PropertyEditorAliases.MultiUrlPicker:
                return ReadLinks(name, form);
            case PropertyEditorAliases.TextBox or PropertyEditorAliases.TextArea or PropertyEditorAliases.MarkdownEditor:
                // Keep the text as written: only an all-blank value counts as empty.
                return form[name].LastOrDefault() is { } text && !string.IsNullOrWhiteSpace(text) ? editor.ToStored(text) : null;
            default:
                return values.LastOrDefault() is { } single ? editor.ToStored(single) : null;
        }
    }

    private static string? ReadLinks(string name, IFormCollection form)
    {
        var names = form[$"{name}.name"];
        var urls = form[$"{name}.url"];
        var links = new List<LinkValue>();
        for (var i = 0; i < Math.Max(names.Count, urls.Count); i++)
        {
            var url = i < urls.Count ? urls[i]?.Trim() : null;
            var text = i < names.Count ? names[i]?.Trim() : null;
            if (string.IsNullOrEmpty(url) && string.IsNullOrEmpty(text))
            {
                continue;
            }

            // A content link is written as its key; the public site resolves it to the page's current URL.
            links.Add(Guid.TryParse(url, out var key) ? new LinkValue(NullIfEmpty(text), null, key) : new LinkValue(NullIfEmpty(text), url, null));
        }

        return links.Count == 0 ? null : System.Text.Json.JsonSerializer.Serialize(links, StoredValues.Json);
    }

    /// <summary>A date input's value ("2026-06-01T07:00", Vietnam time) from a stored UTC value.</summary>
    public static string? LocalDateTime(string? stored) =>
        StoredValues.TryParseDate(stored, out var utc)
            ? SiteClock.ToLocal(utc).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)
            : stored;

    public static IReadOnlyList<string> List(string? stored) => StoredValues.ParseStringArray(stored);

    public static string Tags(string? stored) => string.Join(", ", StoredValues.ParseStringArray(stored));

    public static IReadOnlyList<LinkValue> Links(string? stored) => StoredValues.ParseLinks(stored);

    public static IReadOnlyList<Guid> MediaKeys(string? stored) => StoredValues.ParseMediaKeys(stored);

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
