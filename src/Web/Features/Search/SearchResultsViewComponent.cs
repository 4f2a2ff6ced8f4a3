using ChildProtection.Cms.Search;
using ChildProtection.Web.Features.PublicSite;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.Search;

/// <summary>
/// The results on the search page (a content node of type searchPage, so editors own its title and text).
/// A plain GET form: it works without JavaScript, and the page's address can be shared.
/// </summary>
public sealed class SearchResultsViewComponent(ContentSearcher searcher, IOptions<SearchOptions> options, IStringLocalizer<SearchText> text) : ViewComponent
{
    public const int PageSize = 10;

    public async Task<IViewComponentResult> InvokeAsync(PageViewModel page)
    {
        // Every query is a different page: keep them out of the output cache, which is for content pages.
        if (HttpContext.Features.Get<IOutputCacheFeature>() is { } cache)
        {
            cache.Context.AllowCacheStorage = false;
        }

        var query = Request.Query["q"].ToString();
        var filter = SearchFilters.Find(Request.Query[SearchFilters.QueryKey]);
        SearchResults? results = null;
        string? message = null;
        if (Request.Query.ContainsKey("q"))
        {
            results = await searcher.SearchAsync(IndexName.External, new SearchRequest(query, page.Culture, filter?.ContentTypes, page.PageNumber, PageSize), HttpContext.RequestAborted);
            message = SearchMessages.For(results, text, options.Value);
        }

        var maxLength = options.Value.MaxQueryLength;
        return View("~/Features/Search/SearchResults.cshtml", new SearchResultsViewModel(page, query.Length > maxLength ? query[..maxLength] : query, filter, results, message, maxLength));
    }
}
