using ChildProtection.Cms.Search;
using Microsoft.Extensions.Hosting;

namespace ChildProtection.SearchBench;

/// <summary>The generated documents as an index source: the engine's rebuild path reads them as it reads content.</summary>
internal sealed class CorpusSource(IReadOnlyList<SearchDocument> documents) : IContentIndexSource
{
    private readonly Dictionary<Guid, SearchDocument> _byKey = documents.ToDictionary(d => d.Key);

    public Task<IReadOnlyDictionary<string, string>> FingerprintsAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(documents.ToDictionary(d => d.Id, d => d.Fingerprint));

    public Task<IReadOnlyList<SearchDocument>> LoadAsync(IReadOnlyCollection<Guid> keys, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<SearchDocument>>(keys.Select(k => _byKey[k]).ToList());
}

internal sealed class BenchLifetime : IHostApplicationLifetime
{
    public CancellationToken ApplicationStarted => CancellationToken.None;

    public CancellationToken ApplicationStopping => CancellationToken.None;

    public CancellationToken ApplicationStopped => CancellationToken.None;

    public void StopApplication()
    {
    }
}

/// <summary>Command line: --seed content-seed --relevance …/relevance-queries.tsv --docs 10000 --queries 200.</summary>
internal sealed record BenchOptions(string SeedPath, string RelevancePath, int Documents, int Queries)
{
    public static BenchOptions Parse(string[] args)
    {
        string Value(string name, string fallback) =>
            Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;

        return new BenchOptions(
            Value("--seed", "content-seed"),
            Value("--relevance", "src/Web.Tests/Search/relevance-queries.tsv"),
            int.Parse(Value("--docs", "10000"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Value("--queries", "200"), System.Globalization.CultureInfo.InvariantCulture));
    }
}
