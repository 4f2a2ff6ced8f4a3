namespace ChildProtection.Cms.Schema;

/// <summary>The site's document and data types, loaded once at start-up.</summary>
public sealed class ContentSchema(IReadOnlyList<DataType> dataTypes, IReadOnlyList<ContentType> contentTypes)
{
    private readonly Dictionary<string, ContentType> _byAlias =
        contentTypes.ToDictionary(t => t.Alias, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<DataType> DataTypes { get; } = dataTypes;
    public IReadOnlyList<ContentType> ContentTypes { get; } = contentTypes;

    public ContentType? Find(string alias) => _byAlias.GetValueOrDefault(alias);

    public ContentType Get(string alias) =>
        Find(alias) ?? throw new KeyNotFoundException($"Unknown document type '{alias}'.");
}
