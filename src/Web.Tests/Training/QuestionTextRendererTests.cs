using ChildProtection.Cms.Text;
using ChildProtection.Training.Quizzes.Questions;
using ChildProtection.Web.Features.Training;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Tests.Training;

public sealed class QuestionTextRendererTests : IDisposable
{
    /// <summary>A site that lets pictures come from example.vn besides its media library.</summary>
    private readonly QuestionTextRenderer _renderer = new(new PictureSources(Options.Create(new ContentOptions { AllowedImageHosts = ["example.vn"] })));

    public void Dispose() => _renderer.Dispose();

    private string Render(string text, TextFormat format, bool inlinePictures = false) => _renderer.Render(text, format, inlinePictures).ToString()!;

    [Fact]
    public void Render_Plain_EscapedWithItsLineBreaks()
    {
        Assert.Equal("Trẻ em &lt;16 tuổi&gt; &amp; gia đình<br>\nDòng hai", Render("Trẻ em <16 tuổi> & gia đình\nDòng hai", TextFormat.Plain));
    }

    [Fact]
    public void Render_Html_KeepsWhatAQuestionNeeds_DropsScriptsHandlersAndForeignPictures()
    {
        var html = Render("""
            <div class="x"><p style="color:red" onclick="alert(1)">Theo <strong>Luật</strong> H<sub>2</sub>O x<sup>2</sup></p></div>
            <script>alert('xss')</script><style>p{}</style>
            <img src="/media/abc/so-do.png" alt="Sơ đồ" onerror="alert(2)">
            <img src="https://example.vn/a.png"><img src="javascript:alert(3)"><img src="//evil.example/b.png"><img src="data:image/png;base64,iVBORw0KGgo=">
            <a href="https://evil.example">liên kết</a><table><tr><td colspan="2">ô</td></tr></table>
            """, TextFormat.Html);

        Assert.Contains("<p>Theo <strong>Luật</strong> H<sub>2</sub>O x<sup>2</sup></p>", html);
        Assert.Contains("""<img src="/media/abc/so-do.png" alt="Sơ đồ" loading="lazy">""", html);
        Assert.Contains("""<img src="https://example.vn/a.png" loading="lazy">""", html);
        Assert.Contains("liên kết", html);
        Assert.Contains("""<td colspan="2">ô</td>""", html);
        foreach (var gone in new[] { "<div", "<script", "alert", "<style", "p{}", "onerror", "onclick", "style=", "javascript:", "evil.example", "data:", "<a " })
        {
            Assert.DoesNotContain(gone, html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Render_Markdown_ThroughMarkdigThenTheSameCleaning()
    {
        var html = Render("Gọi **111** khi cần.\n\n- miễn phí\n- 24/7\n\n![ảnh](/media/abc/a.png)\n\n<script>alert(1)</script>", TextFormat.Markdown);

        Assert.Contains("<p>Gọi <strong>111</strong> khi cần.</p>", html);
        Assert.Contains("<li>miễn phí</li>", html);
        Assert.Contains("""<img src="/media/abc/a.png" alt="ảnh" loading="lazy">""", html);
        Assert.DoesNotContain("alert", html);
    }

    [Fact]
    public void Render_DataPictures_OnlyInTheImportPreview()
    {
        const string Picture = """<img src="data:image/png;base64,iVBORw0KGgo=">""";

        Assert.DoesNotContain("data:", Render(Picture, TextFormat.Html));
        Assert.Contains("src=\"data:image/png;base64,iVBORw0KGgo=\"", Render(Picture, TextFormat.Html, inlinePictures: true));
        Assert.DoesNotContain("data:", Render("""<img src="data:text/html;base64,PHNjcmlwdD4=">""", TextFormat.Html, inlinePictures: true));
    }

    [Fact]
    public void Render_PictureFromAHostNotAllowed_ShownAsItsAltTextWithoutAnAddress()
    {
        using var renderer = new QuestionTextRenderer(new PictureSources(Options.Create(new ContentOptions())));
        const string Question = """<p>Biển báo nào?</p><img src="https://tracker.example/contest.png?who=1" alt="Biển báo cấm"><img src="https://example.vn/a.png">""";

        var html = renderer.Render(Question, TextFormat.Html).ToString()!;
        var markdown = renderer.Render("Câu hỏi ![Sơ đồ](https://tracker.example/md.png) và ![ảnh](/media/abc/a.png)", TextFormat.Markdown).ToString()!;

        Assert.Equal("<p>Biển báo nào?</p>Biển báo cấm", html);
        Assert.Equal("""<p>Câu hỏi Sơ đồ và <img src="/media/abc/a.png" alt="ảnh" loading="lazy"></p>""", markdown.Trim());
    }

    [Fact]
    public void Render_FormAndControls_DroppedKeepingOnlyWording()
    {
        var html = Render("""<form action="https://evil.example/thu"><p>Nhập mật khẩu</p><input name="p"><button formaction="https://evil.example/">Gửi</button><textarea>x</textarea><select><option>1</option></select></form>""", TextFormat.Html);

        foreach (var gone in new[] { "<form", "action", "<input", "<button", "<textarea", "<select", "<option", "evil.example" })
        {
            Assert.DoesNotContain(gone, html, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("<p>Nhập mật khẩu</p>", html);
    }
}
