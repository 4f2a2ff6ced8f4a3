using Lucene.Net.Search;

namespace ChildProtection.Cms.Search;

/// <summary>
/// Adds a second query's score to the hits of the first, as Lucene's <c>QueryRescorer</c> does with a weight of 1.
/// Lucene.Net 4.8's own reads the second query's scorer in every index segment holding a hit without checking that
/// there is one, and a segment lacking one of a phrase's words has none: "hello 2" ranked by the words it holds
/// (no page has both) met a segment without any "2" and answered with a NullReferenceException.
/// </summary>
internal static class ProximityRescorer
{
    public static TopDocs Rescore(IndexSearcher searcher, TopDocs firstPass, Query bonus)
    {
        var hits = (ScoreDoc[])firstPass.ScoreDocs.Clone();
        Array.Sort(hits, (a, b) => a.Doc.CompareTo(b.Doc));
        var weight = searcher.CreateNormalizedWeight(bonus);
        var leaves = searcher.IndexReader.Leaves;
        var (leaf, docBase, endDoc) = (-1, 0, 0);
        Scorer? scorer = null;
        foreach (var hit in hits)
        {
            while (hit.Doc >= endDoc)
            {
                var context = leaves[++leaf];
                (docBase, endDoc) = (context.DocBase, context.DocBase + context.Reader.MaxDoc);
                scorer = weight.GetScorer(context, acceptDocs: null);
            }

            if (scorer is null)
            {
                continue;
            }

            var target = hit.Doc - docBase;
            var current = scorer.DocID < target ? scorer.Advance(target) : scorer.DocID;
            if (current == target)
            {
                hit.Score += scorer.GetScore();
            }
        }

        Array.Sort(hits, (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Doc.CompareTo(b.Doc));
        return new TopDocs(firstPass.TotalHits, hits, hits.Length > 0 ? hits[0].Score : float.NaN);
    }
}
