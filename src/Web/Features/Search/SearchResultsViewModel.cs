using ChildProtection.Cms.Search;
using ChildProtection.Web.Features.PublicSite;

namespace ChildProtection.Web.Features.Search;

/// <summary>The results block of the public search page.</summary>
public sealed record SearchResultsViewModel(
    PageViewModel Page,
    string Query,
    SearchFilter? Filter,
    SearchResults? Results,
    string? Message,
    int MaxQueryLength)
{
    public string Url(string? filter = null, int page = 1)
    {
        var query = new List<string> { $"q={Uri.EscapeDataString(Query)}" };
        if (filter is not null)
        {
            query.Add($"{SearchFilters.QueryKey}={filter}");
        }

        if (page > 1)
        {
            query.Add($"trang={page}");
        }

        return $"{Page.Content.Url(Page.Culture)}?{string.Join("&", query)}";
    }
}
