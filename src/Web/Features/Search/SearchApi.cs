using System.Globalization;
using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.Search;
using ChildProtection.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.Search;

/// <summary>The public search as JSON, for the search-as-you-type box and for anyone who wants it.</summary>
public static class SearchApi
{
    public sealed record Hit(string Title, string? Url, string Type, string TypeLabel, string? Date, IReadOnlyList<SnippetPart> Snippet);

    public sealed record Response(string Query, int Total, int Page, int PageCount, bool Relaxed, string? Message, IReadOnlyDictionary<string, int> CountsByFilter, IReadOnlyList<Hit> Hits);

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/search", Search).WithName("Search");
        return endpoints;
    }

    /// <param name="loai">Filter slug (to-gap, guong-dien-hinh, tin-tuc, khoa-hoc).</param>
    /// <param name="prefix">True while the person is still typing the last word.</param>
    private static async Task<Results<Ok<Response>, BadRequest<ProblemDetails>>> Search(
        [FromQuery] string? q,
        [FromQuery] string? culture,
        [FromQuery] string? loai,
        [FromQuery] string? trang,
        [FromQuery] string? size,
        [FromQuery] bool? prefix,
        ContentSearcher searcher,
        IOptions<CmsOptions> cms,
        IOptions<SearchOptions> options,
        IStringLocalizer<SearchText> text,
        CancellationToken ct)
    {
        culture = string.IsNullOrWhiteSpace(culture) ? cms.Value.DefaultCulture : culture;
        if (!cms.Value.Cultures.Contains(culture))
        {
            return Problem(text["SearchBadCulture", culture]);
        }

        SiteInfrastructureExtensions.UseContentCulture(culture);
        if (PositiveNumber(trang, 1) is not { } page || PositiveNumber(size, SearchResultsViewComponent.PageSize) is not { } pageSize)
        {
            return Problem(text["SearchBadPage"]);
        }

        var filter = SearchFilters.Find(loai);
        var results = await searcher.SearchAsync(IndexName.External, new SearchRequest(q, culture, filter?.ContentTypes, page, pageSize, prefix ?? false), ct);
        if (results.Status != SearchStatus.Success)
        {
            return Problem(SearchMessages.For(results, text, options.Value)!);
        }

        var counts = SearchFilters.All.ToDictionary(f => f.Slug, f => f.ContentTypes.Sum(t => results.CountsByType.GetValueOrDefault(t)));
        var hits = results.Hits.Select(h => new Hit(
            h.Name, h.Url, h.ContentType, text[SearchFilters.LabelKeyOf(h.ContentType)], SiteClock.FormatDate(h.PublishDateUtc), h.Snippet)).ToList();
        return TypedResults.Ok(new Response(q ?? "", results.Total, results.Page, results.PageCount, results.Relaxed, SearchMessages.For(results, text, options.Value), counts, hits));
    }

    /// <summary>
    /// Read here rather than bound as an <c>int</c>, whose binding failure answers an empty 400. A number too large
    /// for an <c>int</c> is still a page number: the search answers it as a page too far.
    /// </summary>
    private static int? PositiveNumber(string? value, int absent)
    {
        if (string.IsNullOrEmpty(value))
        {
            return absent;
        }

        if (!value.All(char.IsAsciiDigit) || value.All(c => c == '0'))
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : int.MaxValue;
    }

    private static BadRequest<ProblemDetails> Problem(string detail) =>
        TypedResults.BadRequest(new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = detail, Detail = detail });
}
