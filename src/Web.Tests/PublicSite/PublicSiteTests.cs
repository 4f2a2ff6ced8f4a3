using System.Net;
using System.Text.RegularExpressions;
using ChildProtection.Cms.Content;
using ChildProtection.Cms.Publishing;
using ChildProtection.Web.Tests.Infrastructure;

namespace ChildProtection.Web.Tests.PublicSite;

[Collection(SiteCollection.Name)]
public sealed class PublicSiteTests(SiteFactory site)
{
    private readonly HttpClient _client = site.CreateServerClient();

    [Fact]
    public async Task EverySeededPage_Answers200WithItsTitleAndHotline111()
    {
        var pages = site.Snapshot.All.Where(c => c.ContentTypeAlias != "notFoundPage")
            .SelectMany(c => c.Cultures.Select(culture => (Content: c, Culture: culture))).ToList();
        Assert.True(pages.Count >= 30, $"only {pages.Count} seeded pages");

        foreach (var (content, culture) in pages)
        {
            var (response, document) = await _client.GetPageAsync(culture.Url);

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{culture.Url} answered {(int)response.StatusCode}");
            if (content.ContentTypeAlias != "home")
            {
                // The home page's heading is its slogan; every other page is headed by its name.
                Assert.Equal(culture.Name, document.QuerySelector("h1")?.TextContent.Trim());
            }

            // An editor's SEO title replaces the name in <title>.
            Assert.Contains(content.Value("metaTitle", culture.Culture) is { Length: > 0 } seoTitle ? seoTitle : culture.Name, document.Title);
            Assert.Equal(culture.Culture, document.DocumentElement.GetAttribute("lang"));
            var hotline = document.QuerySelector("a[href='tel:111']");
            Assert.True(hotline is not null, $"{culture.Url} has no tap-to-call 111 link");
            Assert.Contains("111", hotline.TextContent);
            Assert.NotNull(document.QuerySelector("meta[property='og:title']"));
        }
    }

    [Fact]
    public async Task HomePage_ShowsHotlinesCampaignAndLatestNews()
    {
        var (response, document) = await _client.GetPageAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Tổng đài quốc gia bảo vệ trẻ em 111", document.QuerySelector(".hotline-bar")!.TextContent);
        Assert.NotNull(document.QuerySelector("a[href='tel:18008079']"));
        var campaign = site.Snapshot.All.Single(c => c.ContentTypeAlias == "campaign");
        Assert.NotNull(document.QuerySelector($"a[href='{campaign.Url("vi")}']"));
        Assert.True(document.QuerySelectorAll(".card-newsArticle").Length >= 3);
        Assert.True(document.QuerySelectorAll("nav.menu a").Length >= 5);
    }

    [Fact]
    public async Task LeafletPage_HasBreadcrumbsPrintStylesheetAndShareLinks()
    {
        var leaflet = site.Snapshot.All.First(c => c.ContentTypeAlias == "leaflet");

        var (_, document) = await _client.GetPageAsync(leaflet.Url("vi")!);

        Assert.NotNull(document.QuerySelector("link[rel='stylesheet'][media='print']"));
        Assert.True(document.QuerySelectorAll(".breadcrumbs li").Length >= 2);
        Assert.StartsWith("https://www.facebook.com/sharer/sharer.php?u=", document.QuerySelector("a.share-facebook")!.GetAttribute("href"));
        Assert.NotNull(document.QuerySelector("a.share-zalo[data-share]"));
        Assert.NotNull(document.QuerySelector("[data-print]"));
        Assert.Contains(site.ServerAddress + leaflet.Url("vi"), document.QuerySelector("meta[property='og:url']")!.GetAttribute("content"));
    }

    [Fact]
    public async Task NewsArticle_ShowsDateAsDayMonthYearInVietnamTime()
    {
        var article = site.Snapshot.All.First(c => c.ContentTypeAlias == "newsArticle");
        var local = TimeZoneInfo.ConvertTimeFromUtc(article.DateValue("publishDate", "vi")!.Value, TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh"));

        var (_, document) = await _client.GetPageAsync(article.Url("vi")!);

        Assert.Contains($"Ngày đăng: {local:dd/MM/yyyy}", document.QuerySelector(".meta")!.TextContent);
    }

    [Fact]
    public async Task NewsList_PagesThroughAllArticles()
    {
        var list = site.Snapshot.All.Single(c => c.ContentTypeAlias == "newsList");
        var total = site.Snapshot.Children(list, "vi").Count;
        var seen = new HashSet<string>();

        for (var page = 1; page <= 10; page++)
        {
            var (_, document) = await _client.GetPageAsync($"{list.Url("vi")}?trang={page}");
            var titles = document.QuerySelectorAll(".card h3").Select(h => h.TextContent).ToList();
            seen.UnionWith(titles);
            if (document.QuerySelector("a[rel='next']") is null)
            {
                break;
            }
        }

        Assert.Equal(total, seen.Count);
    }

    [Fact]
    public async Task EnglishHome_IsEnglishAndLinksBackToVietnamese()
    {
        var (response, document) = await _client.GetPageAsync("/en/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("en", document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("National Child Protection Hotline 111", document.QuerySelector(".hotline-bar")!.TextContent);
        Assert.NotNull(document.QuerySelector("a[hreflang='vi'][href='/']"));
    }

    [Fact]
    public async Task UnknownUrl_GetsTheNotFoundPageWithStatus404()
    {
        var notFound = site.Snapshot.All.First(c => c.ContentTypeAlias == "notFoundPage");

        var (response, document) = await _client.GetPageAsync("/khong-co-trang-nay/");
        var (englishResponse, englishDocument) = await _client.GetPageAsync("/en/no-such-page/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(notFound.Name("vi"), document.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(document.QuerySelector("a[href='tel:111']"));
        Assert.Equal(HttpStatusCode.NotFound, englishResponse.StatusCode);
        Assert.Equal("en", englishDocument.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task UrlWithoutTrailingSlash_RedirectsToCanonicalUrl()
    {
        var leaflet = site.Snapshot.All.First(c => c.ContentTypeAlias == "leaflet");

        var response = await _client.GetAsync(leaflet.Url("vi")!.TrimEnd('/'));

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(leaflet.Url("vi"), response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task RenamedPublishedPage_OldUrlAnswers301ToNewUrl()
    {
        var story = site.Snapshot.All.Last(c => c.ContentTypeAlias == "story");
        var oldUrl = story.Url("vi")!;
        await site.WithContentServiceAsync(async content =>
        {
            var document = (await content.GetAsync(story.Key))!;
            var names = new Dictionary<string, string>(document.Names) { ["vi"] = document.Names["vi"] + " (cập nhật)" };
            Assert.True((await content.SaveAsync(story.Key, new ContentEdit(names, document.Values), "test")).Success);
            return await content.PublishAsync(story.Key, "test");
        });
        var newUrl = site.Snapshot.Get(story.Key)!.Url("vi")!;

        var response = await _client.GetAsync(oldUrl);

        Assert.NotEqual(oldUrl, newUrl);
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(newUrl, response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(newUrl)).StatusCode);
    }

    [Fact]
    public async Task DraftContent_IsNeverServed()
    {
        var newsList = site.Snapshot.All.Single(c => c.ContentTypeAlias == "newsList");
        var draftName = "Tin nháp chưa duyệt " + Guid.NewGuid().ToString("n")[..6];
        var created = await site.WithContentServiceAsync(content => content.CreateAsync(newsList.Key, "newsArticle", new ContentEdit(
            new Dictionary<string, string> { ["vi"] = draftName },
            [new("summary", "vi", "Tóm tắt nháp."), new("publishDate", null, "2026-11-20T01:00:00Z"), new("body", "vi", "Nội dung nháp.")]), "test"));
        Assert.True(created.Success);

        var direct = await _client.GetAsync($"{newsList.Url("vi")}{created.Result!.Content!.UrlSegments["vi"]}/");
        var listing = await _client.GetStringAsync(newsList.Url("vi"));
        var rss = await _client.GetStringAsync("/rss.xml");

        Assert.Equal(HttpStatusCode.NotFound, direct.StatusCode);
        Assert.DoesNotContain(draftName, listing);
        Assert.DoesNotContain(draftName, rss);
    }

    [Fact]
    public async Task SeededDraft_IsNotListedAnywhere()
    {
        var drafts = await site.WithContentServiceAsync(async content =>
        {
            var list = site.Snapshot.All.Single(c => c.ContentTypeAlias == "newsList");
            return (await content.GetChildrenAsync(list.Key)).Where(d => !d.Published).ToList();
        });
        Assert.NotEmpty(drafts);

        var listing = await _client.GetStringAsync(site.Snapshot.All.Single(c => c.ContentTypeAlias == "newsList").Url("vi"));
        var sitemap = await _client.GetStringAsync("/sitemap.xml");
        foreach (var draft in drafts)
        {
            Assert.DoesNotContain(draft.Names["vi"], listing);
            Assert.DoesNotContain("/" + draft.UrlSegments["vi"] + "/", sitemap);
        }
    }

    [Fact]
    public async Task Pages_AreUtf8WithVietnameseCharactersUnescaped()
    {
        var response = await _client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("utf-8", response.Content.Headers.ContentType!.CharSet);
        Assert.Contains("Tổng đài quốc gia bảo vệ trẻ em", html);
        Assert.DoesNotMatch(new Regex("&#x1E[0-9A-F]{2};"), html);
    }
}
