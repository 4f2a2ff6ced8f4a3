using ChildProtection.Cms.Content;

namespace ChildProtection.Cms.Tests.Infrastructure;

/// <summary>Builds a <see cref="ContentEdit"/> with valid defaults for the site's document types.</summary>
public sealed class ContentBuilder
{
    private readonly Dictionary<string, string> _names = new() { ["vi"] = "Trang thử" };
    private readonly List<PropertyValueEdit> _values = [];

    public string Type { get; private set; } = "textPage";

    public ContentBuilder WithType(string alias)
    {
        Type = alias;
        return this;
    }

    public ContentBuilder WithName(string name, string culture = "vi")
    {
        _names[culture] = name;
        return this;
    }

    public ContentBuilder WithValue(string alias, string? value, string? culture = "vi")
    {
        _values.RemoveAll(v => v.Alias == alias && v.Culture == culture);
        _values.Add(new PropertyValueEdit(alias, culture, value));
        return this;
    }

    public ContentBuilder WithoutValue(string alias)
    {
        _values.RemoveAll(v => v.Alias == alias);
        return this;
    }

    /// <summary>Fills every mandatory property of the type in the cultures named so far.</summary>
    public ContentBuilder WithMandatoryValues()
    {
        foreach (var culture in _names.Keys)
        {
            foreach (var (alias, value, varies) in MandatoryValues(Type))
            {
                if (varies || culture == "vi")
                {
                    WithValue(alias, value, varies ? culture : null);
                }
            }
        }

        return this;
    }

    public ContentEdit Build() => new(new Dictionary<string, string>(_names), _values.ToList());

    private static IEnumerable<(string Alias, string Value, bool Varies)> MandatoryValues(string type) => type switch
    {
        "home" => [("heroTitle", "Chung tay bảo vệ trẻ em", true), ("heroText", "Lời giới thiệu.", true)],
        "leaflet" => [("summary", "Tóm tắt tờ gấp.", true), ("audience", "[\"Cha mẹ và người chăm sóc\"]", false), ("body", "## Nội dung\n\nGọi **111**.", true)],
        "newsArticle" => [("summary", "Tóm tắt tin.", true), ("publishDate", "2026-06-01T01:00:00Z", false), ("body", "Nội dung tin.", true)],
        "campaign" => [("theme", "Chủ đề", true), ("startDate", "2026-05-31T17:00:00Z", false), ("endDate", "2026-06-30T16:59:00Z", false), ("summary", "Tóm tắt.", true), ("body", "Nội dung.", true)],
        "textPage" or "hotlinePage" or "notFoundPage" => [("body", "Nội dung trang.", true)],
        "story" => [("summary", "Tóm tắt.", true), ("subject", "Cô giáo Lan", true), ("body", "Câu chuyện.", true)],
        "safetyGuide" => [("summary", "Tóm tắt.", true), ("body", "Hướng dẫn.", true)],
        _ => [],
    };
}
