using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.Schema;
using ChildProtection.Cms.Search;
using ChildProtection.Web.Features.Backoffice;
using ChildProtection.Web.Features.Search;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.Backoffice.Search;

/// <summary>The backoffice's content search: the internal index, drafts included, by type and author.</summary>
public sealed record ContentSearchViewModel(
    string Query,
    string? ContentType,
    string? Author,
    string Culture,
    SearchResults? Results,
    string? Message,
    IReadOnlyList<ContentType> ContentTypes,
    IReadOnlyList<string> Cultures,
    IReadOnlyList<IndexState> Indexes,
    bool CanRebuild)
{
    public string TypeName(string alias) => ContentTypes.FirstOrDefault(t => t.Alias == alias)?.Name ?? alias;

    public string PageUrl(int page) =>
        $"/backoffice/tim-kiem?q={Uri.EscapeDataString(Query)}&loai={Uri.EscapeDataString(ContentType ?? "")}&tac-gia={Uri.EscapeDataString(Author ?? "")}&ngon-ngu={Culture}&trang={page}";
}

[Route("backoffice/tim-kiem"), Authorize(Policy = BackofficePolicies.Staff)]
public sealed class ContentSearchController(
    ContentSearcher searcher,
    SearchIndexes indexes,
    ContentSchema schema,
    IOptions<CmsOptions> cms,
    IOptions<SearchOptions> options,
    IAuthorizationService authorization,
    IStringLocalizer<BackofficeText> text) : Controller
{
    private const int PageSize = 20;

    [HttpGet("")]
    public async Task<IActionResult> Index(
        [FromQuery] string? q,
        [FromQuery(Name = "loai")] string? type,
        [FromQuery(Name = "tac-gia")] string? author,
        [FromQuery(Name = "ngon-ngu")] string? culture,
        [FromQuery(Name = "trang")] int page = 1)
    {
        culture = cms.Value.CultureOrDefault(culture);
        type = string.IsNullOrWhiteSpace(type) ? null : type;
        author = string.IsNullOrWhiteSpace(author) ? null : author.Trim();
        SearchResults? results = null;
        var message = TempData["Message"] as string;
        if (q is not null)
        {
            results = await searcher.SearchAsync(IndexName.Internal, new SearchRequest(q, culture, type is null ? null : [type], page, PageSize, Author: author), HttpContext.RequestAborted);
            message ??= SearchMessages.For(results, text, options.Value);
        }

        var canRebuild = (await authorization.AuthorizeAsync(User, BackofficePolicies.Administer)).Succeeded;
        return View("~/Features/Backoffice/Search/Index.cshtml", new ContentSearchViewModel(
            q ?? "", type, author, culture, results, message,
            schema.ContentTypes.Where(t => !t.IsElement && !t.Alias.EndsWith("Composition", StringComparison.Ordinal)).OrderBy(t => t.Name).ToList(),
            cms.Value.Cultures, indexes.States, canRebuild));
    }

    /// <summary>Rebuilds both indexes from the database in the background; search keeps answering meanwhile.</summary>
    [HttpPost("xay-dung-lai"), Authorize(Policy = BackofficePolicies.Administer), ValidateAntiForgeryToken]
    public IActionResult Rebuild()
    {
        TempData["Message"] = indexes.StartRebuild() ? text["RebuildStarted"].Value : text["RebuildAlreadyRunning"].Value;
        return LocalRedirect("/backoffice/tim-kiem");
    }
}
