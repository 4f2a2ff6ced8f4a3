using System.Net;
using System.Xml.Linq;
using ChildProtection.Web.Tests.Infrastructure;

namespace ChildProtection.Web.Tests.Feeds;

[Collection(SiteCollection.Name)]
public sealed class FeedTests(SiteFactory site)
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private readonly HttpClient _client = site.CreateServerClient();

    [Fact]
    public async Task Rss_ParsesAsXmlAndListsExactlyThePublishedNews()
    {
        var response = await _client.GetAsync("/rss.xml");
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("application/rss+xml", response.Content.Headers.ContentType!.MediaType);
        var titles = feed.Descendants("item").Select(i => i.Element("title")!.Value).ToHashSet();
        var published = site.Snapshot.All.Where(c => c.ContentTypeAlias == "newsArticle" && c.HasCulture("vi")).Select(c => c.Name("vi")).ToHashSet();
        Assert.Equal(published, titles);
        Assert.All(feed.Descendants("item"), item => Assert.StartsWith(site.ServerAddress + "/", item.Element("link")!.Value));
        Assert.Equal("vi", feed.Root!.Element("channel")!.Element("language")!.Value);
    }

    [Fact]
    public async Task EnglishRss_ListsOnlyNewsWithAnEnglishVersion()
    {
        var feed = XDocument.Parse(await _client.GetStringAsync("/en/rss.xml"));

        var titles = feed.Descendants("item").Select(i => i.Element("title")!.Value).ToList();
        var english = site.Snapshot.All.Where(c => c.ContentTypeAlias == "newsArticle" && c.HasCulture("en")).Select(c => c.Name("en")).ToList();
        Assert.NotEmpty(english);
        Assert.Equal(english.Order(), titles.Order());
    }

    [Fact]
    public async Task Sitemap_ParsesAsXmlAndListsEveryPublishedUrl()
    {
        var document = XDocument.Parse(await _client.GetStringAsync("/sitemap.xml"));

        var locations = document.Descendants(Sitemap + "loc").Select(l => new Uri(l.Value).AbsolutePath).ToHashSet();
        var published = site.Snapshot.All.Where(c => c.ContentTypeAlias != "notFoundPage").SelectMany(c => c.Cultures.Select(v => v.Url)).ToHashSet();
        Assert.Equal(published, locations);
    }

    [Fact]
    public async Task Robots_PointsToSitemapAndKeepsBackofficeOut()
    {
        var response = await _client.GetAsync("/robots.txt");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Disallow: /backoffice/", text);
        Assert.Contains($"Sitemap: {site.ServerAddress}/sitemap.xml", text);
    }
}
