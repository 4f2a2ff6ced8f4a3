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
public sealed record SearchResults(
    SearchStatus Status,
    IReadOnlyList<SearchHit> Hits,
    int Total,
    IReadOnlyDictionary<string, int> CountsByType,
    int Page,
    int PageSize,
    bool Relaxed)
{
    public static SearchResults Failed(SearchStatus status, SearchRequest request) =>
        new(status, [], 0, new Dictionary<string, int>(), request.Page, request.PageSize, false);

    public int PageCount => (Total + PageSize - 1) / PageSize;
}

/// <summary>Searches one of the content indexes (Examine's searcher).</summary>
public sealed class ContentSearcher
{
    public const int MaxPageSize = 50;

    private readonly SearchIndexes _indexes;
    private readonly IOptions<SearchOptions> _options;

    internal ContentSearcher(SearchIndexes indexes, IOptions<SearchOptions> options)
    {
        _indexes = indexes;
        _options = options;
    }

    public SearchResults Search(IndexName indexName, SearchRequest request)
    {
        request = request with { Page = Math.Max(1, request.Page), PageSize = Math.Clamp(request.PageSize, 1, MaxPageSize) };
        var status = VietnameseQuery.TryParse(request.Query, _options.Value.MaxQueryLength, out var query);
        if (status != SearchStatus.Success)
        {
            return SearchResults.Failed(status, request);
        }

        var index = _indexes.Get(indexName).Index;
        if (!index.IsReady)
        {
            return SearchResults.Failed(SearchStatus.NotReady, request);
        }

        return index.Search(searcher =>
        {
            var results = Run(searcher, query!, request, relaxed: false);
            return results.Total == 0 && results.CountsByType.Count == 0 ? Run(searcher, query!, request, relaxed: true) : results;
        });
    }

    private static SearchResults Run(IndexSearcher searcher, VietnameseQuery query, SearchRequest request, bool relaxed)
    {
        var lucene = query.Build(request.PrefixLastWord, relaxed);
        var scope = new BooleanQuery { { new TermQuery(new Term(SearchFields.Culture, request.Culture)), Occur.MUST } };
        if (!string.IsNullOrWhiteSpace(request.Author))
        {
            scope.Add(new TermQuery(new Term(SearchFields.Author, request.Author)), Occur.MUST);
        }

        var counts = new TypeCountCollector();
        searcher.Search(lucene, new QueryWrapperFilter(scope), counts);

        var filter = scope;
        if (request.ContentTypes is { Count: > 0 } types)
        {
            var anyType = new BooleanQuery();
            foreach (var type in types)
            {
                anyType.Add(new TermQuery(new Term(SearchFields.Type, type)), Occur.SHOULD);
            }

            filter = new BooleanQuery { { scope, Occur.MUST }, { anyType, Occur.MUST } };
        }

        var top = searcher.Search(lucene, new QueryWrapperFilter(filter), request.Page * request.PageSize);
        var hits = top.ScoreDocs.Skip((request.Page - 1) * request.PageSize).Select(hit =>
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

        return new SearchResults(SearchStatus.Success, hits, top.TotalHits, counts.Counts, request.Page, request.PageSize, relaxed);
    }

    /// <summary>Counts matches per document type in one pass, from the type field's cached terms.</summary>
    private sealed class TypeCountCollector : ICollector
    {
        private readonly Dictionary<string, int> _counts = [];
        private SortedDocValues? _types;
        private int[] _segmentCounts = [];

        public IReadOnlyDictionary<string, int> Counts
        {
            get
            {
                Flush();
                return _counts;
            }
        }

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer)
        {
        }

        public void SetNextReader(AtomicReaderContext context)
        {
            Flush();
            _types = FieldCache.DEFAULT.GetTermsIndex(context.AtomicReader, SearchFields.Type);
            _segmentCounts = new int[_types.ValueCount];
        }

        public void Collect(int doc)
        {
            var ord = _types!.GetOrd(doc);
            if (ord >= 0)
            {
                _segmentCounts[ord]++;
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
            _segmentCounts = [];
        }
    }
}
