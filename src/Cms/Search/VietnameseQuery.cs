using Lucene.Net.Index;
using Lucene.Net.Search;

namespace ChildProtection.Cms.Search;

/// <summary>
/// What a person typed, as Lucene queries. Every word must be found, with or without its diacritics; a word
/// written exactly as in the text, a match in the title or tags, and words standing next to each other as typed
/// ("xâm hại" rather than "xâm … hại") all score higher. Text in double quotes must appear as a phrase.
/// </summary>
internal sealed class VietnameseQuery
{
    // Field weights: a title match counts most, then tags, then body text; an exact match twice a folded one.
    private static readonly (string Field, float Boost)[] Fields =
    [
        (SearchFields.Titles, 3f),
        (SearchFields.Tags, 2f),
        (SearchFields.Text, 1f),
    ];

    private const float ExactBoost = 2f;
    private const int MinimumPrefixLength = 2;

    private readonly List<Segment> _segments;

    private VietnameseQuery(List<Segment> segments) => _segments = segments;

    /// <summary>A run of words, quoted or not, with each word as written (lower-cased) and folded.</summary>
    private sealed record Segment(bool Quoted, IReadOnlyList<string> Exact, IReadOnlyList<string> Folded);

    /// <summary>The folded words, for highlighting.</summary>
    public IReadOnlyList<string> FoldedTerms => _segments.SelectMany(s => s.Folded).ToList();

    public static SearchStatus TryParse(string? text, int maxLength, out VietnameseQuery? query)
    {
        query = null;
        text = VietnameseAnalyzer.Normalize((text ?? "").Trim());
        if (text.Length > maxLength)
        {
            return SearchStatus.QueryTooLong;
        }

        if (text.Count(c => c == '"') % 2 != 0)
        {
            return SearchStatus.UnbalancedQuotes;
        }

        var segments = new List<Segment>();
        var parts = text.Split('"');
        for (var i = 0; i < parts.Length; i++)
        {
            var exact = VietnameseAnalyzer.Exact.Terms(parts[i]);
            if (exact.Count > 0)
            {
                segments.Add(new Segment(Quoted: i % 2 == 1, exact, VietnameseAnalyzer.Folded.Terms(parts[i])));
            }
        }

        if (segments.Count == 0)
        {
            return SearchStatus.EmptyQuery;
        }

        query = new VietnameseQuery(segments);
        return SearchStatus.Success;
    }

    /// <summary>
    /// <see cref="Words"/> decides what matches and ranks it; <see cref="Proximity"/>, when there are
    /// syllables to keep together, re-ranks the best of those (phrase queries read positions, the costly part
    /// of a search, so they only look at the few documents that can still come first).
    /// </summary>
    public sealed record Queries(Query Words, Query? Proximity);

    /// <param name="prefixLastWord">Search-as-you-type: the last word may still be incomplete.</param>
    /// <param name="relaxed">Most words, not all, must match (the fallback when all of them find nothing).</param>
    public Queries Build(bool prefixLastWord, bool relaxed)
    {
        var root = new BooleanQuery();
        var proximity = new BooleanQuery(disableCoord: true);
        var required = new List<Query>();
        var lastSegment = _segments[^1];
        foreach (var segment in _segments)
        {
            if (segment.Quoted && segment.Exact.Count > 1)
            {
                required.Add(Phrase(segment.Exact, segment.Folded, 1f, required: true));
                continue;
            }

            for (var i = 0; i < segment.Exact.Count; i++)
            {
                var prefix = prefixLastWord && !segment.Quoted && segment == lastSegment && i == segment.Exact.Count - 1
                    && segment.Folded[i].Length >= MinimumPrefixLength;
                required.Add(Word(segment.Exact[i], segment.Folded[i], prefix));
            }

            // Vietnamese words are often two or three syllables: reward syllables that stand together as typed.
            for (var i = 0; i + 1 < segment.Exact.Count && !segment.Quoted; i++)
            {
                proximity.Add(Phrase(segment.Exact.Skip(i).Take(2).ToList(), segment.Folded.Skip(i).Take(2).ToList(), 2f, required: false), Occur.SHOULD);
            }
        }

        if (relaxed && required.Count > 1)
        {
            var words = new BooleanQuery(disableCoord: false) { MinimumNumberShouldMatch = (required.Count + 1) / 2 };
            foreach (var query in required)
            {
                words.Add(query, Occur.SHOULD);
            }

            root.Add(words, Occur.MUST);
        }
        else
        {
            foreach (var query in required)
            {
                root.Add(query, Occur.MUST);
            }
        }

        return new Queries(root, proximity.Clauses.Count > 0 ? proximity : null);
    }

    private static Query Word(string exact, string folded, bool prefix)
    {
        var any = new BooleanQuery(disableCoord: true);
        foreach (var (field, boost) in Fields)
        {
            any.Add(new TermQuery(new Term(field, exact)) { Boost = boost * ExactBoost }, Occur.SHOULD);
            any.Add(new TermQuery(new Term(SearchFields.Folded(field), folded)) { Boost = boost }, Occur.SHOULD);
            if (prefix)
            {
                any.Add(new PrefixQuery(new Term(SearchFields.Folded(field), folded)) { Boost = boost / 2 }, Occur.SHOULD);
            }
        }

        return any;
    }

    /// <param name="required">A quoted phrase, which must match: looked for in every field, exact and folded.
    /// Otherwise a bonus for syllables standing together, looked for in the folded titles and text only (phrase
    /// queries read positions, the costly part of a search; the words themselves already reward exact diacritics).</param>
    private static Query Phrase(IReadOnlyList<string> exact, IReadOnlyList<string> folded, float weight, bool required)
    {
        var any = new BooleanQuery(disableCoord: true);
        foreach (var (field, boost) in Fields)
        {
            if (required)
            {
                any.Add(PhraseOf(field, exact, boost * ExactBoost * weight), Occur.SHOULD);
            }

            if (required || field != SearchFields.Tags)
            {
                any.Add(PhraseOf(SearchFields.Folded(field), folded, boost * weight), Occur.SHOULD);
            }
        }

        return any;
    }

    private static PhraseQuery PhraseOf(string field, IReadOnlyList<string> terms, float boost)
    {
        var phrase = new PhraseQuery { Boost = boost };
        foreach (var term in terms)
        {
            phrase.Add(new Term(field, term));
        }

        return phrase;
    }
}
