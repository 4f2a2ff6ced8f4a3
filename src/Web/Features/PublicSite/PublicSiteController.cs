using System.Globalization;
using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.Publishing;
using ChildProtection.Cms.Schema;
using ChildProtection.Cms.Text;
using ChildProtection.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.PublicSite;

/// <summary>
/// Renders published content by URL: the culture from the prefix ("/en/…"), the page from the snapshot, the
/// template from the document type. A URL that moved answers 301; anything else gets the 404 page.
/// </summary>
public sealed class PublicSiteController(
    IPublishedSnapshotAccessor snapshots,
    ContentSchema schema,
    MarkdownRenderer markdown,
    IOptions<CmsOptions> cms,
    SiteSettings site,
    IOptions<PublicSiteOptions> options) : Controller
{
    [HttpGet, HttpHead]
    public IActionResult Render(string? path)
    {
        var snapshot = snapshots.Current;
        var (culture, url) = SplitCulture(path ?? "");
        if (snapshot.GetByUrl(culture, url) is { } content)
        {
            if (!Request.Path.Value!.EndsWith('/'))
            {
                return RedirectPermanent(content.Url(culture)! + Request.QueryString);
            }

            return Page(content, culture, snapshot, StatusCodes.Status200OK);
        }

        if (snapshot.GetRedirectTarget(culture, url)?.Url(culture) is { } movedTo)
        {
            return RedirectPermanent(movedTo + Request.QueryString);
        }

        return NotFoundPage(snapshot, culture);
    }

    /// <summary>A draft through its signed preview link: the public page as it would be, never cached or indexed.</summary>
    [HttpGet("/xem-truoc/{token}")]
    public async Task<IActionResult> Preview(string token, [FromServices] PreviewLinks links, [FromServices] DraftPreview drafts, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex";
        if (links.Read(token) is not { } link || await drafts.BuildAsync(link.Key, ct) is not { } preview || !preview.Content.HasCulture(link.Culture))
        {
            return NotFoundPage(snapshots.Current, cms.Value.DefaultCulture);
        }

        ViewData["Preview"] = true;
        return Page(preview.Content, link.Culture, preview.Snapshot, StatusCodes.Status200OK);
    }

    private IActionResult NotFoundPage(PublishedSnapshot snapshot, string culture)
    {
        var notFound = snapshot.All.FirstOrDefault(c => c.ContentTypeAlias == options.Value.NotFoundContentType && c.HasCulture(culture))
            ?? snapshot.All.FirstOrDefault(c => c.ContentTypeAlias == options.Value.NotFoundContentType);
        if (notFound is null)
        {
            return NotFound();
        }

        return Page(notFound, notFound.HasCulture(culture) ? culture : cms.Value.DefaultCulture, snapshot, StatusCodes.Status404NotFound);
    }

    private ViewResult Page(PublishedContent content, string culture, PublishedSnapshot snapshot, int statusCode)
    {
        SiteInfrastructureExtensions.UseContentCulture(culture);

        var pageNumber = int.TryParse(Request.Query[options.Value.PageQueryKey], NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : 1;
        var absoluteUrl = $"{site.Current.BaseUrl(Request)}{content.Url(culture)}";
        var model = new PageViewModel(content, culture, snapshot, site.Current, markdown, absoluteUrl, pageNumber);
        Response.StatusCode = statusCode;
        var template = schema.Find(content.ContentTypeAlias)?.DefaultTemplate ?? "TextPage";
        return View(template, model);
    }

    private (string Culture, string Url) SplitCulture(string path)
    {
        var trimmed = path.Trim('/');
        foreach (var culture in cms.Value.Cultures.Skip(1))
        {
            // Snapshot URLs carry the culture prefix ("/en/leaflets/"), so the whole path is the key.
            if (trimmed.Equals(culture, StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith(culture + "/", StringComparison.OrdinalIgnoreCase))
            {
                return (culture, "/" + trimmed);
            }
        }

        return (cms.Value.DefaultCulture, "/" + trimmed);
    }
}
