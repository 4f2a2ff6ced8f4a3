using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChildProtection.Cms.Search;
using ChildProtection.Web.Features.Search;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Search;

/// <summary>
/// The public search page and its JSON endpoint on a seeded site of their own: the shared one is edited by other
/// tests (renames, moves), and the relevance set needs the seed as written.
/// </summary>
public sealed class SearchTests(SiteFactory site) : IClassFixture<SiteFactory>, IAsyncLifetime
{
    private readonly HttpClient _client = site.CreateServerClient();

    public Task InitializeAsync() => site.Services.GetRequiredService<SearchIndexes>().WhenReady;

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Queries people type, with the page that must come first: the relevance set in relevance-queries.tsv.</summary>
    public static TheoryData<string, string, string> RelevanceSet()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Search", "relevance-queries.tsv")))
        {
            if (line.StartsWith('#') || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var columns = line.Split('\t');
            data.Add(columns[0], columns[1], columns[2]);
        }

        return data;
    }

    [Fact]
    public void RelevanceSet_HasAtLeastThirtyVietnameseQueries() =>
        Assert.True(RelevanceSet().Count(row => (string)row[0] == "vi") >= 30);

    [Theory]
    [MemberData(nameof(RelevanceSet))]
    public async Task SearchApi_RelevanceSet_ExpectedPageComesFirst(string culture, string query, string expectedUrl)
    {
        var body = await GetJsonAsync($"/api/search?culture={culture}&q={Uri.EscapeDataString(query)}", HttpStatusCode.OK);

        var first = body.GetProperty("hits")[0];
        Assert.Equal(expectedUrl, first.GetProperty("url").GetString());
    }

    [Fact]
    public async Task SearchPage_FoldedQuery_ListsHighlightedResultsWithTypeFilters()
    {
        var (response, document) = await _client.GetPageAsync("/tim-kiem/?q=xam+hai+tre+em");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("vi", document.DocumentElement.GetAttribute("lang"));
        var results = document.QuerySelectorAll(".search-results li");
        Assert.NotEmpty(results);
        Assert.Equal("/to-gap-tuyen-truyen/nhan-biet-xam-hai-tre-em-va-cac-dau-hieu/", results[0].QuerySelector("h2 a")!.GetAttribute("href"));
        Assert.Contains(document.QuerySelectorAll(".search-results mark"), mark => mark.TextContent == "xâm");
        var filters = document.QuerySelectorAll(".search-filters a").Select(a => a.TextContent).ToList();
        Assert.Contains(filters, f => f.StartsWith("Tờ gấp ("));
        Assert.Contains(filters, f => f.StartsWith("Tin tức ("));
        Assert.NotNull(document.QuerySelector("a[href='tel:111']"));
    }

    [Fact]
    public async Task SearchPage_TypeFilter_KeepsOnlyThatType()
    {
        var (_, document) = await _client.GetPageAsync("/tim-kiem/?q=xam+hai&loai=tin-tuc");

        var links = document.QuerySelectorAll(".search-results h2 a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, href => Assert.StartsWith("/tin-tuc/", href));
        Assert.Equal("page", document.QuerySelector(".search-filters a[href*='loai=tin-tuc']")!.GetAttribute("aria-current"));
    }

    [Fact]
    public async Task SearchPage_Paging_SecondPageContinuesTheFirst()
    {
        var (_, first) = await _client.GetPageAsync("/tim-kiem/?q=tre+em");
        var next = first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!;
        var (_, second) = await _client.GetPageAsync(next);

        var firstLinks = first.QuerySelectorAll(".search-results h2 a").Select(a => a.GetAttribute("href")).ToList();
        var secondLinks = second.QuerySelectorAll(".search-results h2 a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(10, firstLinks.Count);
        Assert.NotEmpty(secondLinks);
        Assert.Empty(firstLinks.Intersect(secondLinks));
        Assert.Equal("11", second.QuerySelector(".search-results")!.GetAttribute("start"));
    }

    [Fact]
    public async Task SearchPage_NothingFound_Suggests111AndTheLeaflets()
    {
        var (response, document) = await _client.GetPageAsync("/tim-kiem/?q=qwxzv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var empty = document.QuerySelector(".search-empty")!;
        Assert.Contains("Không tìm thấy kết quả nào cho “qwxzv”", empty.TextContent);
        Assert.NotNull(empty.QuerySelector("a[href='tel:111']"));
        Assert.NotNull(empty.QuerySelector("a[href='/to-gap-tuyen-truyen/']"));
    }

    [Fact]
    public async Task SearchPage_English_SearchesEnglishContent()
    {
        var (response, document) = await _client.GetPageAsync("/en/search/?q=online+safety");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("en", document.DocumentElement.GetAttribute("lang"));
        var links = document.QuerySelectorAll(".search-results h2 a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, href => Assert.StartsWith("/en/", href));
        Assert.Contains("results for", document.QuerySelector(".search-count")!.TextContent);
    }

    [Fact]
    public async Task Search_DraftNews_IsNeverFound()
    {
        // Seeded as a draft (published: false); its own title as the query.
        const string draft = "/tin-tuc/sap-dien-ra-tap-huan-bao-ve-tre-em-cho-can-bo-doan-doi/";

        var body = await GetJsonAsync($"/api/search?q={Uri.EscapeDataString("Sắp diễn ra: tập huấn bảo vệ trẻ em cho cán bộ Đoàn – Đội")}&size=50", HttpStatusCode.OK);
        var (_, page) = await _client.GetPageAsync("/tim-kiem/?q=tap+huan+can+bo+doan+doi");

        Assert.DoesNotContain(body.GetProperty("hits").EnumerateArray(), hit => hit.GetProperty("url").GetString() == draft);
        Assert.DoesNotContain(page.QuerySelectorAll(".search-results a"), a => a.GetAttribute("href") == draft);
    }

    [Theory]
    [InlineData("\"xâm hại", "Thiếu một dấu ngoặc kép")]
    [InlineData("*", "Hãy gõ ít nhất một từ")]
    public async Task Search_BadQuery_ClearMessageInVietnamese(string query, string message)
    {
        var (response, document) = await _client.GetPageAsync($"/tim-kiem/?q={Uri.EscapeDataString(query)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, document.QuerySelector(".search-message")!.TextContent);
        Assert.Equal(query, document.QuerySelector("#search-q")!.GetAttribute("value"));

        var problem = await GetJsonAsync($"/api/search?q={Uri.EscapeDataString(query)}", HttpStatusCode.BadRequest);
        Assert.Contains(message, problem.GetProperty("detail").GetString());
    }

    /// <summary>What people and probes type: each gets results (or "nothing found") or a message, never an error.</summary>
    [Theory]
    [InlineData("hello 2", false)]
    [InlineData("2", false)]
    [InlineData("111 2026", false)]
    [InlineData("và của là", false)]
    [InlineData("AND OR NOT", false)]
    [InlineData("NOT", false)]
    [InlineData("xâm~2 -hại", false)]
    [InlineData("tre* em?", false)]
    [InlineData("\"trẻ em\" 2", false)]
    [InlineData("?!", true)]
    [InlineData("...", true)]
    [InlineData("\"", true)]
    [InlineData("\"\"", true)]
    [InlineData("\"xâm hại", true)]
    [InlineData("*", true)]
    [InlineData("?", true)]
    [InlineData("~", true)]
    [InlineData("-", true)]
    public async Task Search_OddQuery_AnswersResultsOrAClearMessage(string query, bool message)
    {
        var (response, document) = await _client.GetPageAsync($"/tim-kiem/?q={Uri.EscapeDataString(query)}");
        var api = await _client.GetAsync($"/api/search?q={Uri.EscapeDataString(query)}");
        var body = await api.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (message)
        {
            Assert.False(string.IsNullOrWhiteSpace(document.QuerySelector(".search-message")?.TextContent));
            Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
            Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()));
        }
        else
        {
            Assert.NotNull(document.QuerySelector(".search-results, .search-empty"));
            Assert.Equal(HttpStatusCode.OK, api.StatusCode);
            Assert.Equal(Math.Min(body.GetProperty("total").GetInt32(), SearchResultsViewComponent.PageSize), body.GetProperty("hits").GetArrayLength());
        }
    }

    [Theory]
    [InlineData("51")]
    [InlineData("400000")]
    [InlineData("2147483647")]
    [InlineData("99999999999999999999999")]
    public async Task SearchApi_PageAfterTheLast_RefusedWithAMessage(string page)
    {
        var problem = await GetJsonAsync($"/api/search?q=em&size=50&trang={page}", HttpStatusCode.BadRequest);

        Assert.Contains("Chỉ xem được 50 trang kết quả đầu tiên", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("%20")]
    public async Task SearchApi_PageNotANumber_RefusedWithAMessage(string page)
    {
        var problem = await GetJsonAsync($"/api/search?q=em&trang={page}", HttpStatusCode.BadRequest);
        var size = await GetJsonAsync($"/api/search?q=em&size={page}", HttpStatusCode.BadRequest);

        Assert.Contains("Số trang phải là một số nguyên dương", problem.GetProperty("detail").GetString());
        Assert.Contains("Số trang phải là một số nguyên dương", size.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task SearchApi_LastPage_AnswersAndNeverOffersMore()
    {
        var last = await GetJsonAsync("/api/search?q=em&trang=50", HttpStatusCode.OK);
        var one = await GetJsonAsync("/api/search?q=em&size=1", HttpStatusCode.OK);

        Assert.Equal(50, last.GetProperty("page").GetInt32());
        Assert.Equal(Math.Min(50, one.GetProperty("total").GetInt32()), one.GetProperty("pageCount").GetInt32());
    }

    [Fact]
    public async Task SearchPage_PageAfterTheLast_ClearMessageInVietnamese()
    {
        var (response, document) = await _client.GetPageAsync("/tim-kiem/?q=em&trang=400000");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Chỉ xem được 50 trang kết quả đầu tiên", document.QuerySelector(".search-message")!.TextContent);
        Assert.Empty(document.QuerySelectorAll(".search-results li"));
    }

    [Fact]
    public async Task Search_TenThousandCharacters_ClearMessageNotAnError()
    {
        var query = Uri.EscapeDataString(string.Concat(Enumerable.Repeat("xâm hại ", 1250)));

        var (response, document) = await _client.GetPageAsync($"/tim-kiem/?q={query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("dài quá 200 ký tự", document.QuerySelector(".search-message")!.TextContent);

        var problem = await GetJsonAsync($"/api/search?q={query}", HttpStatusCode.BadRequest);
        Assert.Contains("dài quá 200 ký tự", problem.GetProperty("detail").GetString());
        var english = await GetJsonAsync($"/api/search?culture=en&q={query}", HttpStatusCode.BadRequest);
        Assert.Contains("longer than 200 characters", english.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task SearchApi_WhileTyping_SuggestsFromThePrefix()
    {
        var body = await GetJsonAsync("/api/search?q=ky+luat+tich+cu&prefix=true&size=5", HttpStatusCode.OK);

        var first = body.GetProperty("hits")[0];
        Assert.Equal("/to-gap-tuyen-truyen/ky-luat-tich-cuc-trong-lop-hoc/", first.GetProperty("url").GetString());
        Assert.Equal("Tờ gấp", first.GetProperty("typeLabel").GetString());
        Assert.True(body.GetProperty("hits").GetArrayLength() <= 5);
    }

    [Fact]
    public async Task SearchApi_UnknownCulture_IsRefused()
    {
        var problem = await GetJsonAsync("/api/search?q=abc&culture=fr", HttpStatusCode.BadRequest);

        Assert.Contains("fr", problem.GetProperty("detail").GetString());
    }

    private async Task<JsonElement> GetJsonAsync(string url, HttpStatusCode expected)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
