using ChildProtection.Cms.Search;
using ChildProtection.Cms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChildProtection.Cms.Tests.Search;

/// <summary>The external and internal indexes on a real SQLite file and real Lucene folders.</summary>
public sealed class ContentSearchTests : IAsyncLifetime
{
    private CmsFixture _cms = null!;
    private Guid _list;

    public async Task InitializeAsync()
    {
        _cms = await CmsFixture.StartAsync();
        (_, _list) = await _cms.CreateSiteAsync();
    }

    public async Task DisposeAsync() => await _cms.DisposeAsync();

    private ContentSearcher Searcher => _cms.Services.GetRequiredService<ContentSearcher>();

    [Fact]
    public async Task Search_WithAndWithoutDiacritics_FindsTheSameDocuments()
    {
        var abuse = await PublishLeafletAsync("Nhận biết xâm hại trẻ em", "Những dấu hiệu cho thấy một đứa trẻ có thể đang bị xâm hại.");
        var online = await PublishLeafletAsync("Đoàn viên tuyên truyền", "Đoàn thanh niên xã tổ chức tuyên truyền về xâm hại trên mạng.");
        await PublishLeafletAsync("Kỷ luật tích cực", "Giáo viên khen ngợi thay vì trách phạt.");

        var withDiacritics = Keys(await PublicAsync("xâm hại"));
        var folded = Keys(await PublicAsync("xam hai"));
        var upperCase = Keys(await PublicAsync("XAM HAI"));

        Assert.Equal(new[] { abuse, online }.Order(), withDiacritics.Order());
        Assert.Equal(withDiacritics.Order(), folded.Order());
        Assert.Equal(withDiacritics.Order(), upperCase.Order());
        Assert.Equal([online], Keys(await PublicAsync("doan")));
    }

    [Fact]
    public async Task Search_ExactDiacritics_RankAboveFoldedMatches()
    {
        var keys = new Dictionary<string, Guid>();
        foreach (var word in new[] { "mà", "má", "mả", "ma", "mã", "mạ" })
        {
            keys[word] = await PublishLeafletAsync($"Tờ gấp chữ {word}", $"Trong tờ gấp này có chữ {word} và nhiều chữ khác.");
        }

        var plain = await PublicAsync("ma");
        Assert.Equal(6, plain.Total);
        Assert.Equal(keys["ma"], plain.Hits[0].Key);
        Assert.True(Score(plain, keys["ma"]) < Score(plain, keys["mà"]), "\"ma\" must not rank \"mà\" the same as \"ma\"");

        Assert.Equal(keys["mã"], (await PublicAsync("mã")).Hits[0].Key);
        Assert.Equal(keys["mạ"], (await PublicAsync("mạ")).Hits[0].Key);
    }

    [Fact]
    public async Task Search_SyllablesTogether_RankAboveTheSameSyllablesApart()
    {
        var apart = await PublishLeafletAsync("Tờ gấp thứ nhất", "Hành vi xâm phạm quyền riêng tư cũng gây hại cho trẻ.");
        var together = await PublishLeafletAsync("Tờ gấp thứ hai", "Mọi hành vi xâm hại trẻ em đều phải được báo ngay.");

        var results = await PublicAsync("xâm hại");
        Assert.Equal([together, apart], Keys(results));

        Assert.Equal([together], Keys(await PublicAsync("\"xam hai\"")));
    }

    [Fact]
    public async Task Search_Draft_NeverInPublicResultsButInBackoffice()
    {
        var draft = await _cms.CreateAsync(_list, Leaflet("Bản nháp về bạo lực học đường", "Nội dung chưa duyệt về bạo lực học đường."));

        Assert.Empty((await PublicAsync("bạo lực học đường")).Hits);
        var internalHit = Assert.Single((await Searcher.SearchAsync(IndexName.Internal, new SearchRequest("bao luc hoc duong", "vi"))).Hits);
        Assert.Equal(draft, internalHit.Key);
        Assert.False(internalHit.Published);
        Assert.Equal(CmsFixture.Editor, internalHit.Author);
        Assert.Single((await Searcher.SearchAsync(IndexName.Internal, new SearchRequest("bạo lực", "vi", Author: CmsFixture.Editor))).Hits);
        Assert.Empty((await Searcher.SearchAsync(IndexName.Internal, new SearchRequest("bạo lực", "vi", Author: "nguoi.khac@example.vn"))).Hits);
    }

    [Fact]
    public async Task Search_PublishUnpublishAndNewDraft_ReachTheIndexes()
    {
        var key = await _cms.CreateAsync(_list, Leaflet("Tổng đài 111", "Gọi tổng đài miễn phí."));
        await using var scope = _cms.NewContentService();

        await scope.Content.PublishAsync(key, CmsFixture.Editor);
        var hit = Assert.Single((await PublicAsync("tong dai 111")).Hits);
        Assert.Equal("/to-gap/tong-dai-111/", hit.Url);

        await scope.Content.SaveAsync(key, Leaflet("Tổng đài 111", "Gọi ngay khi thấy trẻ gặp nguy hiểm.").Build(), CmsFixture.Editor);
        Assert.Empty((await PublicAsync("nguy hiểm")).Hits);
        Assert.Single((await Searcher.SearchAsync(IndexName.Internal, new SearchRequest("nguy hiểm", "vi"))).Hits);

        await scope.Content.UnpublishAsync(key, CmsFixture.Editor);
        Assert.Empty((await PublicAsync("tong dai 111")).Hits);
        Assert.False(Assert.Single((await Searcher.SearchAsync(IndexName.Internal, new SearchRequest("tong dai 111", "vi"))).Hits).Published);

        await scope.Content.MoveToRecycleBinAsync(key, CmsFixture.Editor);
        Assert.Empty((await Searcher.SearchAsync(IndexName.Internal, new SearchRequest("tong dai 111", "vi"))).Hits);
    }

    [Fact]
    public async Task Publish_IsSearchableAtOnce_AndOnDiskWithinTheCommitInterval()
    {
        var key = await PublishLeafletAsync("Tổng đài 111 trên đĩa", "Gọi tổng đài miễn phí.");
        Assert.Equal(key, Assert.Single((await PublicAsync("tren dia")).Hits).Key);

        // What another process (or this one after a crash) would read: the last commit of the live build.
        var external = Path.Combine(_cms.DataPath, "Search", "External");
        var until = DateTime.UtcNow.AddSeconds(15);
        while (!CommittedHas(Path.Combine(external, File.ReadAllText(Path.Combine(external, "current")).Trim()), SearchDocument.IdOf(key, "vi")))
        {
            Assert.True(DateTime.UtcNow < until, "The publish was never committed to disk.");
            await Task.Delay(100);
        }
    }

    private static bool CommittedHas(string buildFolder, string id)
    {
        using var directory = Lucene.Net.Store.FSDirectory.Open(new DirectoryInfo(buildFolder));
        using var reader = Lucene.Net.Index.DirectoryReader.Open(directory);
        return new Lucene.Net.Search.IndexSearcher(reader).Search(new Lucene.Net.Search.TermQuery(new Lucene.Net.Index.Term(SearchFields.Id, id)), 1).TotalHits == 1;
    }

    [Fact]
    public async Task Search_RenamedList_UpdatesTheUrlsBelowIt()
    {
        var key = await PublishLeafletAsync("Phòng chống đuối nước", "Dạy trẻ bơi an toàn.");
        await using var scope = _cms.NewContentService();

        await scope.Content.SaveAsync(_list, new ContentBuilder().WithType("leafletList").WithName("Tài liệu").Build(), CmsFixture.Editor);
        await scope.Content.PublishAsync(_list, CmsFixture.Editor);

        var hit = Assert.Single((await PublicAsync("duoi nuoc")).Hits);
        Assert.Equal(key, hit.Key);
        Assert.Equal("/tai-lieu/phong-chong-duoi-nuoc/", hit.Url);
    }

    [Fact]
    public async Task Search_TypeFilter_CountsEveryTypeAndKeepsOnlyTheChosen()
    {
        await PublishLeafletAsync("An toàn trên mạng", "Trẻ em dùng mạng xã hội an toàn.");
        await PublishLeafletAsync("Mạng xã hội và con", "Cha mẹ đồng hành cùng con trên mạng.");

        var results = await Searcher.SearchAsync(IndexName.External, new SearchRequest("mạng", "vi", ContentTypes: ["story"]));

        Assert.Empty(results.Hits);
        Assert.Equal(2, results.CountsByType["leaflet"]);
        Assert.Equal(2, (await Searcher.SearchAsync(IndexName.External, new SearchRequest("mạng", "vi", ContentTypes: ["leaflet"]))).Total);
    }

    [Fact]
    public async Task Search_Snippet_MarksFoldedMatchesInTheText()
    {
        await PublishLeafletAsync("Dấu hiệu cần chú ý", "Trẻ thu mình, lo sợ khi gặp một người lớn: đó có thể là dấu hiệu bị xâm hại.");

        var snippet = Assert.Single((await PublicAsync("xam hai")).Hits).Snippet;

        Assert.Equal(["xâm", "hại"], snippet.Where(p => p.Match).Select(p => p.Text));
        Assert.Contains("dấu hiệu bị ", string.Concat(snippet.Select(p => p.Text)));
    }

    [Fact]
    public async Task Search_PrefixOfLastWord_FindsWhileTyping()
    {
        var key = await PublishLeafletAsync("Bảo vệ trẻ em", "Trách nhiệm của gia đình.");

        // Typed whole, "nhi" is no word of the text: only the relaxed fallback (most words) finds it.
        Assert.True((await PublicAsync("trach nhi")).Relaxed);
        var typing = await Searcher.SearchAsync(IndexName.External, new SearchRequest("trach nhi", "vi", PrefixLastWord: true));
        Assert.False(typing.Relaxed);
        Assert.Equal(key, Assert.Single(typing.Hits).Key);
    }

    [Theory]
    [InlineData("\"xâm hại", SearchStatus.UnbalancedQuotes)]
    [InlineData("*", SearchStatus.EmptyQuery)]
    [InlineData("   ", SearchStatus.EmptyQuery)]
    [InlineData("?!", SearchStatus.EmptyQuery)]
    public async Task Search_BadQuery_SaysWhatIsWrong(string query, SearchStatus expected) =>
        Assert.Equal(expected, (await PublicAsync(query)).Status);

    [Fact]
    public async Task Search_WordFoundNowhere_RanksThePagesHoldingTheOthers()
    {
        // Two hits, so that the phrase bonus re-ranks them, in an index without any "2": its phrase has no scorer.
        var first = await PublishLeafletAsync("Hello các em", "Lời chào hello gửi các em học sinh.");
        var second = await PublishLeafletAsync("Chào hello", "Hello hello, tuần lễ an toàn trên mạng.");

        var results = await PublicAsync("hello 2");

        Assert.Equal(SearchStatus.Success, results.Status);
        Assert.True(results.Relaxed);
        Assert.Equal(new[] { first, second }.Order(), Keys(results).Order());
    }

    [Fact]
    public async Task Search_PageAfterTheLast_IsRefusedWithoutSearching()
    {
        await PublishLeafletAsync("Nhận biết xâm hại trẻ em", "Những dấu hiệu cho thấy một đứa trẻ có thể đang bị xâm hại.");
        var maxPage = _cms.Services.GetRequiredService<IOptions<SearchOptions>>().Value.MaxPage;

        var last = await Searcher.SearchAsync(IndexName.External, new SearchRequest("xâm hại", "vi", Page: maxPage));
        var after = await Searcher.SearchAsync(IndexName.External, new SearchRequest("xâm hại", "vi", Page: maxPage + 1));
        var huge = await Searcher.SearchAsync(IndexName.External, new SearchRequest("xâm hại", "vi", Page: int.MaxValue, PageSize: ContentSearcher.MaxPageSize));

        Assert.Equal(SearchStatus.Success, last.Status);
        Assert.Equal(1, last.Total);
        Assert.Equal(SearchStatus.PageTooFar, after.Status);
        Assert.Equal(maxPage, after.MaxPage);
        Assert.Equal(SearchStatus.PageTooFar, huge.Status);
        Assert.Empty(huge.Hits);
    }

    [Theory]
    [InlineData(10_000, 50)]
    [InlineData(499, 50)]
    [InlineData(21, 3)]
    [InlineData(0, 0)]
    public void PageCount_ManyResults_StopsAtTheLastPageThatMayBeAsked(int total, int expected) =>
        Assert.Equal(expected, new SearchResults(SearchStatus.Success, [], total, new Dictionary<string, int>(), 1, 10, false, MaxPage: 50).PageCount);

    [Fact]
    public async Task Search_TenThousandCharacters_IsRefusedAsTooLong() =>
        Assert.Equal(SearchStatus.QueryTooLong, (await PublicAsync(new string('a', 10_000))).Status);

    [Fact]
    public async Task Rebuild_WhileSearching_KeepsAnswering()
    {
        var key = await PublishLeafletAsync("Kỹ năng tự bảo vệ", "Dạy trẻ nói không với người lạ.");
        for (var i = 0; i < 40; i++)
        {
            await PublishLeafletAsync($"Tờ gấp số {i}", $"Nội dung tuyên truyền thứ {i} về quyền trẻ em.");
        }

        var indexes = _cms.Services.GetRequiredService<SearchIndexes>();
        Assert.True(indexes.StartRebuild());
        var rebuild = indexes.CurrentRebuild;
        var searches = 0;
        do
        {
            var results = await PublicAsync("nguoi la");
            Assert.Equal(SearchStatus.Success, results.Status);
            Assert.Equal(key, Assert.Single(results.Hits).Key);
            searches++;
        }
        while (!rebuild.IsCompleted);

        await rebuild;
        Assert.True(searches > 0);
        Assert.Equal(key, Assert.Single((await PublicAsync("nguoi la")).Hits).Key);
        Assert.Single(Directory.GetDirectories(Path.Combine(_cms.DataPath, "Search", "External")));
    }

    [Fact]
    public async Task Startup_DeletedIndexFolder_IsRebuilt()
    {
        var key = await PublishLeafletAsync("Phòng chống bạo lực", "Không đánh trẻ.");

        await _cms.RestartAsync(() => Directory.Delete(Path.Combine(_cms.DataPath, "Search"), recursive: true));

        Assert.Equal(key, Assert.Single((await PublicAsync("bao luc")).Hits).Key);
        Assert.Single((await Searcher.SearchAsync(IndexName.Internal, new SearchRequest("bao luc", "vi"))).Hits);
    }

    [Fact]
    public async Task Startup_RebuildOnStartSwitch_BuildsNewIndexes()
    {
        var key = await PublishLeafletAsync("Phòng chống bạo lực", "Không đánh trẻ.");
        var external = Path.Combine(_cms.DataPath, "Search", "External");
        var before = File.ReadAllText(Path.Combine(external, "current"));

        await _cms.RestartAsync(() => Thread.Sleep(5), new Dictionary<string, string?> { ["Search:RebuildOnStart"] = "true" });

        Assert.NotEqual(before, File.ReadAllText(Path.Combine(external, "current")));
        Assert.Equal(key, Assert.Single((await PublicAsync("bao luc")).Hits).Key);
    }

    [Fact]
    public async Task Startup_DamagedIndexFiles_AreRebuilt()
    {
        var key = await PublishLeafletAsync("Phòng chống bạo lực", "Không đánh trẻ.");

        await _cms.RestartAsync(() =>
        {
            foreach (var file in Directory.GetFiles(Path.Combine(_cms.DataPath, "Search"), "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "current"))
            {
                File.WriteAllBytes(file, [1, 2, 3]);
            }
        });

        Assert.Equal(key, Assert.Single((await PublicAsync("bao luc")).Hits).Key);
    }

    [Fact]
    public async Task Startup_AnIndexFileCutShort_IsRebuilt()
    {
        var key = await PublishLeafletAsync("Phòng chống bạo lực", "Không đánh trẻ.");
        var external = Path.Combine(_cms.DataPath, "Search", "External");
        string Live() => File.ReadAllText(Path.Combine(external, "current")).Trim();
        var damaged = Live();

        await _cms.RestartAsync(() =>
        {
            var largest = Directory.GetFiles(Path.Combine(external, damaged))
                .Where(f => !Path.GetFileName(f).StartsWith("segments", StringComparison.Ordinal) && !f.EndsWith(".lock", StringComparison.Ordinal))
                .MaxBy(f => new FileInfo(f).Length)!;
            using var file = File.OpenWrite(largest);
            file.SetLength(file.Length - 100);
        });

        Assert.Equal(key, Assert.Single((await PublicAsync("bao luc")).Hits).Key);
        Assert.NotEqual(damaged, Live());
    }

    private Task<SearchResults> PublicAsync(string query) => Searcher.SearchAsync(IndexName.External, new SearchRequest(query, "vi"));

    private static List<Guid> Keys(SearchResults results) => results.Hits.Select(h => h.Key).ToList();

    private static int Score(SearchResults results, Guid key) => results.Hits.ToList().FindIndex(h => h.Key == key);

    private static ContentBuilder Leaflet(string name, string body) =>
        new ContentBuilder().WithType("leaflet").WithName(name).WithMandatoryValues().WithValue("body", body);

    private async Task<Guid> PublishLeafletAsync(string name, string body)
    {
        var key = await _cms.CreateAsync(_list, Leaflet(name, body));
        await using var scope = _cms.NewContentService();
        var published = await scope.Content.PublishAsync(key, CmsFixture.Editor);
        Assert.True(published.Success);
        return key;
    }
}
