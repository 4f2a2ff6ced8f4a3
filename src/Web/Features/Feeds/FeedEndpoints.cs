using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.Publishing;
using ChildProtection.Web.Features.PublicSite;
using ChildProtection.Web.Infrastructure;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.Feeds;

/// <summary>News RSS per culture, sitemap.xml and robots.txt, all read from the published snapshot.</summary>
public static class FeedEndpoints
{
    private const int FeedSize = 30;
    private const string NewsType = "newsArticle";

    public static WebApplication MapFeeds(this WebApplication app)
    {
        app.MapGet("/rss.xml", (HttpContext context, IPublishedSnapshotAccessor snapshots, IOptions<CmsOptions> cms, SiteSettings site, IStringLocalizer<PublicSiteText> text) =>
            Rss(context, snapshots.Current, cms.Value.DefaultCulture, site.Current, text));
        app.MapGet("/{culture:regex(^[a-z]{{2}}$)}/rss.xml", (string culture, HttpContext context, IPublishedSnapshotAccessor snapshots, IOptions<CmsOptions> cms, SiteSettings site, IStringLocalizer<PublicSiteText> text) =>
            cms.Value.Cultures.Contains(culture) ? Rss(context, snapshots.Current, culture, site.Current, text) : Results.NotFound());
        app.MapGet("/sitemap.xml", (HttpContext context, IPublishedSnapshotAccessor snapshots, SiteSettings site, IOptions<PublicSiteOptions> publicSite) =>
            Sitemap(context, snapshots.Current, site.Current, publicSite.Value));
        app.MapGet("/robots.txt", (HttpContext context, SiteSettings site) =>
            Results.Text($"User-agent: *\nDisallow: /backoffice/\nSitemap: {site.Current.BaseUrl(context.Request)}/sitemap.xml\n", "text/plain; charset=utf-8"));
        return app;
    }

    private static IResult Rss(HttpContext context, PublishedSnapshot snapshot, string culture, SiteOptions site, IStringLocalizer<PublicSiteText> text)
    {
        SiteInfrastructureExtensions.UseContentCulture(culture);
        var baseUrl = site.BaseUrl(context.Request);
        var home = snapshot.Roots.FirstOrDefault(r => r.HasCulture(culture));
        var items = snapshot.All
            .Where(c => c.ContentTypeAlias == NewsType && c.HasCulture(culture))
            .OrderByDescending(c => c.DateValue("publishDate", culture) ?? c.PublishDateUtc)
            .Take(FeedSize)
            .Select(c =>
            {
                var url = new Uri(baseUrl + c.Url(culture));
                var item = new SyndicationItem(c.Name(culture), c.Value("summary", culture) ?? "", url, url.ToString(),
                    new DateTimeOffset(c.UpdateDateUtc, TimeSpan.Zero))
                {
                    PublishDate = new DateTimeOffset(c.DateValue("publishDate", culture) ?? c.PublishDateUtc, TimeSpan.Zero),
                };
                foreach (var tag in c.ListValue("tags", culture))
                {
                    item.Categories.Add(new SyndicationCategory(tag));
                }

                return item;
            })
            .ToList();
        var feed = new SyndicationFeed(text["FeedTitle", site.SiteName], site.UnitName, new Uri(baseUrl + (home?.Url(culture) ?? "/")), items)
        {
            Language = culture,
            LastUpdatedTime = items.Count > 0 ? items.Max(i => i.LastUpdatedTime) : DateTimeOffset.UtcNow,
        };

        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: false).WriteTo(writer);
        }

        return Results.Bytes(stream.ToArray(), "application/rss+xml; charset=utf-8");
    }

    private static IResult Sitemap(HttpContext context, PublishedSnapshot snapshot, SiteOptions site, PublicSiteOptions publicSite)
    {
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var baseUrl = site.BaseUrl(context.Request);
        var urls = snapshot.All
            .Where(c => c.ContentTypeAlias != publicSite.NotFoundContentType)
            .SelectMany(c => c.Cultures.Select(culture => new XElement(ns + "url",
                new XElement(ns + "loc", baseUrl + culture.Url),
                new XElement(ns + "lastmod", c.UpdateDateUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))));
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement(ns + "urlset", urls));
        return Results.Text(document.Declaration + "\n" + document.Root, "application/xml; charset=utf-8");
    }
}
