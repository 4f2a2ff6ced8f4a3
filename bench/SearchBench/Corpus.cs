using System.Text;
using System.Text.RegularExpressions;
using ChildProtection.Cms.Search;

namespace ChildProtection.SearchBench;

/// <summary>
/// Documents made from the seeded texts, varied: each takes a seeded title with a number and a random mix of
/// the seed's paragraphs and tags, so the vocabulary and word frequencies are those of the real site.
/// </summary>
internal sealed partial class Corpus
{
    private static readonly string[] Types = ["leaflet", "story", "newsArticle", "safetyGuide"];

    public required IReadOnlyList<SearchDocument> Documents { get; init; }

    public required IReadOnlyList<string> Queries { get; init; }

    public static bool IsFolded(string query) => query.Normalize(NormalizationForm.FormD).All(c => c < 128);

    public static Corpus Generate(string seedPath, int documentCount, int queryCount, string relevancePath)
    {
        var random = new Random(2026);
        var titles = new List<string>();
        var paragraphs = new List<string>();
        var tags = new List<string>();
        foreach (var file in Directory.EnumerateFiles(seedPath, "*.md", SearchOption.AllDirectories).Where(f => !f.EndsWith(".en.md", StringComparison.Ordinal)).Order())
        {
            var text = File.ReadAllText(file);
            var parts = text.Split("---", 3);
            var frontMatter = parts.Length == 3 ? parts[1] : "";
            var body = parts.Length == 3 ? parts[2] : text;
            titles.AddRange(NameLine().Matches(frontMatter).Select(m => m.Groups[1].Value.Trim('"')));
            tags.AddRange(TagLine().Matches(frontMatter).Select(m => m.Groups[1].Value.Trim()));
            paragraphs.AddRange(body.Split("\n\n").Select(p => MarkdownNoise().Replace(p, " ").Trim()).Where(p => p.Length > 40));
        }

        var documents = new List<SearchDocument>(documentCount);
        for (var i = 0; i < documentCount; i++)
        {
            var name = $"{titles[random.Next(titles.Count)]} ({i + 1})";
            var text = string.Join("\n\n", Enumerable.Range(0, random.Next(4, 9)).Select(_ => paragraphs[random.Next(paragraphs.Count)]));
            var documentTags = Enumerable.Range(0, random.Next(1, 4)).Select(_ => tags[random.Next(tags.Count)]).Distinct().ToList();
            var date = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(random.Next(0, 8000));
            documents.Add(new SearchDocument(
                new Guid(random.GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), 16)), "vi", Types[random.Next(Types.Length)],
                name, name, text, documentTags, 1f, $"/bench/{i + 1}/", [], date, date, true, "", "1"));
        }

        // The relevance set's Vietnamese queries, then phrases of one to three words cut from the texts, every
        // other one typed without diacritics as people do on phones.
        var queries = File.ReadLines(relevancePath).Where(l => l.StartsWith("vi\t", StringComparison.Ordinal)).Select(l => l.Split('\t')[1]).ToList();
        while (queries.Count < queryCount)
        {
            var words = VietnameseAnalyzer.Exact.Terms(paragraphs[random.Next(paragraphs.Count)]);
            var length = random.Next(1, 4);
            var start = random.Next(Math.Max(1, words.Count - length));
            var phrase = string.Join(" ", words.Skip(start).Take(length));
            queries.Add(queries.Count % 2 == 0 ? phrase : string.Join(" ", VietnameseAnalyzer.Folded.Terms(phrase)));
        }

        return new Corpus { Documents = documents, Queries = queries.Take(queryCount).ToList() };
    }

    [GeneratedRegex(@"^name:\s*(.+)$", RegexOptions.Multiline)]
    private static partial Regex NameLine();

    [GeneratedRegex(@"^\s+-\s+(.+)$", RegexOptions.Multiline)]
    private static partial Regex TagLine();

    [GeneratedRegex(@"[#*_>\[\]()`|-]+")]
    private static partial Regex MarkdownNoise();
}
