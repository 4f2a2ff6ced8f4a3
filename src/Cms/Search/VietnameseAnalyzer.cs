using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace ChildProtection.Cms.Search;

/// <summary>
/// Vietnamese text as Lucene sees it. Words are syllables separated by spaces, so the standard tokenizer finds
/// them; each text field is indexed twice: as written (lower-cased) and folded to ASCII ("Đoàn xâm hại" →
/// "doan xam hai"). A query without diacritics finds the folded form; one with them also matches the exact
/// form, which is what ranks "ma" above "mà", "má", "mả", "mã" and "mạ".
/// </summary>
internal sealed class VietnameseAnalyzer(bool fold) : Analyzer
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    public static VietnameseAnalyzer Exact { get; } = new(fold: false);

    public static VietnameseAnalyzer Folded { get; } = new(fold: true);

    /// <summary>Composed (NFC) text: the folding filter does not fold decomposed letters, and phones send both.</summary>
    public static string Normalize(string text) => text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);

    /// <summary>The terms this analyser makes of <paramref name="text"/>, in order.</summary>
    public IReadOnlyList<string> Terms(string text)
    {
        var terms = new List<string>();
        foreach (var token in Tokens(text))
        {
            terms.Add(token.Term);
        }

        return terms;
    }

    /// <summary>The terms with their character offsets in <paramref name="text"/> (for highlighting).</summary>
    public IEnumerable<(string Term, int Start, int End)> Tokens(string text)
    {
        using var stream = GetTokenStream("", Normalize(text));
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        var offset = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.IOffsetAttribute>();
        stream.Reset();
        var tokens = new List<(string, int, int)>();
        while (stream.IncrementToken())
        {
            tokens.Add((term.ToString(), offset.StartOffset, offset.EndOffset));
        }

        stream.End();
        return tokens;
    }

    // Lucene's reusable reader answers ReadToEnd with null for an empty string.
    protected override TextReader InitReader(string fieldName, TextReader reader) =>
        new StringReader(Normalize(reader.ReadToEnd() ?? ""));

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        TokenStream stream = new LowerCaseFilter(Version, tokenizer);
        if (fold)
        {
            stream = new ASCIIFoldingFilter(stream);
        }

        return new TokenStreamComponents(tokenizer, stream);
    }
}
