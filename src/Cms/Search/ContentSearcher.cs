using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Microsoft.Extensions.Options;

namespace ChildProtection.Cms.Search;

public enum SearchStatus
{
    Success,
    EmptyQuery,
    QueryTooLong,
    UnbalancedQuotes,

    /// <summary>The index is being built for the first time (a new or repaired node); asking again soon will work.</summary>
    NotReady,

    /// <summary>A page after <see cref="SearchOptions.MaxPage"/>.</summary>
    PageTooFar,
}

/// <param name="ContentTypes">Only these document types; none means all.</param>
/// <param name="PrefixLastWord">Search-as-you-type: the last word may be incomplete.</param>
/// <param name="Author">Internal index only: nodes created by this user.</param>
public sealed record SearchRequest(
    string? Query,
    string Culture,
    IReadOnlyList<string>? ContentTypes = null,
    int Page = 1,
    int PageSize = 10,
    bool PrefixLastWord = false,
    string? Author = null);

public sealed record SearchHit(
    Guid Key,
    string Culture,
    string ContentType,
    string Name,
    string? Url,
    DateTime PublishDateUtc,
    DateTime UpdateDateUtc,
    bool Published,
    string Author,
    IReadOnlyList<SnippetPart> Snippet);

/// <param name="Relaxed">No document held every word, so these hold most of them.</param>
/// <param name="CountsByType">Matches per document type, before the type filter (for the filter links).</param>
/// <param name="MaxPage">The last page that may be asked for, whatever the total.</param>
public sealed record SearchResults(
    SearchStatus Status,
    IReadOnlyList<SearchHit> Hits,
    int Total,
    IReadOnlyDictionary<string, int> CountsByType,
    int Page,
    int PageSize,
    bool Relaxed,
    int MaxPage)
{
    public static SearchResults Failed(SearchStatus status, SearchRequest request, int maxPage) =>
        new(status, [], 0, new Dictionary<string, int>(), request.Page, request.PageSize, false, maxPage);

    /// <summary>The pages the pager offers: those holding results, up to <see cref="MaxPage"/>.</summary>
    public int PageCount => (int)Math.Min(MaxPage, ((long)Total + PageSize - 1) / PageSize);
}

/// <summary>Searches one of the content indexes (Examine's searcher).</summary>
public sealed class ContentSearcher
{
    public const int MaxPageSize = 50;

    /// <summary>How many of the best word matches the phrase bonus may reorder.</summary>
    private const int RescoreWindow = 100;

    private readonly SearchIndexes _indexes;
    private readonly IOptions<SearchOptions> _options;

    // Filters are cached per index segment: the culture one is reused by every search in that culture.
    private readonly ConcurrentDictionary<string, Filter> _cultureFilters = new();

    internal ContentSearcher(SearchIndexes indexes, IOptions<SearchOptions> options)
    {
        _indexes = indexes;
        _options = options;
    }

    /// <summary>
    /// Searches once the changes named to the index before the call are in it: an editor who saves and then searches
    /// finds what was saved, though the save did not wait for the index.
    /// </summary>
    public async Task<SearchResults> SearchAsync(IndexName indexName, SearchRequest request, CancellationToken ct = default)
    {
        request = request with { Page = Math.Max(1, request.Page), PageSize = Math.Clamp(request.PageSize, 1, MaxPageSize) };
        var maxPage = Math.Max(1, _options.Value.MaxPage);
        var status = VietnameseQuery.TryParse(request.Query, _options.Value.MaxQueryLength, out var query);
        if (status == SearchStatus.Success && request.Page > maxPage)
        {
            status = SearchStatus.PageTooFar;
        }

        if (status != SearchStatus.Success)
        {
            return SearchResults.Failed(status, request, maxPage);
        }

        var content = _indexes.Get(indexName);
        await content.WhenWrittenAsync().WaitAsync(ct);
        var index = content.Index;
        if (!index.IsReady)
        {
            return SearchResults.Failed(SearchStatus.NotReady, request, maxPage);
        }

        return index.Search(searcher =>
        {
            var results = Run(searcher, query!, request, maxPage, relaxed: false);
            return results.Total == 0 && results.CountsByType.Count == 0 ? Run(searcher, query!, request, maxPage, relaxed: true) : results;
        });
    }

    private SearchResults Run(IndexSearcher searcher, VietnameseQuery query, SearchRequest request, int maxPage, bool relaxed)
    {
        var (words, proximity) = query.Build(request.PrefixLastWord, relaxed);
        Filter scope = _cultureFilters.GetOrAdd(request.Culture, culture => new CachingWrapperFilter(new QueryWrapperFilter(new TermQuery(new Term(SearchFields.Culture, culture)))));
        if (!string.IsNullOrWhiteSpace(request.Author))
        {
            scope = new QueryWrapperFilter(new BooleanQuery
            {
                { new TermQuery(new Term(SearchFields.Culture, request.Culture)), Occur.MUST },
                { new TermQuery(new Term(SearchFields.Author, request.Author)), Occur.MUST },
            });
        }

        // One pass: every match is counted by type (for the filter links), the chosen types go on to be ranked.
        var window = Math.Max(RescoreWindow, request.Page * request.PageSize);
        var top = TopScoreDocCollector.Create(window, docsScoredInOrder: false);
        var counts = new TypeCountingCollector(top, request.ContentTypes is { Count: > 0 } types ? types.ToHashSet() : null);
        searcher.Search(words, scope, counts);
        var total = top.TotalHits;
        var ranked = top.GetTopDocs();
        if (proximity is not null && ranked.ScoreDocs.Length > 1)
        {
            ranked = ProximityRescorer.Rescore(searcher, ranked, proximity);
        }

        var hits = ranked.ScoreDocs.Skip((request.Page - 1) * request.PageSize).Take(request.PageSize).Select(hit =>
        {
            var document = searcher.Doc(hit.Doc);
            return new SearchHit(
                Guid.ParseExact(SearchFields.Get(document, SearchFields.Key), "N"),
                SearchFields.Get(document, SearchFields.Culture),
                SearchFields.Get(document, SearchFields.Type),
                SearchFields.Get(document, SearchFields.Name),
                document.Get(SearchFields.Url),
                SearchFields.Date(document, SearchFields.PublishDate),
                SearchFields.Date(document, SearchFields.UpdateDate),
                SearchFields.Get(document, SearchFields.Published) == "1",
                SearchFields.Get(document, SearchFields.Author),
                SnippetBuilder.Build(SearchFields.Get(document, SearchFields.Text), query.FoldedTerms, request.PrefixLastWord));
        }).ToList();

        return new SearchResults(SearchStatus.Success, hits, total, counts.Counts, request.Page, request.PageSize, relaxed, maxPage);
    }

    /// <summary>
    /// Counts matches per document type from the type field's cached terms, and passes on to <paramref name="ranked"/>
    /// only the matches of the chosen types (all when none are chosen).
    /// </summary>
    private sealed class TypeCountingCollector(ICollector ranked, IReadOnlySet<string>? chosen) : ICollector
    {
        private readonly Dictionary<string, int> _counts = [];
        private SortedDocValues? _types;
        private int[] _segmentCounts = [];
        private bool[] _segmentChosen = [];

        public IReadOnlyDictionary<string, int> Counts
        {
            get
            {
                Flush();
                return _counts;
            }
        }

        public bool AcceptsDocsOutOfOrder => ranked.AcceptsDocsOutOfOrder;

        public void SetScorer(Scorer scorer) => ranked.SetScorer(scorer);

        public void SetNextReader(AtomicReaderContext context)
        {
            Flush();
            ranked.SetNextReader(context);
            _types = FieldCache.DEFAULT.GetTermsIndex(context.AtomicReader, SearchFields.Type);
            _segmentCounts = new int[_types.ValueCount];
            _segmentChosen = new bool[_types.ValueCount];
            var term = new BytesRef();
            for (var ord = 0; ord < _types.ValueCount; ord++)
            {
                _types.LookupOrd(ord, term);
                _segmentChosen[ord] = chosen is null || chosen.Contains(term.Utf8ToString());
            }
        }

        public void Collect(int doc)
        {
            var ord = _types!.GetOrd(doc);
            if (ord < 0)
            {
                return;
            }

            _segmentCounts[ord]++;
            if (_segmentChosen[ord])
            {
                ranked.Collect(doc);
            }
        }

        private void Flush()
        {
            if (_types is null)
            {
                return;
            }

            var term = new BytesRef();
            for (var ord = 0; ord < _segmentCounts.Length; ord++)
            {
                if (_segmentCounts[ord] > 0)
                {
                    _types.LookupOrd(ord, term);
                    var type = term.Utf8ToString();
                    _counts[type] = _counts.GetValueOrDefault(type) + _segmentCounts[ord];
                }
            }

            _types = null;
        }
    }
}
