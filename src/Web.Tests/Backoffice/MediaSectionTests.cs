using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ChildProtection.Cms.Media;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace ChildProtection.Web.Tests.Backoffice;

[Collection(SiteCollection.Name)]
public sealed class MediaSectionTests(SiteFactory site)
{
    /// <summary>A real JPEG carrying an EXIF block with a GPS position, as a phone writes it.</summary>
    internal static byte[] PhotoWithGps(int width = 64, int height = 48)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.CornflowerBlue);
        var jpeg = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90).ToArray();
        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8,
            0, 1, 0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26, 0, 0, 0, 0,
            0, 1, 0, 1, 0, 2, 0, 0, 0, 2, (byte)'N', 0, 0, 0, 0, 0, 0, 0,
        ];
        var exif = Encoding.ASCII.GetBytes("Exif\0\0").Concat(tiff).ToArray();
        var segment = new byte[] { 0xFF, 0xE1, (byte)((exif.Length + 2) >> 8), (byte)((exif.Length + 2) & 0xFF) }.Concat(exif);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    private static byte[] Png()
    {
        using var bitmap = new SKBitmap(30, 20);
        bitmap.Erase(SKColors.Orange);
        return bitmap.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }

    private async Task<HttpResponseMessage> UploadAsync(StaffClient staff, params (string Name, byte[] Content)[] files)
    {
        var (_, page) = await staff.Http.GetPageAsync("/backoffice/media");
        var form = new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector("form[data-upload] input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
        };
        foreach (var (name, content) in files)
        {
            form.Add(new ByteArrayContent(content), "tep", name);
        }

        return await staff.Http.PostAsync("/backoffice/media/tai-len", form);
    }

    private async Task<MediaItem?> FindAsync(string name)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<MediaService>().FindAsync(name, imagesOnly: false)).FirstOrDefault();
    }

    [Fact]
    public async Task Upload_SeveralFiles_StoredWithoutExifAndServed()
    {
        using var writer = new StaffClient(site);
        await writer.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.Writer));
        var photo = PhotoWithGps();
        Assert.Contains("Exif", Encoding.ASCII.GetString(photo));

        var response = await UploadAsync(writer, ("ảnh tập huấn GPS.jpg", photo), ("so-do-111.png", Png()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelectorAll(".upload-results .stored").Length);
        var stored = (await FindAsync("ảnh tập huấn GPS"))!;
        Assert.Equal(("jpeg", 64, 48), (stored.Format, stored.Width!.Value, stored.Height!.Value));
        Assert.Equal("anh-tap-huan-gps.jpg", stored.FileName);
        using var visitor = site.CreateServerClient();
        var served = await visitor.GetAsync(stored.Url);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType!.MediaType);
        var bytes = await served.Content.ReadAsByteArrayAsync();
        Assert.DoesNotContain("Exif", Encoding.ASCII.GetString(bytes));
        Assert.False(bytes.Zip(bytes.Skip(1)).Any(p => p.First == 0xFF && p.Second == 0xE1), "an APP1 segment is left");
        using (var codec = SKCodec.Create(new SKMemoryStream(bytes)))
        {
            Assert.Equal(64, codec.Info.Width);
        }

        var again = new HttpRequestMessage(HttpMethod.Get, stored.Url);
        again.Headers.IfNoneMatch.Add(served.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await visitor.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task Upload_PngWithBytesAfterItsEnd_StoredWithoutThemNotAnError()
    {
        using var writer = new StaffClient(site);
        await writer.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.Writer));
        var png = Png();
        byte[] upload = [.. png, .. "\0\0\u0010\0prVt GPS 12.6675N 108.0378E"u8];

        var response = await UploadAsync(writer, ("duoi-thua.png", upload));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = (await FindAsync("duoi-thua"))!;
        using var visitor = site.CreateServerClient();
        Assert.Equal(png, await visitor.GetByteArrayAsync(stored.Url));
    }

    [Fact]
    public async Task Upload_PdfWithJavaScript_RefusedInVietnamese_PlainPdfServedAsADownload()
    {
        using var writer = new StaffClient(site);
        await writer.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.Writer));
        var scripted = """
            %PDF-1.7
            1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >> endobj
            2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
            3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj
            4 0 obj << /S /JavaScript /JS (app.launchURL\("https://evil.example/"\)) >> endobj
            trailer << /Root 1 0 R >>
            %%EOF
            """u8.ToArray();
        using var output = new MemoryStream();
        using (var document = SKDocument.CreatePdf(output))
        {
            document.BeginPage(200, 200);
            document.EndPage();
        }

        var refused = await UploadAsync(writer, ("phieu-co-ma-lenh.pdf", scripted));
        var stored = await UploadAsync(writer, ("phieu-thuong.pdf", output.ToArray()));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("chứa mã lệnh", Html.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector(".upload-results .form-error")!.TextContent);
        Assert.Null(await FindAsync("phieu-co-ma-lenh"));
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        using var visitor = site.CreateServerClient();
        var served = await visitor.GetAsync((await FindAsync("phieu-thuong"))!.Url);
        Assert.Equal("application/pdf", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(("attachment", "phieu-thuong.pdf"), (served.Content.Headers.ContentDisposition!.DispositionType, served.Content.Headers.ContentDisposition.FileName));
        Assert.Contains("sandbox", served.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory]
    [InlineData("hinh-dep.jpg", "không phải ảnh")]
    [InlineData("anh-cat-do.jpg", "bị hỏng")]
    public async Task Upload_FileThatLiesOrIsTruncated_RefusedAndNothingStored(string name, string message)
    {
        using var writer = new StaffClient(site);
        await writer.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.Writer));
        var photo = PhotoWithGps(400, 300);
        var content = name == "hinh-dep.jpg" ? [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, .. new byte[500]] : photo[..(photo.Length / 2)];
        var filesBefore = Directory.Exists(Path.Combine(site.DataPath, "media")) ? Directory.GetFiles(Path.Combine(site.DataPath, "media"), "*", SearchOption.AllDirectories).Length : 0;

        var response = await UploadAsync(writer, (name, content));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".upload-results .form-error")!.TextContent);
        Assert.Null(await FindAsync(Path.GetFileNameWithoutExtension(name)));
        var filesAfter = Directory.Exists(Path.Combine(site.DataPath, "media")) ? Directory.GetFiles(Path.Combine(site.DataPath, "media"), "*", SearchOption.AllDirectories).Length : 0;
        Assert.Equal(filesBefore, filesAfter);
    }

    [Fact]
    public async Task Upload_OverTheSizeLimit_RefusedWithTheLimitInTheMessage()
    {
        using var writer = new StaffClient(site);
        await writer.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.Writer));
        var huge = new byte[21 * 1024 * 1024];
        "%PDF-1.7\n"u8.CopyTo(huge);

        var response = await UploadAsync(writer, ("qua-lon.pdf", huge));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("lớn hơn 20 MB", await response.Content.ReadAsStringAsync());
        Assert.Null(await FindAsync("qua-lon"));
    }

    [Fact]
    public async Task AltTextPerCulture_AndReplaceKeepsTheKey()
    {
        using var writer = new StaffClient(site);
        await writer.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.Writer));
        await UploadAsync(writer, ("anh-thay-the.png", Png()));
        var item = (await FindAsync("anh-thay-the"))!;
        var page = $"/backoffice/media/{item.Key}";

        var saved = await writer.PostFormAsync(page, $"{page}/alt", new() { ["alt.vi"] = "Giáo viên trò chuyện với học sinh", ["alt.en"] = "A teacher talking with pupils" });
        Assert.Contains("Đã lưu chú thích ảnh", await saved.Content.ReadAsStringAsync());

        var (_, form) = await writer.Http.GetPageAsync(page);
        var replace = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector($"form[action='{page}/thay-tep'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new ByteArrayContent(PhotoWithGps(80, 60)), "tep", "anh-moi.jpg" },
        };
        Assert.Equal(HttpStatusCode.OK, (await writer.Http.PostAsync($"{page}/thay-tep", replace)).StatusCode);

        var replaced = (await FindAsync("anh-thay-the"))!;
        Assert.Equal(item.Key, replaced.Key);
        Assert.Equal(("jpeg", 80, 1), (replaced.Format, replaced.Width!.Value, replaced.FileVersion));
        Assert.Equal("Giáo viên trò chuyện với học sinh", replaced.AltText("vi"));
        Assert.Equal("A teacher talking with pupils", replaced.AltText("en"));
        using var visitor = site.CreateServerClient();
        var old = await visitor.GetAsync(item.Url);
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal(replaced.Url, old.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task MediaPicker_ListsImagesAndTheEditorStoresThePick()
    {
        var editorEmail = await StaffClient.CreateUserAsync(site, StaffRoles.Editor);
        using var editor = new StaffClient(site);
        await editor.SignInAsync(editorEmail);
        await UploadAsync(editor, ("anh-chia-se.png", Png()));
        var image = (await FindAsync("anh-chia-se"))!;
        var key = await site.CreateLeafletAsync("Tờ gấp có ảnh chia sẻ", "Nội dung.", editorEmail);

        var (_, picker) = await editor.Http.GetPageAsync("/backoffice/media/chon?q=chia-se&anh=true");
        Assert.Contains(picker.QuerySelectorAll("[data-pick-media]"), b => b.GetAttribute("data-pick-media") == image.Key.ToString());

        var page = $"/backoffice/noi-dung/{key}?ngon-ngu=vi";
        var (_, editorPage) = await editor.Http.GetPageAsync(page);
        var mediaField = editorPage.QuerySelector("[data-media-picker]")!.GetAttribute("data-name")!;
        var saved = await editor.PostFormAsync(page, page, new()
        {
            ["ten"] = "Tờ gấp có ảnh chia sẻ", ["p.summary"] = "Tóm tắt.", ["p.body"] = "Nội dung.", ["p.audience"] = "Cộng đồng", [mediaField] = image.Key.ToString(), ["sau-khi-luu"] = "luu",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, reopened) = await editor.Http.GetPageAsync(page);
        Assert.Equal(image.Url, reopened.QuerySelector(".picked-media img")!.GetAttribute("src"));
    }

    [Fact]
    public async Task FocalPoint_PostedWithoutScript_SavedAndCropPreviewsDrawnAroundIt()
    {
        using var writer = new StaffClient(site);
        await writer.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.Writer));
        var item = await site.UploadMediaAsync("anh-tieu-diem.jpg", PhotoWithGps(1200, 800));
        var page = $"/backoffice/media/{item.Key}";

        var refused = await writer.PostFormAsync(page, $"{page}/tieu-diem", new() { ["x"] = "150", ["y"] = "50" });
        var saved = await writer.PostFormAsync(page, $"{page}/tieu-diem", new() { ["x"] = "80", ["y"] = "25,5" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("từ 0 đến 100", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var document = Html.Parse(await saved.Content.ReadAsStringAsync());
        Assert.Contains("Đã lưu tiêu điểm", document.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal(("80", "25.5"), (document.QuerySelector("#focal-x")!.GetAttribute("value"), document.QuerySelector("#focal-y")!.GetAttribute("value")));
        Assert.Equal((0.8, 0.255), ((await FindAsync("anh-tieu-diem"))!.FocalPointX, (await FindAsync("anh-tieu-diem"))!.FocalPointY));

        var previews = document.QuerySelectorAll(".crop-previews img");
        Assert.Equal(2, previews.Length);
        using var visitor = site.CreateServerClient();
        foreach (var preview in previews)
        {
            var response = await visitor.GetAsync(preview.GetAttribute("src"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("rxy=0.8,0.255", preview.GetAttribute("src"));
            using var codec = SKCodec.Create(new SKMemoryStream(await response.Content.ReadAsByteArrayAsync()));
            Assert.Equal((preview.GetAttribute("width"), preview.GetAttribute("height")), (codec.Info.Width.ToString(), codec.Info.Height.ToString()));
        }
    }

    [Fact]
    public async Task Svg_KeptOnlyOnceCleanedOfScriptsHandlersAndOutsideReferences()
    {
        using var writer = new StaffClient(site);
        await writer.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.Writer));
        const string svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="60" onload="alert(1)">
              <script>alert('xss')</script>
              <defs><linearGradient id="g"><stop offset="0" stop-color="#0b4f8a"/></linearGradient></defs>
              <rect width="120" height="60" fill="url(#g)" onclick="steal()"/>
              <use xlink:href="#g"/>
              <image href="http://evil.example/track.png" width="1" height="1"/>
              <a href="javascript:alert(2)"><text x="10" y="40">Gọi 111</text></a>
              <foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>
              <set attributeName="href" to="javascript:alert(3)"/>
            </svg>
            """;

        var stored = await UploadAsync(writer, ("bieu-tuong-111.svg", Encoding.UTF8.GetBytes(svg)));
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        var item = (await FindAsync("bieu-tuong-111"))!;
        Assert.Equal(("svg", 120, 60), (item.Format, item.Width!.Value, item.Height!.Value));
        using var visitor = site.CreateServerClient();
        var served = await visitor.GetAsync(item.Url);
        Assert.Equal("image/svg+xml", served.Content.Headers.ContentType!.MediaType);
        Assert.Contains("default-src 'none'", served.Headers.GetValues("Content-Security-Policy").Single());
        var text = await served.Content.ReadAsStringAsync();
        Assert.Contains("<rect", text);
        Assert.Contains("Gọi 111", text);
        Assert.Contains("url(#g)", text);
        Assert.Contains("\"#g\"", text);
        foreach (var gone in new[] { "<script", "alert", "onload", "onclick", "evil.example", "javascript:", "foreignObject", "<set" })
        {
            Assert.DoesNotContain(gone, text, StringComparison.OrdinalIgnoreCase);
        }

        var broken = await UploadAsync(writer, ("hong.svg", Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect></svg>")));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains("bị hỏng", await broken.Content.ReadAsStringAsync());
        var withDtd = await UploadAsync(writer, ("dtd.svg", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><svg xmlns=\"http://www.w3.org/2000/svg\">&x;</svg>")));
        Assert.Equal(HttpStatusCode.BadRequest, withDtd.StatusCode);
        Assert.Null(await FindAsync("dtd"));
    }
}
