namespace ChildProtection.Web.Features.Search;

/// <summary>A type filter offered on the public search: its value in the URL (<c>?loai=to-gap</c>), its label and document types.</summary>
public sealed record SearchFilter(string Slug, string LabelKey, IReadOnlyList<string> ContentTypes);

public static class SearchFilters
{
    public const string QueryKey = "loai";

    public static IReadOnlyList<SearchFilter> All { get; } =
    [
        new("to-gap", "TypeLeaflet", ["leaflet"]),
        new("guong-dien-hinh", "TypeStory", ["story"]),
        new("tin-tuc", "TypeNews", ["newsArticle"]),
        new("khoa-hoc", "TypeCourse", ["course"]),
    ];

    public static SearchFilter? Find(string? slug) => All.FirstOrDefault(f => f.Slug == slug);

    /// <summary>The label key of a document type's filter, for "Tờ gấp · 01/06/2026" under a result.</summary>
    public static string LabelKeyOf(string contentType) =>
        All.FirstOrDefault(f => f.ContentTypes.Contains(contentType))?.LabelKey ?? "TypePage";
}
