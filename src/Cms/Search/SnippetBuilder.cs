namespace ChildProtection.Cms.Search;

/// <summary>A piece of a result's passage; <see cref="Match"/> pieces are what the query found.</summary>
public sealed record SnippetPart(string Text, bool Match);

/// <summary>
/// The passage of a text where the query's words are densest, cut at word boundaries, from the analyser's own
/// token offsets (the same folding as the index, so "xam hai" marks "xâm hại").
/// </summary>
internal static class SnippetBuilder
{
    public static IReadOnlyList<SnippetPart> Build(string text, IReadOnlyList<string> foldedTerms, bool prefixLastTerm, int length = 220)
    {
        text = VietnameseAnalyzer.Normalize(text);
        if (text.Length == 0)
        {
            return [];
        }

        var terms = foldedTerms.ToHashSet();
        var prefix = prefixLastTerm && foldedTerms.Count > 0 ? foldedTerms[^1] : null;
        var matches = VietnameseAnalyzer.Folded.Tokens(text)
            .Where(t => terms.Contains(t.Term) || (prefix is not null && t.Term.StartsWith(prefix, StringComparison.Ordinal)))
            .ToList();

        // The window of the given length that holds the most matches; the text's start when nothing matched.
        var (start, end) = (0, Math.Min(text.Length, length));
        var best = 0;
        for (var i = 0; i < matches.Count; i++)
        {
            var count = matches.Skip(i).TakeWhile(m => m.End - matches[i].Start <= length).Count();
            if (count > best)
            {
                best = count;
                start = Math.Max(0, matches[i].Start - (length / 6));
                end = Math.Min(text.Length, start + length);
            }
        }

        start = WordStart(text, start);
        end = WordEnd(text, end);
        var parts = new List<SnippetPart>();
        var position = start;
        foreach (var (_, matchStart, matchEnd) in matches.Where(m => m.Start >= start && m.End <= end))
        {
            if (matchStart > position)
            {
                parts.Add(new SnippetPart(text[position..matchStart], false));
            }

            parts.Add(new SnippetPart(text[matchStart..matchEnd], true));
            position = matchEnd;
        }

        if (position < end)
        {
            parts.Add(new SnippetPart(text[position..end], false));
        }

        if (start > 0)
        {
            parts.Insert(0, new SnippetPart("… ", false));
        }

        if (end < text.Length)
        {
            parts.Add(new SnippetPart(" …", false));
        }

        return parts;
    }

    private static int WordStart(string text, int index)
    {
        if (index == 0)
        {
            return 0;
        }

        var space = text.IndexOf(' ', index);
        return space < 0 || space - index > 20 ? index : space + 1;
    }

    private static int WordEnd(string text, int index)
    {
        if (index >= text.Length)
        {
            return text.Length;
        }

        var space = text.LastIndexOf(' ', index);
        return space <= 0 || index - space > 20 ? index : space;
    }
}
