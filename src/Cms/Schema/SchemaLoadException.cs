namespace ChildProtection.Cms.Schema;

/// <summary>A schema file that cannot be used; start-up stops with this message.</summary>
public sealed class SchemaLoadException(string file, string item, string problem)
    : Exception($"Schema file '{file}', item '{item}': {problem}")
{
    public string File { get; } = file;
    public string Item { get; } = item;
    public string Problem { get; } = problem;
}
