using ChildProtection.Cms.Schema;

namespace ChildProtection.Cms.PropertyEditors;

/// <summary>
/// A property editor by its Umbraco alias: how a value is stored (always as text; JSON for structured values)
/// and what makes a stored value valid for a data type's configuration.
/// </summary>
public interface IPropertyEditor
{
    string Alias { get; }

    /// <summary>Turns a value from a seed file or form (text, number, bool, date, list, map) into its stored text.</summary>
    string? ToStored(object? value);

    /// <summary>Problems with a non-empty stored value, as messages for the editor.</summary>
    IEnumerable<string> Validate(string value, PropertyType property);
}
