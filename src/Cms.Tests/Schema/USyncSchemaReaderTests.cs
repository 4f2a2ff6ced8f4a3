using System.Text.RegularExpressions;
using ChildProtection.Cms.PropertyEditors;
using ChildProtection.Cms.Schema;
using ChildProtection.Cms.Tests.Infrastructure;

namespace ChildProtection.Cms.Tests.Schema;

public sealed class USyncSchemaReaderTests : IDisposable
{
    private readonly USyncSchemaReader _reader = new(PropertyEditorCollection.CreateDefault().Aliases);
    private readonly string _folder = TestPaths.NewTempFolder();

    public USyncSchemaReaderTests() => TestPaths.CopyDirectory(TestPaths.RepositorySchema, _folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Read_RepositorySchema_MergesCompositionsAndResolvesStructure()
    {
        var schema = _reader.Read(TestPaths.RepositorySchema);

        var leaflet = schema.Get("leaflet");
        Assert.True(leaflet.VariesByCulture);
        Assert.False(leaflet.AllowAtRoot);
        Assert.Contains("seoComposition", leaflet.CompositionAliases);
        Assert.NotNull(leaflet.GetProperty("metaDescription"));
        Assert.Equal(PropertyEditorAliases.MarkdownEditor, leaflet.GetProperty("body")!.EditorAlias);
        Assert.True(leaflet.GetProperty("summary")!.Mandatory);
        Assert.Equal(500, leaflet.GetProperty("summary")!.DataType.GetInt("maxChars"));
        Assert.False(leaflet.GetProperty("audience")!.VariesByCulture);
        Assert.Equal(4, leaflet.GetProperty("audience")!.DataType.GetStrings("items").Count);

        var home = schema.Get("home");
        Assert.True(home.AllowAtRoot);
        Assert.True(home.AllowsChild("leafletList"));
        Assert.True(schema.Get("leafletList").AllowsChild("leaflet"));
        Assert.False(schema.Get("leafletList").AllowsChild("newsArticle"));
    }

    [Fact]
    public void Read_RepositorySchema_UsesEveryRequiredPropertyEditor()
    {
        var schema = _reader.Read(TestPaths.RepositorySchema);

        var used = schema.ContentTypes.SelectMany(t => t.Properties).Select(p => p.EditorAlias).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            PropertyEditorAliases.TextBox, PropertyEditorAliases.TextArea, PropertyEditorAliases.MarkdownEditor,
            PropertyEditorAliases.MediaPicker3, PropertyEditorAliases.DateTime, PropertyEditorAliases.Tags,
            PropertyEditorAliases.TrueFalse, PropertyEditorAliases.Integer, PropertyEditorAliases.ContentPicker,
            PropertyEditorAliases.MultiUrlPicker, PropertyEditorAliases.DropDownFlexible,
        }, used);
    }

    [Fact]
    public void Read_MalformedXml_NamesTheFile()
    {
        File.AppendAllText(ContentTypeFile("leaflet"), "<unclosed>");

        var error = Assert.Throws<SchemaLoadException>(() => _reader.Read(_folder));

        Assert.Equal("ContentTypes/leaflet.config", error.File);
        Assert.Contains("XML", error.Problem);
    }

    [Fact]
    public void Read_PropertyDefinitionThatDoesNotExist_NamesFileItemAndKey()
    {
        var file = ContentTypeFile("leaflet");
        var missing = Guid.NewGuid();
        var text = File.ReadAllText(file);
        var definition = Regex.Match(text, "<Definition>([^<]+)</Definition>");
        File.WriteAllText(file, text.Replace(definition.Value, $"<Definition>{missing}</Definition>"));

        var error = Assert.Throws<SchemaLoadException>(() => _reader.Read(_folder));

        Assert.Equal("ContentTypes/leaflet.config", error.File);
        Assert.StartsWith("leaflet.", error.Item);
        Assert.Contains(missing.ToString(), error.Message);
    }

    [Fact]
    public void Read_DataTypeWithUnknownEditor_NamesTheEditor()
    {
        var file = Path.Combine(_folder, "DataTypes", "markdown.config");
        File.WriteAllText(file, Regex.Replace(File.ReadAllText(file), "<EditorAlias>[^<]+</EditorAlias>", "<EditorAlias>Umbraco.Grid</EditorAlias>"));

        var error = Assert.Throws<SchemaLoadException>(() => _reader.Read(_folder));

        Assert.Equal("DataTypes/markdown.config", error.File);
        Assert.Contains("Umbraco.Grid", error.Problem);
    }

    [Fact]
    public void Read_DataTypeConfigNotJson_SaysSo()
    {
        var file = Path.Combine(_folder, "DataTypes", "markdown.config");
        File.WriteAllText(file, Regex.Replace(File.ReadAllText(file), "<Config>.*</Config>", "<Config><![CDATA[{ preview: }]]></Config>", RegexOptions.Singleline));

        var error = Assert.Throws<SchemaLoadException>(() => _reader.Read(_folder));

        Assert.Contains("JSON", error.Problem);
    }

    [Fact]
    public void Read_MissingComposition_NamesTheReferringType()
    {
        File.Delete(ContentTypeFile("seocomposition"));

        var error = Assert.Throws<SchemaLoadException>(() => _reader.Read(_folder));

        Assert.Contains("composition 'seoComposition'", error.Problem);
        Assert.StartsWith("ContentTypes/", error.File);
    }

    [Fact]
    public void Read_InvalidValidationRegex_IsRefused()
    {
        var file = ContentTypeFile("newsarticle");
        File.WriteAllText(file, Regex.Replace(File.ReadAllText(file), "<Validation>[^<]+</Validation>", "<Validation>([a-z</Validation>"));

        var error = Assert.Throws<SchemaLoadException>(() => _reader.Read(_folder));

        Assert.Equal("ContentTypes/newsarticle.config", error.File);
        Assert.Contains("regular expression", error.Problem);
    }

    [Fact]
    public void Read_CompositionCycle_IsRefused()
    {
        var seo = File.ReadAllText(ContentTypeFile("seocomposition"));
        var navigation = File.ReadAllText(ContentTypeFile("navigationcomposition"));
        var navigationKey = Regex.Match(navigation, "<ContentType Key=\"([^\"]+)\"").Groups[1].Value;
        var seoKey = Regex.Match(seo, "<ContentType Key=\"([^\"]+)\"").Groups[1].Value;
        File.WriteAllText(ContentTypeFile("seocomposition"), AddComposition(seo, navigationKey, "navigationComposition"));
        File.WriteAllText(ContentTypeFile("navigationcomposition"), AddComposition(navigation, seoKey, "seoComposition"));

        var error = Assert.Throws<SchemaLoadException>(() => _reader.Read(_folder));

        Assert.Contains("cycle", error.Problem);
    }

    [Fact]
    public void Read_MissingFolder_SaysItDoesNotExist()
    {
        var error = Assert.Throws<SchemaLoadException>(() => _reader.Read(Path.Combine(_folder, "nowhere")));

        Assert.Contains("does not exist", error.Problem);
    }

    [Fact]
    public void Read_ParentOfTheVersionFolder_SaysWhereToPoint()
    {
        var parent = Path.Combine(_folder, "uSync");
        Directory.CreateDirectory(Path.Combine(parent, "DataTypes"));

        var error = Assert.Throws<SchemaLoadException>(() => _reader.Read(parent));

        Assert.Contains("no ContentTypes folder", error.Problem);
    }

    private string ContentTypeFile(string name) => Path.Combine(_folder, "ContentTypes", $"{name}.config");

    private static string AddComposition(string xml, string key, string alias) =>
        Regex.Replace(xml, "<Compositions\\s*/>|<Compositions>", match =>
            $"<Compositions><Composition Key=\"{key}\">{alias}</Composition>{(match.Value.EndsWith("/>") ? "</Compositions>" : "")}");
}
