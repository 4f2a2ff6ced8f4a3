using ChildProtection.Cms.PropertyEditors;
using ChildProtection.Cms.Schema;
using ChildProtection.Cms.Text;

namespace ChildProtection.Cms.Search;

/// <summary>What of a node's values is searchable text, decided by each property's editor as Examine's value sets are.</summary>
internal sealed class SearchTextExtractor(ContentSchema schema, MarkdownRenderer markdown)
{
    public (string Text, IReadOnlyList<string> Tags) Extract(string contentTypeAlias, Func<string, string?> value)
    {
        if (schema.Find(contentTypeAlias) is not { } type)
        {
            return ("", []);
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

        return (string.Join("\n\n", texts), tags);
    }
}
