using System.ComponentModel.DataAnnotations;

namespace ChildProtection.Cms.DependencyInjection;

/// <summary>The "Cms" configuration section.</summary>
public sealed class CmsOptions
{
    public const string Section = "Cms";

    /// <summary>Where the database file (SQLite), indexes and caches live; relative paths are from the content root.</summary>
    [Display(Name = $"{Section}:{nameof(DataPath)}"), Required]
    public string DataPath { get; set; } = "App_Data";

    /// <summary>The uSync folder; a relative path is looked for from the content root upwards.</summary>
    [Display(Name = $"{Section}:{nameof(SchemaPath)}"), Required]
    public string SchemaPath { get; set; } = "uSync/v17";

    /// <summary>The starting content; empty to import nothing. Relative paths are looked for upwards too.</summary>
    public string SeedPath { get; set; } = "content-seed";

    /// <summary>The cultures content may have; the first is the default, served without a URL prefix.</summary>
    [Display(Name = $"{Section}:{nameof(Cultures)}"), MinLength(1)]
    public List<string> Cultures { get; set; } = ["vi", "en"];

    /// <summary>
    /// How often a node reads the change feed even when it heard nothing: on PostgreSQL each change is announced as it
    /// commits, so this only bounds the delay after a lost connection; on SQLite (one node) it is housekeeping.
    /// </summary>
    [Display(Name = $"{Section}:{nameof(ChangeFeedPollInterval)}"), Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan ChangeFeedPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the change feed keeps an entry; a node away for longer rebuilds from the database at its start anyway.</summary>
    [Display(Name = $"{Section}:{nameof(ChangeFeedRetention)}"), Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan ChangeFeedRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Memory for what pages derive from long values (a body's HTML); the pages read most stay in it, the others are
    /// derived again when asked for.
    /// </summary>
    [Display(Name = $"{Section}:{nameof(DerivedCacheMegabytes)}"), Range(1, 4096)]
    public int DerivedCacheMegabytes { get; set; } = 32;

    public string DefaultCulture => Cultures[0];

    /// <summary>The culture asked for when the site has it, else the default: for the backoffice's lists and pickers, where a wrong one is no error.</summary>
    public string CultureOrDefault(string? culture) => Cultures.Contains(culture ?? "") ? culture! : DefaultCulture;
}
