using System.ComponentModel.DataAnnotations;

namespace ChildProtection.Cms.Search;

/// <summary>The "Search" configuration section; each setting's display name is what a wrong value is reported as.</summary>
public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary>Where this node keeps its indexes; empty means <c>{Cms:DataPath}/Search</c>.</summary>
    public string IndexPath { get; set; } = "";

    /// <summary>The indexes' folder as an absolute path: <see cref="IndexPath"/>, relative to the data folder, or its default.</summary>
    public string IndexRoot(string dataPath) => string.IsNullOrWhiteSpace(IndexPath) ? Path.Combine(dataPath, "Search") : Path.GetFullPath(IndexPath, dataPath);

    /// <summary>Document types never offered to the public search (the 404 page is content but not a result).</summary>
    public List<string> ExcludedContentTypes { get; set; } = ["notFoundPage"];

    /// <summary>Properties that are another title of the page (an SEO title): searched with the name's weight.</summary>
    public List<string> TitleProperties { get; set; } = ["metaTitle"];

    /// <summary>
    /// Document type → weight of its pages in the ranking (1 when absent): a site promotes its landing pages so
    /// that "tháng hành động" finds the campaign before the news about it. A change takes effect after a rebuild.
    /// </summary>
    public Dictionary<string, float> ContentTypeBoosts { get; set; } = [];

    /// <summary>
    /// How often this node makes its index writes durable. A write is searchable at once either way; a crash loses at
    /// most this much of the index, which the next start puts back from the database.
    /// </summary>
    [Display(Name = $"{Section}:{nameof(CommitInterval)}"), Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Rebuild both indexes at start-up instead of opening them (the <c>--rebuild-search-index</c> switch).</summary>
    public bool RebuildOnStart { get; set; }

    /// <summary>Longer queries are refused with a message rather than searched.</summary>
    [Display(Name = $"{Section}:{nameof(MaxQueryLength)}"), Range(1, 10_000)]
    public int MaxQueryLength { get; set; } = 200;

    /// <summary>
    /// The last page of results anyone may ask for: a search collects every hit up to the page asked, so an unbounded
    /// page number let one request hold hundreds of megabytes. Nobody reads 50 pages of results; they search again.
    /// </summary>
    [Display(Name = $"{Section}:{nameof(MaxPage)}"), Range(1, 1_000)]
    public int MaxPage { get; set; } = 50;
}
