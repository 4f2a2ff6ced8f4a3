// Benchmark (not a test): the content engine's Lucene search against SQLite FTS5 (unicode61 remove_diacritics 2)
// on the same generated Vietnamese corpus and the same queries. See bench/README.md.
using System.Diagnostics;
using System.Globalization;
using ChildProtection.Cms.Search;
using ChildProtection.SearchBench;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

var options = BenchOptions.Parse(args);
var work = Directory.CreateTempSubdirectory("cp-search-bench.");
try
{
    var corpus = Corpus.Generate(options.SeedPath, options.Documents, options.Queries, options.RelevancePath);
    Console.WriteLine($"corpus: {corpus.Documents.Count:N0} documents ({corpus.Documents.Sum(d => d.Text.Length) / 1024 / 1024.0:0.0} MB of text), {corpus.Queries.Count} queries ({corpus.Queries.Count(Corpus.IsFolded)} without diacritics)");

    var lucene = await LuceneRunAsync(work.FullName, corpus);
    var fts = FtsRun(work.FullName, corpus);

    Console.WriteLine();
    Console.WriteLine($"search engine vs SQLite FTS5: {corpus.Documents.Count:N0} documents, {corpus.Queries.Count} queries, {Environment.ProcessorCount} cores");
    Console.WriteLine($"{"engine",-8} {"index docs/s",14} {"query p50 ms",13} {"query p95 ms",13} {"hits/query",11}");
    foreach (var run in new[] { lucene, fts })
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run.Name,-8} {run.DocumentsPerSecond,14:N0} {run.Median,13:0.000} {run.P95,13:0.000} {run.AverageHits,11:0.0}"));
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio lucene/fts5: indexing {lucene.DocumentsPerSecond / fts.DocumentsPerSecond:0.00}x the throughput; query p95 {lucene.P95 / fts.P95:0.00}x the time (goal: p95 < 10 ms and <= 1.00x)"));
}
finally
{
    work.Delete(recursive: true);
}

static async Task<RunResult> LuceneRunAsync(string folder, Corpus corpus)
{
    var options = Options.Create(new SearchOptions());
    var index = new LuceneIndex("External", folder, NullLogger.Instance);
    var contentIndex = new ContentIndex(IndexName.External, index, new CorpusSource(corpus.Documents), NullLogger<ContentIndex>.Instance);
    var indexing = Stopwatch.StartNew();
    await contentIndex.RebuildAsync(CancellationToken.None);
    indexing.Stop();

    using var indexes = new SearchIndexes([contentIndex], new BenchLifetime(), NullLogger<SearchIndexes>.Instance);
    var searcher = new ContentSearcher(indexes, options);
    SearchResults Search(string query) => searcher.SearchAsync(IndexName.External, new SearchRequest(query, "vi")).GetAwaiter().GetResult();
    var run = Measure("lucene", corpus, indexing.Elapsed, query => Search(query).Total);
    const int searchers = 8;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lucene: {Concurrently(corpus, query => Search(query).Total, searchers):N0} queries/s with {searchers} searching at once (a busy site's requests)"));
    return run;
}

// Every query five times, taken in turn by this many searchers at once: the throughput of the index's reads under load.
static double Concurrently(Corpus corpus, Func<string, int> search, int searchers)
{
    var queries = Enumerable.Repeat(corpus.Queries, 5).SelectMany(q => q).ToArray();
    var next = -1;
    var watch = Stopwatch.StartNew();
    Parallel.For(0, searchers, new ParallelOptions { MaxDegreeOfParallelism = searchers }, _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < queries.Length)
        {
            search(queries[i]);
        }
    });
    return queries.Length / watch.Elapsed.TotalSeconds;
}

static RunResult FtsRun(string folder, Corpus corpus)
{
    using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "fts.db")}");
    connection.Open();
    Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
    Execute(connection, "CREATE VIRTUAL TABLE docs USING fts5(titles, text, tags, tokenize = 'unicode61 remove_diacritics 2');");

    var indexing = Stopwatch.StartNew();
    using (var transaction = connection.BeginTransaction())
    {
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO docs (titles, text, tags) VALUES ($titles, $text, $tags)";
        var titles = insert.Parameters.Add("$titles", SqliteType.Text);
        var text = insert.Parameters.Add("$text", SqliteType.Text);
        var tags = insert.Parameters.Add("$tags", SqliteType.Text);
        foreach (var document in corpus.Documents)
        {
            titles.Value = document.Titles;
            text.Value = document.Text;
            tags.Value = string.Join("\n", document.Tags);
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    indexing.Stop();

    using var search = connection.CreateCommand();
    // Ranked by bm25 with the same field weights as ours (titles 3, tags 2, text 1), with a highlighted passage.
    search.CommandText = """
        SELECT rowid, titles, snippet(docs, 1, '<mark>', '</mark>', '…', 32), (SELECT count(*) FROM docs WHERE docs MATCH $q)
        FROM docs WHERE docs MATCH $q ORDER BY bm25(docs, 3.0, 1.0, 2.0) LIMIT 10
        """;
    var parameter = search.Parameters.Add("$q", SqliteType.Text);
    return Measure("fts5", corpus, indexing.Elapsed, query =>
    {
        // Each word quoted: FTS5's own query syntax must not see the person's punctuation.
        parameter.Value = string.Join(" ", VietnameseAnalyzer.Exact.Terms(query).Select(t => $"\"{t}\""));
        using var reader = search.ExecuteReader();
        var total = 0;
        while (reader.Read())
        {
            total = reader.GetInt32(3);
        }

        return total;
    });
}

static RunResult Measure(string name, Corpus corpus, TimeSpan indexing, Func<string, int> search)
{
    // Warm-up, as a running site is: every query three times, with pauses that let .NET's tiered JIT
    // replace its first quick code with optimised code (FTS5 is native code and only warms its caches).
    for (var pass = 0; pass < 3; pass++)
    {
        foreach (var query in corpus.Queries)
        {
            search(query);
        }

        Thread.Sleep(300);
    }

    var times = new List<double>();
    var hits = 0L;
    var slowest = new List<(double Ms, string Query)>();
    foreach (var query in corpus.Queries)
    {
        var watch = Stopwatch.StartNew();
        hits += search(query);
        times.Add(watch.Elapsed.TotalMilliseconds);
        slowest.Add((watch.Elapsed.TotalMilliseconds, query));
    }

    Console.WriteLine($"{name}: slowest queries: " + string.Join("; ", slowest.OrderByDescending(s => s.Ms).Take(3).Select(s => string.Create(CultureInfo.InvariantCulture, $"\"{s.Query}\" {s.Ms:0.0} ms"))));
    times.Sort();
    return new RunResult(name, corpus.Documents.Count / indexing.TotalSeconds, times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1], hits / (double)corpus.Queries.Count);
}

static void Execute(SqliteConnection connection, string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    command.ExecuteNonQuery();
}

internal sealed record RunResult(string Name, double DocumentsPerSecond, double Median, double P95, double AverageHits);
