using System.Globalization;
using System.Text.Json;

namespace ChildProtection.Cms.PropertyEditors;

/// <summary>The storage formats shared by the editors and by readers of published values.</summary>
public static class StoredValues
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string FormatDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static bool TryParseDate(string? value, out DateTime utc)
    {
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            utc = parsed.UtcDateTime;
            return true;
        }

        utc = default;
        return false;
    }

    public static IReadOnlyList<string> ParseStringArray(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<string>>(value, Json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>The media keys of a media picker's value (<c>[{"key": …, "mediaKey": …}]</c>), in the order picked.</summary>
    public static IReadOnlyList<Guid> ParseMediaKeys(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<MediaPick>>(value, Json)?.Select(m => m.MediaKey).ToList() ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private sealed record MediaPick(Guid MediaKey);

    public static IReadOnlyList<LinkValue> ParseLinks(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<LinkValue>>(value, Json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}

/// <summary>One link of a multi-URL picker: an external URL, or a content item by key.</summary>
public sealed record LinkValue(string? Name, string? Url, Guid? Key, string? Target = null);
