using ChildProtection.Cms.Search;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Features.Search;

/// <summary>What each search status says to a person, in one place for the page, the JSON API and the backoffice.</summary>
public static class SearchMessages
{
    public static string? For(SearchResults results, IStringLocalizer text, SearchOptions options) => results.Status switch
    {
        SearchStatus.EmptyQuery => text["SearchEmptyQuery"].Value,
        SearchStatus.QueryTooLong => text["SearchQueryTooLong", options.MaxQueryLength].Value,
        SearchStatus.PageTooFar => text["SearchPageTooFar", results.MaxPage].Value,
        SearchStatus.UnbalancedQuotes => text["SearchUnbalancedQuotes"].Value,
        SearchStatus.NotReady => text["SearchNotReady"].Value,
        SearchStatus.Success when results.Relaxed => text["SearchRelaxed"].Value,
        _ => null,
    };
}
