using System.Globalization;
using System.Text.Json;
using ChildProtection.Cms.Resources;
using ChildProtection.Cms.Schema;

namespace ChildProtection.Cms.PropertyEditors;

internal sealed class IntegerEditor : IPropertyEditor
{
    public string Alias => PropertyEditorAliases.Integer;

    public string? ToStored(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim();

    public IEnumerable<string> Validate(string value, PropertyType property)
    {
        if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            yield return CmsText.Format("NotInteger", property.Name);
            yield break;
        }

        var min = property.DataType.GetInt("min");
        var max = property.DataType.GetInt("max");
        if ((min is { } lo && number < lo) || (max is { } hi && hi > 0 && number > hi))
        {
            yield return CmsText.Format("IntegerRange", property.Name, min?.ToString(CultureInfo.CurrentCulture) ?? "…", max?.ToString(CultureInfo.CurrentCulture) ?? "…");
        }
    }
}

/// <summary>Stored as "1" or "0", as Umbraco does.</summary>
internal sealed class TrueFalseEditor : IPropertyEditor
{
    public string Alias => PropertyEditorAliases.TrueFalse;

    public string? ToStored(object? value) => value switch
    {
        null => null,
        bool flag => flag ? "1" : "0",
        string text when bool.TryParse(text, out var flag) => flag ? "1" : "0",
        string text when text.Trim() is "on" => "1",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    public IEnumerable<string> Validate(string value, PropertyType property)
    {
        if (value is not ("0" or "1"))
        {
            yield return CmsText.Format("NotBoolean", property.Name);
        }
    }
}

/// <summary>Stored in UTC as ISO 8601; editors and seed files give local times with an offset.</summary>
internal sealed class DateTimeEditor : IPropertyEditor
{
    public string Alias => PropertyEditorAliases.DateTime;

    public string? ToStored(object? value) => value switch
    {
        null => null,
        DateTimeOffset offset => StoredValues.FormatDate(offset),
        DateTime dateTime => StoredValues.FormatDate(new DateTimeOffset(DateTime.SpecifyKind(dateTime, dateTime.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : dateTime.Kind))),
        string text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) => StoredValues.FormatDate(parsed),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    public IEnumerable<string> Validate(string value, PropertyType property)
    {
        if (!StoredValues.TryParseDate(value, out _))
        {
            yield return CmsText.Format("NotDate", property.Name);
        }
    }
}

internal sealed class ContentPickerEditor : IPropertyEditor
{
    public string Alias => PropertyEditorAliases.ContentPicker;

    public string? ToStored(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim();

    public IEnumerable<string> Validate(string value, PropertyType property)
    {
        if (!Guid.TryParse(value, out _))
        {
            yield return CmsText.Format("NotContentKey", property.Name);
        }
    }
}

/// <summary>A JSON array of strings: tags, and the selected items of a dropdown.</summary>
internal abstract class StringListEditor : IPropertyEditor
{
    public abstract string Alias { get; }

    public string? ToStored(object? value) => value switch
    {
        null => null,
        string text when text.TrimStart().StartsWith('[') => text,
        string text => JsonSerializer.Serialize(Split(text), StoredValues.Json),
        IEnumerable<object?> items => JsonSerializer.Serialize(
            items.Select(i => Convert.ToString(i, CultureInfo.InvariantCulture)?.Trim() ?? "").Where(i => i.Length > 0).ToList(),
            StoredValues.Json),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    protected virtual IEnumerable<string> Split(string text) => [text.Trim()];

    public IEnumerable<string> Validate(string value, PropertyType property)
    {
        List<string>? items;
        try
        {
            items = JsonSerializer.Deserialize<List<string>>(value, StoredValues.Json);
        }
        catch (JsonException)
        {
            items = null;
        }

        return items is null ? [CmsText.Format("InvalidData", property.Name)] : ValidateItems(items, property);
    }

    protected abstract IEnumerable<string> ValidateItems(List<string> items, PropertyType property);
}

internal sealed class TagsEditor : StringListEditor
{
    public override string Alias => PropertyEditorAliases.Tags;

    protected override IEnumerable<string> Split(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    protected override IEnumerable<string> ValidateItems(List<string> items, PropertyType property) =>
        items.Any(string.IsNullOrWhiteSpace) ? [CmsText.Format("InvalidData", property.Name)] : [];
}

/// <summary>Umbraco.DropDown.Flexible: config <c>items</c> (the choices) and <c>multiple</c>.</summary>
internal sealed class DropDownFlexibleEditor : StringListEditor
{
    public override string Alias => PropertyEditorAliases.DropDownFlexible;

    protected override IEnumerable<string> ValidateItems(List<string> items, PropertyType property)
    {
        var choices = property.DataType.GetStrings("items");
        foreach (var item in items.Where(i => !choices.Contains(i)))
        {
            yield return CmsText.Format("NotInList", property.Name, item);
        }

        if (!property.DataType.GetBool("multiple") && items.Count > 1)
        {
            yield return CmsText.Format("TooManyItems", property.Name, 1);
        }
    }
}

/// <summary>A JSON array of <see cref="LinkValue"/>; config <c>minNumber</c>, <c>maxNumber</c>.</summary>
internal sealed class MultiUrlPickerEditor : IPropertyEditor
{
    public string Alias => PropertyEditorAliases.MultiUrlPicker;

    public string? ToStored(object? value) => value switch
    {
        null => null,
        string text => text,
        IEnumerable<object?> items => JsonSerializer.Serialize(items.Select(ToLink).ToList(), StoredValues.Json),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static LinkValue ToLink(object? item)
    {
        if (item is not IDictionary<object, object?> map)
        {
            return new LinkValue(null, Convert.ToString(item, CultureInfo.InvariantCulture), null);
        }

        string? Get(string name) => map.TryGetValue(name, out var v) ? Convert.ToString(v, CultureInfo.InvariantCulture) : null;
        return new LinkValue(Get("name"), Get("url"), Guid.TryParse(Get("key"), out var key) ? key : null, Get("target"));
    }

    public IEnumerable<string> Validate(string value, PropertyType property)
    {
        List<LinkValue>? links;
        try
        {
            links = JsonSerializer.Deserialize<List<LinkValue>>(value, StoredValues.Json);
        }
        catch (JsonException)
        {
            links = null;
        }

        if (links is null)
        {
            yield return CmsText.Format("InvalidData", property.Name);
            yield break;
        }

        foreach (var link in links.Where(l => l.Key is null && !IsSafeUrl(l.Url)))
        {
            yield return CmsText.Format("UnsafeUrl", property.Name, link.Url);
        }

        if (property.DataType.GetInt("maxNumber") is { } max && max > 0 && links.Count > max)
        {
            yield return CmsText.Format("TooManyItems", property.Name, max);
        }

        if (property.DataType.GetInt("minNumber") is { } min && links.Count < min)
        {
            yield return CmsText.Format("TooFewItems", property.Name, min);
        }
    }

    private static bool IsSafeUrl(string? url) =>
        !string.IsNullOrWhiteSpace(url)
        && (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
            || Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto" or "tel");
}

/// <summary>A JSON array of <c>{ key, mediaKey }</c> entries, as Umbraco's MediaPicker3 stores them.</summary>
internal sealed class MediaPicker3Editor : IPropertyEditor
{
    private sealed record MediaEntry(Guid Key, Guid MediaKey);

    public string Alias => PropertyEditorAliases.MediaPicker3;

    public string? ToStored(object? value) => value switch
    {
        null => null,
        string text when Guid.TryParse(text, out var mediaKey) => Serialize([mediaKey]),
        string text => text,
        IEnumerable<object?> items => Serialize(items.Select(i => Guid.Parse(Convert.ToString(i, CultureInfo.InvariantCulture)!))),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static string Serialize(IEnumerable<Guid> mediaKeys) =>
        JsonSerializer.Serialize(mediaKeys.Select(k => new MediaEntry(Guid.NewGuid(), k)).ToList(), StoredValues.Json);

    public IEnumerable<string> Validate(string value, PropertyType property)
    {
        List<MediaEntry>? entries;
        try
        {
            entries = JsonSerializer.Deserialize<List<MediaEntry>>(value, StoredValues.Json);
        }
        catch (JsonException)
        {
            entries = null;
        }

        if (entries is null || entries.Any(e => e.MediaKey == Guid.Empty))
        {
            yield return CmsText.Format("InvalidData", property.Name);
        }
        else if (!property.DataType.GetBool("multiple") && entries.Count > 1)
        {
            yield return CmsText.Format("TooManyItems", property.Name, 1);
        }
    }
}
