using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace ChildProtection.Cms.Search;

/// <summary>One culture of one node as an index holds it.</summary>
/// <param name="Fingerprint">Changes whenever anything indexed changes (version, URL, place in the tree, state);
/// comparing fingerprints is how an index finds what to update without re-reading every text.</param>
/// <param name="Titles">The name and other titles (an SEO title), searched with the name's weight.</param>
/// <param name="Boost">The weight of the document's type in the ranking.</param>
public sealed record SearchDocument(
    Guid Key,
    string Culture,
    string ContentType,
    string Name,
    string Titles,
    string Text,
    IReadOnlyList<string> Tags,
    float Boost,
    string? Url,
    IReadOnlyList<Guid> Path,
    DateTime PublishDateUtc,
    DateTime UpdateDateUtc,
    bool Published,
    string Author,
    string Fingerprint)
{
    public string Id => IdOf(Key, Culture);

    public static string IdOf(Guid key, string culture) => $"{key:N}|{culture}";
}

/// <summary>Field names, and how a <see cref="SearchDocument"/> becomes a Lucene document and back.</summary>
internal static class SearchFields
{
    public const string Id = "id";
    public const string Key = "key";
    public const string Culture = "culture";
    public const string Type = "type";
    public const string Name = "name";
    public const string Titles = "titles";
    public const string Text = "text";
    public const string Tags = "tags";
    public const string Url = "url";
    public const string Ancestor = "ancestor";
    public const string PublishDate = "publishDate";
    public const string UpdateDate = "updateDate";
    public const string Published = "published";
    public const string Author = "author";
    public const string Fingerprint = "fingerprint";

    /// <summary>The folded twin of a text field.</summary>
    public static string Folded(string field) => field + "_f";

    public static Document ToLucene(SearchDocument source)
    {
        var document = new Document
        {
            new StringField(Id, source.Id, Field.Store.YES),
            new StringField(Key, source.Key.ToString("N"), Field.Store.YES),
            new StringField(Culture, source.Culture, Field.Store.YES),
            new StringField(Type, source.ContentType, Field.Store.YES),
            new StringField(Published, source.Published ? "1" : "0", Field.Store.YES),
            new StringField(Author, source.Author, Field.Store.YES),
            new StoredField(Fingerprint, source.Fingerprint),

            // The start-up comparison reads these two of every document: from doc values it reads nothing else.
            new BinaryDocValuesField(Id, new BytesRef(source.Id)),
            new BinaryDocValuesField(Fingerprint, new BytesRef(source.Fingerprint)),
            new StoredField(PublishDate, source.PublishDateUtc.Ticks),
            new StoredField(UpdateDate, source.UpdateDateUtc.Ticks),
        };
        document.Add(new StoredField(Name, source.Name));
        AddText(document, Titles, source.Titles, source.Boost);
        AddText(document, Text, source.Text, source.Boost);
        AddText(document, Tags, string.Join("\n", source.Tags), source.Boost);
        if (source.Url is not null)
        {
            document.Add(new StoredField(Url, source.Url));
        }

        foreach (var ancestor in source.Path)
        {
            document.Add(new StringField(Ancestor, ancestor.ToString("N"), Field.Store.NO));
        }

        return document;
    }

    // Lucene 4.8 has no document boost: the type's weight goes into each text field's norm instead.
    private static void AddText(Document document, string field, string value, float boost)
    {
        var text = VietnameseAnalyzer.Normalize(value);
        document.Add(new TextField(field, text, field == Text ? Field.Store.YES : Field.Store.NO) { Boost = boost });
        document.Add(new TextField(Folded(field), text, Field.Store.NO) { Boost = boost });
    }

    public static DateTime Date(Document document, string field) =>
        new(document.GetField(field)?.GetInt64Value() ?? 0L, DateTimeKind.Utc);

    public static string Get(Document document, string field) => document.Get(field) ?? "";
}
