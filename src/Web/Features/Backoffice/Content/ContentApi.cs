using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.Schema;
using ChildProtection.Cms.Search;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.Backoffice.Content;

/// <summary>The content section's JSON endpoint: the content picker's search.</summary>
public static class ContentApi
{
    /// <param name="Type">The document type's name, as editors know it.</param>
    public sealed record PickerHit(Guid Key, string Name, string Type, string? Url);

    public static IEndpointRouteBuilder MapContentApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapBackofficeApi("/backoffice/noi-dung", BackofficePolicies.Write).MapGet("/tim", Find).WithName("ContentPickerSearch");
        return endpoints;
    }

    /// <summary>Drafts and published pages alike (the internal index), ten at most, the last word as a prefix while it is typed.</summary>
    private static async Task<Ok<List<PickerHit>>> Find(
        [FromQuery] string? q, [FromQuery(Name = "ngon-ngu")] string? culture, ContentSearcher searcher, ContentSchema schema, IOptions<CmsOptions> cms, CancellationToken ct)
    {
        var results = await searcher.SearchAsync(IndexName.Internal, new SearchRequest(q, cms.Value.CultureOrDefault(culture), PageSize: 10, PrefixLastWord: true), ct);
        return TypedResults.Ok(results.Hits.Select(h => new PickerHit(h.Key, h.Name, schema.Find(h.ContentType)?.Name ?? h.ContentType, h.Url)).ToList());
    }
}
