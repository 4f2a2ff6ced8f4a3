using ChildProtection.Cms.Content;
using ChildProtection.Cms.Publishing;
using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.PropertyEditors;
using ChildProtection.Cms.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace ChildProtection.Cms.Seeding;

public sealed record SeedProblem(string File, string Problem);

public sealed record SeedReport(int Created, int AlreadyPresent, IReadOnlyList<SeedProblem> Problems);

/// <summary>
/// Imports the starting content from markdown files with YAML front matter (see content-seed/README.md).
/// Items are matched by key, so a second import adds nothing; a bad file is reported and skipped with its
/// descendants, and the rest goes on. The whole tree is written in one transaction (see <see cref="ContentService.ImportAsync"/>).
/// </summary>
public sealed class ContentSeedImporter(
    IServiceScopeFactory scopes,
    PublishedSnapshotService snapshots,
    ContentSchema schema,
    PropertyEditorCollection editors,
    IOptions<CmsOptions> options,
    ILogger<ContentSeedImporter> logger)
{
    private const string SeedUser = "seed";
    private const string BodyAlias = "body";
    private readonly IDeserializer _yaml = new DeserializerBuilder().Build();

    private sealed record SeedFile(Guid Key, string Type, int? SortOrder, bool Published, string Name, Dictionary<object, object> Properties, string Body);

    /// <summary>
    /// Imports the tree, publishing as the files say, in one transaction: a failure of the database midway leaves
    /// nothing of the import behind, and the next start imports it whole. The published snapshot is rebuilt once, at the end.
    /// </summary>
    public Task<SeedReport> ImportAsync(string folder, CancellationToken ct = default) =>
        snapshots.DeferRebuildsAsync(() => ImportTreeAsync(folder, ct), ct);

    private async Task<SeedReport> ImportTreeAsync(string folder, CancellationToken ct)
    {
        var problems = new List<SeedProblem>();
        var tree = new List<(string File, SeedFile Seed, Guid? ParentKey)>();

        void ReadTree(string directory, Guid? parentKey)
        {
            foreach (var (file, seed) in ReadLevel(directory, problems))
            {
                tree.Add((file, seed, parentKey));
                ReadTree(Path.Combine(directory, Path.GetFileNameWithoutExtension(file)), seed.Key);
            }
        }

        if (Directory.Exists(folder))
        {
            ReadTree(Path.Combine(folder, "site"), null);
        }

        await using var scope = scopes.CreateAsyncScope();
        var content = scope.ServiceProvider.GetRequiredService<ContentService>();
        var present = await content.ExistingAsync(tree.Select(t => t.Seed.Key).ToList(), ct);

        // Keys that will not exist after the import: their descendants are skipped without a word of their own.
        var skipped = new HashSet<Guid>();
        var items = new List<(string File, ContentImportItem Item)>();
        foreach (var (file, seed, parentKey) in tree.Where(t => !present.Contains(t.Seed.Key)))
        {
            if (parentKey is { } parent && skipped.Contains(parent))
            {
                skipped.Add(seed.Key);
            }
            else if (schema.Find(seed.Type) is not { } type)
            {
                skipped.Add(seed.Key);
                Report(file, $"unknown document type '{seed.Type}'.");
            }
            else
            {
                items.Add((file, new ContentImportItem(seed.Key, parentKey, type.Alias, Edit(file, seed, type), seed.Published)));
            }
        }

        var created = 0;
        var results = items.Count == 0 ? [] : await content.ImportAsync(items.Select(i => i.Item).ToList(), SeedUser, ct);
        foreach (var ((file, item), result) in items.Zip(results))
        {
            if (result.Success)
            {
                created++;
            }
            else if (result.Status == ContentOperationStatus.ParentNotPublished)
            {
                created++;
                Report(file, "saved, but could not be published (is its parent published?).");
            }
            else if (item.ParentKey is { } parent && skipped.Contains(parent))
            {
                skipped.Add(item.Key);
            }
            else
            {
                skipped.Add(item.Key);
                var details = (result.Result?.ValidationErrors ?? []).Select(e => $"{e.Alias ?? "name"}{(e.Culture is null ? "" : $" ({e.Culture})")}: {e.Message}");
                Report(file, $"{result.Status}. {string.Join(" ", details)}".Trim());
            }
        }

        logger.LogInformation("Seed import: {Created} created, {Present} already present, {Problems} problems.", created, present.Count, problems.Count);
        return new SeedReport(created, present.Count, problems);

        void Report(string file, string problem)
        {
            problems.Add(new SeedProblem(Relative(folder, file), problem));
            logger.LogWarning("Seed file {File} was not imported: {Problem}", Relative(folder, file), problem);
        }
    }

    private List<(string File, SeedFile Seed)> ReadLevel(string directory, List<SeedProblem> problems)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var result = new List<(string, SeedFile)>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.md").Where(f => !IsCultureVariant(f)).Order(StringComparer.Ordinal))
        {
            try
            {
                result.Add((file, ReadDefaultFile(file)));
            }
            catch (Exception e) when (e is YamlException or FormatException or InvalidDataException)
            {
                problems.Add(new SeedProblem(Path.GetFileName(file), e.Message));
                logger.LogWarning("Seed file {File} could not be read: {Problem}", file, e.Message);
            }
        }

        return result.OrderBy(r => r.Item2.SortOrder ?? int.MaxValue).ToList();
    }

    private bool IsCultureVariant(string file)
    {
        var stem = Path.GetFileNameWithoutExtension(file);
        var dot = stem.LastIndexOf('.');
        return dot > 0 && options.Value.Cultures.Contains(stem[(dot + 1)..]);
    }

    private SeedFile ReadDefaultFile(string file)
    {
        var (front, body) = Split(file);
        string Required(string name) =>
            front.TryGetValue(name, out var value) && value is string text && text.Length > 0
                ? text
                : throw new InvalidDataException($"the front matter has no '{name}'.");

        return new SeedFile(
            Guid.TryParse(Required("key"), out var key) ? key : throw new InvalidDataException("'key' is not a GUID."),
            Required("type"),
            front.TryGetValue("sortOrder", out var sort) && int.TryParse(sort as string, out var order) ? order : null,
            !front.TryGetValue("published", out var published) || !string.Equals(published as string, "false", StringComparison.OrdinalIgnoreCase),
            Required("name"),
            front.TryGetValue("properties", out var properties) && properties is Dictionary<object, object> map ? map : [],
            body);
    }

    private (Dictionary<object, object> Front, string Body) Split(string file)
    {
        var text = File.ReadAllText(file).Replace("\r\n", "\n").TrimStart('\uFEFF');
        if (!text.StartsWith("---\n", StringComparison.Ordinal))
        {
            throw new InvalidDataException("the file does not start with a '---' front matter block.");
        }

        var end = text.IndexOf("\n---", 4, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new InvalidDataException("the front matter block is not closed with '---'.");
        }

        var front = _yaml.Deserialize<Dictionary<object, object>?>(text[4..end]) ?? [];
        var bodyStart = text.IndexOf('\n', end + 4);
        return (front, bodyStart < 0 ? "" : text[(bodyStart + 1)..].Trim());
    }

    /// <summary>The node's names and values in every culture that has a file.</summary>
    private ContentEdit Edit(string file, SeedFile seed, ContentType type)
    {
        var names = new Dictionary<string, string> { [options.Value.DefaultCulture] = seed.Name };
        var values = new List<PropertyValueEdit>();
        AddValues(type, options.Value.DefaultCulture, seed.Properties, seed.Body, values, includeInvariant: true);

        foreach (var culture in options.Value.Cultures.Skip(1))
        {
            var variantFile = Path.ChangeExtension(file, null) + $".{culture}.md";
            if (!File.Exists(variantFile))
            {
                continue;
            }

            var (front, body) = Split(variantFile);
            names[culture] = front.TryGetValue("name", out var name) && name is string text ? text : "";
            AddValues(type, culture, front.TryGetValue("properties", out var p) && p is Dictionary<object, object> map ? map : [], body, values, includeInvariant: false);
        }

        return new ContentEdit(names, values);
    }

    private void AddValues(ContentType type, string culture, Dictionary<object, object> properties, string body, List<PropertyValueEdit> values, bool includeInvariant)
    {
        var all = properties.ToDictionary(p => p.Key.ToString()!, p => (object?)p.Value);
        if (body.Length > 0 && type.GetProperty(BodyAlias) is not null)
        {
            all[BodyAlias] = body;
        }

        foreach (var (alias, raw) in all)
        {
            var property = type.GetProperty(alias);
            if (property is null)
            {
                values.Add(new PropertyValueEdit(alias, culture, raw?.ToString()));
                continue;
            }

            if (!property.VariesByCulture && !includeInvariant)
            {
                continue;
            }

            values.Add(new PropertyValueEdit(property.Alias, property.VariesByCulture ? culture : null, editors.Get(property.EditorAlias).ToStored(raw)));
        }
    }

    private static string Relative(string folder, string file) => Path.GetRelativePath(folder, file);
}
