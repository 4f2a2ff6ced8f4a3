using System.Globalization;
using ChildProtection.Cms.PropertyEditors;

namespace ChildProtection.Cms.Publishing;

/// <summary>Typed reads of stored values, in the formats the property editors write.</summary>
public static class PublishedValueExtensions
{
    public static DateTime? DateValue(this PublishedContent content, string alias, string culture) =>
        StoredValues.TryParseDate(content.Value(alias, culture), out var utc) ? utc : null;

    public static bool BoolValue(this PublishedContent content, string alias, string culture) =>
        content.Value(alias, culture) == "1";

    public static int? IntValue(this PublishedContent content, string alias, string culture) =>
        int.TryParse(content.Value(alias, culture), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    public static Guid? KeyValue(this PublishedContent content, string alias, string culture) =>
        Guid.TryParse(content.Value(alias, culture), out var key) ? key : null;

    /// <summary>Tags, or the selected items of a dropdown.</summary>
    public static IReadOnlyList<string> ListValue(this PublishedContent content, string alias, string culture) =>
        StoredValues.ParseStringArray(content.Value(alias, culture));

    /// <summary>The media picked in a media picker, in the order picked.</summary>
    public static IReadOnlyList<Guid> MediaKeysValue(this PublishedContent content, string alias, string culture) =>
        StoredValues.ParseMediaKeys(content.Value(alias, culture));

    public static IReadOnlyList<LinkValue> LinksValue(this PublishedContent content, string alias, string culture) =>
        StoredValues.ParseLinks(content.Value(alias, culture));

    /// <summary>Links as a reader follows them: a picked page by its current name and URL; links to pages gone are left out.</summary>
    public static IReadOnlyList<(string Name, string Url)> ResolvedLinks(this PublishedContent content, string alias, string culture, PublishedSnapshot snapshot) =>
        content.LinksValue(alias, culture)
            .Select(link => link.Key is { } key
                ? snapshot.Get(key) is { } target && target.Url(culture) is { } url ? (link.Name ?? target.Name(culture), url) : default
                : (link.Name ?? link.Url ?? "", link.Url ?? ""))
            .Where(link => !string.IsNullOrEmpty(link.Item2))
            .ToList();
}
