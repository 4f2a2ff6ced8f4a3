namespace ChildProtection.Cms.Schema;

/// <summary>Whether a value differs per culture (Umbraco's ContentVariation).</summary>
public enum ContentVariation
{
    Nothing,
    Culture,
}

public sealed record PropertyGroup(Guid Key, string Alias, string Caption, int SortOrder);

public sealed record PropertyType(
    Guid Key,
    string Alias,
    string Name,
    string? Description,
    DataType DataType,
    bool Mandatory,
    string? MandatoryMessage,
    string? ValidationRegex,
    string? ValidationRegexMessage,
    ContentVariation Variations,
    string GroupAlias,
    int SortOrder)
{
    public string EditorAlias => DataType.EditorAlias;
    public bool VariesByCulture => Variations == ContentVariation.Culture;
}

/// <summary>
/// A document type with its compositions already merged in: <see cref="Properties"/> and <see cref="Groups"/>
/// hold the type's own and its compositions' definitions, as an editor sees them.
/// </summary>
public sealed record ContentType(
    Guid Key,
    string Alias,
    string Name,
    string? Description,
    string Icon,
    string? Folder,
    bool AllowAtRoot,
    bool IsElement,
    ContentVariation Variations,
    string? DefaultTemplate,
    IReadOnlyList<string> CompositionAliases,
    IReadOnlyList<string> AllowedChildAliases,
    IReadOnlyList<PropertyGroup> Groups,
    IReadOnlyList<PropertyType> Properties)
{
    public bool VariesByCulture => Variations == ContentVariation.Culture;

    public PropertyType? GetProperty(string alias) =>
        Properties.FirstOrDefault(p => string.Equals(p.Alias, alias, StringComparison.OrdinalIgnoreCase));

    public bool AllowsChild(string childAlias) =>
        AllowedChildAliases.Contains(childAlias, StringComparer.OrdinalIgnoreCase);
}
