using System.Text;
using Ganss.Xss;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ChildProtection.Cms.Text;

public enum TextBlockKind
{
    Heading,
    Paragraph,
    ListItem,
    Quote,
}

/// <summary>
/// A block of markdown as plain text, for media that lay text out themselves (a PDF): a heading with its level, a
/// paragraph, a list item with its marker ("•", "3."), a quoted paragraph. <paramref name="Depth"/> is how deep in
/// lists the block sits.
/// </summary>
public sealed record TextBlock(TextBlockKind Kind, string Text, int Depth = 0, int Level = 0, string? Marker = null);

/// <summary>
/// Markdown to HTML that is safe to put in a page: Markdig's output, cleaned by HtmlSanitizer, without forms (a page
/// must not ask for anything to be sent elsewhere) and with pictures only from where <see cref="PictureSources"/> allows.
/// </summary>
public sealed class MarkdownRenderer(PictureSources pictures)
{
    /// <summary>HtmlSanitizer allows form controls by default; content has no use for them.</summary>
    private static readonly string[] FormTags = ["form", "input", "button", "textarea", "select", "option", "optgroup", "datalist", "fieldset", "legend", "label", "output", "keygen"];

    private static readonly string[] FormAttributes = ["action", "formaction", "method", "enctype", "accept-charset", "ping"];

    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();
    private readonly HtmlSanitizer _sanitizer = CreateSanitizer(pictures);

    public string ToHtml(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : _sanitizer.Sanitize(Markdown.ToHtml(markdown, _pipeline));

    public string ToPlainText(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : Markdown.ToPlainText(markdown, _pipeline).Trim();

    public IReadOnlyList<TextBlock> ToTextBlocks(string? markdown)
    {
        var blocks = new List<TextBlock>();
        if (!string.IsNullOrWhiteSpace(markdown))
        {
            AddBlocks(Markdown.Parse(markdown, _pipeline), blocks, depth: 0, quoted: false);
        }

        return blocks;
    }

    private static void AddBlocks(ContainerBlock container, List<TextBlock> blocks, int depth, bool quoted)
    {
        foreach (var block in container)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    Add(blocks, new TextBlock(TextBlockKind.Heading, InlineText(heading.Inline), depth, heading.Level));
                    break;
                case ParagraphBlock paragraph:
                    Add(blocks, new TextBlock(quoted ? TextBlockKind.Quote : TextBlockKind.Paragraph, InlineText(paragraph.Inline), depth));
                    break;
                case ListBlock list:
                    var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
                    foreach (var item in list.OfType<ListItemBlock>())
                    {
                        var first = blocks.Count;
                        AddBlocks(item, blocks, depth + 1, quoted);
                        if (blocks.Count > first && blocks[first].Kind != TextBlockKind.Heading)
                        {
                            blocks[first] = blocks[first] with { Kind = TextBlockKind.ListItem, Marker = list.IsOrdered ? $"{number}." : "•" };
                        }

                        number++;
                    }

                    break;
                case QuoteBlock quote:
                    AddBlocks(quote, blocks, depth, quoted: true);
                    break;
                case TableRow row:
                    Add(blocks, new TextBlock(TextBlockKind.Paragraph, string.Join(" | ", row.OfType<TableCell>().Select(CellText)), depth));
                    break;
                case ContainerBlock other:
                    AddBlocks(other, blocks, depth, quoted);
                    break;
                case CodeBlock code:
                    Add(blocks, new TextBlock(TextBlockKind.Paragraph, code.Lines.ToString(), depth));
                    break;
            }
        }
    }

    private static string CellText(TableCell cell) =>
        string.Join(" ", cell.OfType<LeafBlock>().Select(b => InlineText(b.Inline)));

    private static void Add(List<TextBlock> blocks, TextBlock block)
    {
        if (block.Text.Length > 0)
        {
            blocks.Add(block);
        }
    }

    private static string InlineText(ContainerInline? inline)
    {
        var text = new StringBuilder();
        void Walk(Inline? node)
        {
            for (; node is not null; node = node.NextSibling)
            {
                switch (node)
                {
                    case LiteralInline literal: text.Append(literal.Content); break;
                    case CodeInline code: text.Append(code.Content); break;
                    case HtmlEntityInline entity: text.Append(entity.Transcoded); break;
                    case AutolinkInline link: text.Append(link.Url); break;
                    case LineBreakInline: text.Append(' '); break;
                    case ContainerInline container: Walk(container.FirstChild); break;
                }
            }
        }

        Walk(inline?.FirstChild);
        return string.Join(' ', text.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static HtmlSanitizer CreateSanitizer(PictureSources pictures)
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.ExceptWith(FormTags);
        sanitizer.AllowedAttributes.ExceptWith(FormAttributes);
        pictures.Guard(sanitizer);
        sanitizer.AllowedAttributes.Add("id");
        sanitizer.AllowedAttributes.Add("class");
        sanitizer.AllowedSchemes.Add("tel");
        sanitizer.AllowedSchemes.Add("mailto");
        return sanitizer;
    }
}
