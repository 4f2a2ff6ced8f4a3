using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace ChildProtection.Cms.Schema;

/// <summary>
/// Reads data types and document types from a uSync v17 folder (<c>DataTypes/*.config</c>,
/// <c>ContentTypes/*.config</c>). Everything is read first and resolved afterwards, because files refer to each
/// other by key in any order (uSync imports in two passes for the same reason).
/// </summary>
public sealed class USyncSchemaReader(IReadOnlySet<string> knownEditorAliases)
{
    private sealed record RawContentType(string File, XElement Root, Guid Key, string Alias);

    public ContentSchema Read(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new SchemaLoadException(folder, "(folder)", "the uSync folder does not exist.");
        }

        if (!Directory.Exists(Path.Combine(folder, "ContentTypes")))
        {
            // Most likely the parent of the uSync version folder (uSync/ instead of uSync/v17): say so rather than run a site without types.
            throw new SchemaLoadException(folder, "(folder)", "it has no ContentTypes folder; point Cms:SchemaPath at the uSync version folder (e.g. uSync/v17).");
        }

        var dataTypes = ReadDataTypes(Path.Combine(folder, "DataTypes"));
        var raw = ReadContentTypeFiles(Path.Combine(folder, "ContentTypes"));
        var contentTypes = ResolveContentTypes(raw, dataTypes);
        return new ContentSchema(dataTypes.Values.ToList(), contentTypes);
    }

    private Dictionary<Guid, DataType> ReadDataTypes(string folder)
    {
        var result = BuiltInDataTypes.All.ToDictionary(d => d.Key);
        foreach (var file in ConfigFiles(folder))
        {
            var root = LoadRoot(file, "DataType");
            var name = RequiredAttribute(file, root, "Alias", "(data type)");
            var key = ParseKey(file, name, root.Attribute("Key")?.Value, "Key");
            var info = RequiredElement(file, name, root, "Info");
            var editorAlias = RequiredText(file, name, info, "EditorAlias");
            if (!knownEditorAliases.Contains(editorAlias))
            {
                throw new SchemaLoadException(Name(file), name, $"unknown property editor '{editorAlias}'.");
            }

            var config = ParseConfig(file, name, root.Element("Config")?.Value);
            if (result.TryGetValue(key, out var existing) && !BuiltInDataTypes.All.Contains(existing))
            {
                throw new SchemaLoadException(Name(file), name, $"key {key} is also used by data type '{existing.Name}'.");
            }

            result[key] = new DataType(key, info.Element("Name")?.Value.Trim() is { Length: > 0 } n ? n : name, editorAlias, config);
        }

        return result;
    }

    private static JsonObject ParseConfig(string file, string item, string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new JsonObject();
        }

        try
        {
            return JsonNode.Parse(json) as JsonObject
                ?? throw new SchemaLoadException(Name(file), item, "Config must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw new SchemaLoadException(Name(file), item, $"Config is not valid JSON ({e.Message}).");
        }
    }

    private static List<RawContentType> ReadContentTypeFiles(string folder)
    {
        var result = new List<RawContentType>();
        foreach (var file in ConfigFiles(folder))
        {
            var root = LoadRoot(file, "ContentType");
            var alias = RequiredAttribute(file, root, "Alias", "(document type)");
            var key = ParseKey(file, alias, root.Attribute("Key")?.Value, "Key");
            if (result.FirstOrDefault(r => r.Key == key || string.Equals(r.Alias, alias, StringComparison.OrdinalIgnoreCase)) is { } clash)
            {
                throw new SchemaLoadException(Name(file), alias, $"its key or alias is already used in '{Name(clash.File)}'.");
            }

            result.Add(new RawContentType(file, root, key, alias));
        }

        return result;
    }

    private static List<ContentType> ResolveContentTypes(List<RawContentType> raw, Dictionary<Guid, DataType> dataTypes)
    {
        var byKey = raw.ToDictionary(r => r.Key);
        var byAlias = raw.ToDictionary(r => r.Alias, StringComparer.OrdinalIgnoreCase);
        var resolved = new Dictionary<string, ContentType>(StringComparer.OrdinalIgnoreCase);

        ContentType Resolve(RawContentType type, HashSet<string> visiting)
        {
            if (resolved.TryGetValue(type.Alias, out var done))
            {
                return done;
            }

            if (!visiting.Add(type.Alias))
            {
                throw new SchemaLoadException(Name(type.File), type.Alias, "its compositions refer back to it (a cycle).");
            }

            var info = RequiredElement(type.File, type.Alias, type.Root, "Info");
            var variations = ParseVariation(type.File, type.Alias, info.Element("Variations")?.Value);

            var compositions = new List<ContentType>();
            foreach (var element in info.Element("Compositions")?.Elements("Composition") ?? [])
            {
                var target = FindReferenced(type, element, byKey, byAlias, "composition");
                compositions.Add(Resolve(target, visiting));
            }

            var allowedChildren = new List<string>();
            foreach (var element in type.Root.Element("Structure")?.Elements("ContentType") ?? [])
            {
                allowedChildren.Add(FindReferenced(type, element, byKey, byAlias, "allowed child").Alias);
            }

            var groups = compositions.SelectMany(c => c.Groups).ToList();
            foreach (var tab in type.Root.Element("Tabs")?.Elements("Tab") ?? [])
            {
                var alias = RequiredText(type.File, type.Alias, tab, "Alias");
                if (groups.All(g => g.Alias != alias))
                {
                    groups.Add(new PropertyGroup(
                        ParseKey(type.File, type.Alias, tab.Element("Key")?.Value, $"Tab '{alias}' Key"),
                        alias,
                        tab.Element("Caption")?.Value ?? alias,
                        ParseInt(tab.Element("SortOrder")?.Value)));
                }
            }

            var properties = compositions.SelectMany(c => c.Properties).ToList();
            foreach (var element in type.Root.Element("GenericProperties")?.Elements("GenericProperty") ?? [])
            {
                var property = ReadProperty(type, element, dataTypes, variations);
                if (properties.Any(p => string.Equals(p.Alias, property.Alias, StringComparison.OrdinalIgnoreCase)))
                {
                    throw new SchemaLoadException(Name(type.File), type.Alias, $"property alias '{property.Alias}' is defined twice (here or in a composition).");
                }

                if (groups.All(g => g.Alias != property.GroupAlias))
                {
                    groups.Add(new PropertyGroup(Guid.Empty, property.GroupAlias, property.GroupAlias, groups.Count));
                }

                properties.Add(property);
            }

            var contentType = new ContentType(
                type.Key,
                type.Alias,
                RequiredText(type.File, type.Alias, info, "Name"),
                EmptyToNull(info.Element("Description")?.Value),
                EmptyToNull(info.Element("Icon")?.Value) ?? "icon-document",
                EmptyToNull(info.Element("Folder")?.Value)?.Replace('+', ' '),
                ParseBool(type.File, type.Alias, info.Element("AllowAtRoot")?.Value, "AllowAtRoot"),
                ParseBool(type.File, type.Alias, info.Element("IsElement")?.Value, "IsElement"),
                variations,
                EmptyToNull(info.Element("DefaultTemplate")?.Value),
                compositions.Select(c => c.Alias).ToList(),
                allowedChildren,
                groups.OrderBy(g => g.SortOrder).ToList(),
                properties);
            visiting.Remove(type.Alias);
            resolved[type.Alias] = contentType;
            return contentType;
        }

        return raw.Select(r => Resolve(r, [])).ToList();
    }

    private static RawContentType FindReferenced(
        RawContentType type,
        XElement element,
        Dictionary<Guid, RawContentType> byKey,
        Dictionary<string, RawContentType> byAlias,
        string role)
    {
        var alias = element.Value.Trim();
        if (Guid.TryParse(element.Attribute("Key")?.Value, out var key) && byKey.TryGetValue(key, out var found))
        {
            return found;
        }

        return byAlias.TryGetValue(alias, out found)
            ? found
            : throw new SchemaLoadException(Name(type.File), type.Alias, $"{role} '{alias}' (key {element.Attribute("Key")?.Value}) does not exist.");
    }

    private static PropertyType ReadProperty(
        RawContentType type, XElement element, Dictionary<Guid, DataType> dataTypes, ContentVariation typeVariation)
    {
        var alias = RequiredText(type.File, type.Alias, element, "Alias");
        var item = $"{type.Alias}.{alias}";
        var definition = ParseKey(type.File, item, element.Element("Definition")?.Value, "Definition");
        if (!dataTypes.TryGetValue(definition, out var dataType))
        {
            throw new SchemaLoadException(Name(type.File), item, $"Definition {definition} is not a known data type.");
        }

        var editor = element.Element("Type")?.Value.Trim();
        if (!string.IsNullOrEmpty(editor) && !string.Equals(editor, dataType.EditorAlias, StringComparison.Ordinal))
        {
            throw new SchemaLoadException(Name(type.File), item, $"Type '{editor}' does not match data type '{dataType.Name}' ({dataType.EditorAlias}).");
        }

        var regex = EmptyToNull(element.Element("Validation")?.Value);
        if (regex is not null)
        {
            try
            {
                _ = new Regex(regex, RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                throw new SchemaLoadException(Name(type.File), item, $"Validation is not a valid regular expression ({e.Message}).");
            }
        }

        var variations = ParseVariation(type.File, item, element.Element("Variations")?.Value);
        if (variations == ContentVariation.Culture && typeVariation == ContentVariation.Nothing)
        {
            throw new SchemaLoadException(Name(type.File), item, "a property cannot vary by culture on a document type that does not.");
        }

        var tab = element.Element("Tab");
        return new PropertyType(
            ParseKey(type.File, item, element.Element("Key")?.Value, "Key"),
            alias,
            RequiredText(type.File, item, element, "Name"),
            EmptyToNull(element.Element("Description")?.Value),
            dataType,
            ParseBool(type.File, item, element.Element("Mandatory")?.Value, "Mandatory"),
            EmptyToNull(element.Element("MandatoryMessage")?.Value),
            regex,
            EmptyToNull(element.Element("ValidationRegExpMessage")?.Value),
            variations,
            tab?.Attribute("Alias")?.Value ?? tab?.Value ?? "content",
            ParseInt(element.Element("SortOrder")?.Value));
    }

    private static IEnumerable<string> ConfigFiles(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.config", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : [];

    private static XElement LoadRoot(string file, string expected)
    {
        XDocument document;
        try
        {
            document = XDocument.Load(file);
        }
        catch (XmlException e)
        {
            throw new SchemaLoadException(Name(file), "(file)", $"not well-formed XML ({e.Message}).");
        }

        var root = document.Root!;
        return root.Name.LocalName == expected
            ? root
            : throw new SchemaLoadException(Name(file), "(file)", $"the root element is <{root.Name.LocalName}>, expected <{expected}>.");
    }

    private static string RequiredAttribute(string file, XElement element, string name, string item) =>
        EmptyToNull(element.Attribute(name)?.Value)
            ?? throw new SchemaLoadException(Name(file), item, $"the attribute '{name}' is missing.");

    private static XElement RequiredElement(string file, string item, XElement parent, string name) =>
        parent.Element(name) ?? throw new SchemaLoadException(Name(file), item, $"the element <{name}> is missing.");

    private static string RequiredText(string file, string item, XElement parent, string name) =>
        EmptyToNull(parent.Element(name)?.Value)
            ?? throw new SchemaLoadException(Name(file), item, $"<{name}> is missing or empty.");

    private static Guid ParseKey(string file, string item, string? value, string what) =>
        Guid.TryParse(value?.Trim().Trim('{', '}'), out var key)
            ? key
            : throw new SchemaLoadException(Name(file), item, $"{what} '{value}' is not a GUID.");

    private static bool ParseBool(string file, string item, string? value, string what) =>
        string.IsNullOrWhiteSpace(value) ? false
        : bool.TryParse(value.Trim(), out var result) ? result
        : throw new SchemaLoadException(Name(file), item, $"{what} '{value}' is neither true nor false.");

    private static ContentVariation ParseVariation(string file, string item, string? value) =>
        string.IsNullOrWhiteSpace(value) ? ContentVariation.Nothing
        : Enum.TryParse<ContentVariation>(value.Trim(), ignoreCase: true, out var result) ? result
        : throw new SchemaLoadException(Name(file), item, $"Variations '{value}' must be Nothing or Culture.");

    private static int ParseInt(string? value) => int.TryParse(value, out var result) ? result : 0;

    private static string? EmptyToNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Name(string file) => $"{Path.GetFileName(Path.GetDirectoryName(file))}/{Path.GetFileName(file)}";
}
