using ChildProtection.Cms.Text;

namespace ChildProtection.Cms.Tests.Text;

public sealed class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new();

    [Fact]
    public void ToHtml_MarkdownWithHeadingListAndPhoneLink_RendersThem()
    {
        var html = _renderer.ToHtml("## Khi nào cần gọi\n\n- Gọi [111](tel:111)\n- Gọi 113");

        Assert.Contains("<h2", html);
        Assert.Contains("Khi nào cần gọi", html);
        Assert.Contains("<li>", html);
        Assert.Contains("href=\"tel:111\"", html);
    }

    [Fact]
    public void ToHtml_ScriptAndJavascriptLinks_AreRemoved()
    {
        var html = _renderer.ToHtml("Xin chào <script>alert(1)</script> [bấm](javascript:alert(1)) <img src=x onerror=alert(1)>");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Xin chào", html);
    }

    [Fact]
    public void ToPlainText_Markdown_DropsMarkup() =>
        Assert.Equal("Gọi 111 ngay.", _renderer.ToPlainText("Gọi **111** ngay."));

    [Fact]
    public void ToTextBlocks_HeadingsListsAndEmphasis_PlainBlocksWithMarkers()
    {
        var blocks = _renderer.ToTextBlocks("## Khi nào cần gọi\n\nHãy **bình tĩnh** và [gọi 111](tel:111).\n\n- Trẻ bị bạo lực\n- Trẻ bị xâm hại\n  1. Ghi lại\n\n> Trích dẫn\n\n<div>bỏ qua</div>");

        Assert.Equal(
            [
                new TextBlock(TextBlockKind.Heading, "Khi nào cần gọi", 0, 2),
                new TextBlock(TextBlockKind.Paragraph, "Hãy bình tĩnh và gọi 111."),
                new TextBlock(TextBlockKind.ListItem, "Trẻ bị bạo lực", 1, Marker: "•"),
                new TextBlock(TextBlockKind.ListItem, "Trẻ bị xâm hại", 1, Marker: "•"),
                new TextBlock(TextBlockKind.ListItem, "Ghi lại", 2, Marker: "1."),
                new TextBlock(TextBlockKind.Quote, "Trích dẫn"),
            ],
            blocks);
    }
}
