using ChildProtection.Cms.PropertyEditors;
using ChildProtection.Cms.Schema;
using ChildProtection.Cms.Text;
using Microsoft.Extensions.Options;

namespace ChildProtection.Cms.Search;

/// <summary>What of a node's values is searchable text, decided by each property's editor as Examine's value sets are.</summary>
internal sealed class SearchTextExtractor(ContentSchema schema, MarkdownRenderer markdown, IOptions<SearchOptions> options)
{
    /// <summary>The searchable parts of a node in one culture; <paramref name="value"/> reads a property in that culture.</summary>
    public SearchableText Extract(string contentTypeAlias, string name, Func<string, string?> value)
    {
        var titles = new List<string> { name };
        var boost = options.Value.ContentTypeBoosts.GetValueOrDefault(contentTypeAlias, 1f);
        if (schema.Find(contentTypeAlias) is not { } type)
        {
            return new SearchableText(name, "", [], boost);
        }

        var texts = new List<string>();
        var tags = new List<string>();
        foreach (var property in type.Properties)
        {
            var stored = value(property.Alias);
            if (string.IsNullOrWhiteSpace(stored))
            {
                continue;
            }

            switch (property.EditorAlias)
            {
                case PropertyEditorAliases.TextBox when options.Value.TitleProperties.Contains(property.Alias):
                    titles.Add(stored.Trim());
                    break;
                case PropertyEditorAliases.TextBox or PropertyEditorAliases.TextArea:
                    texts.Add(stored.Trim());
                    break;
                case PropertyEditorAliases.MarkdownEditor:
                    texts.Add(markdown.ToPlainText(stored));
                    break;
                case PropertyEditorAliases.Tags:
                    tags.AddRange(StoredValues.ParseStringArray(stored));
                    break;
            }
        }

        return new SearchableText(string.Join("\n", titles.Distinct()), string.Join("\n\n", texts), tags, boost);
    }
}

/// <param name="Titles">The name and any other titles, one per line.</param>
/// <param name="Boost">The weight of the document type in the ranking.</param>
internal sealed record SearchableText(string Titles, string Text, IReadOnlyList<string> Tags, float Boost);
