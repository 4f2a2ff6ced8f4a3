using System.Net;
using ChildProtection.Cms.Content;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;
using ChildProtection.Web.Tests.Media;
using SkiaSharp;
using UglyToad.PdfPig;

namespace ChildProtection.Web.Tests.Leaflets;

[Collection(SiteCollection.Name)]
public sealed class LeafletPdfTests(SiteFactory site)
{
    private const string Editor = "kiemthu@example.vn";

    private static readonly string LongBody = string.Join("\n\n",
    [
        "## Dấu hiệu trẻ bị xâm hại",
        "- Trẻ sợ hãi, thu mình, ngại đến trường hoặc về nhà.",
        "- Trẻ có vết thương không giải thích được.",
        .. Enumerable.Range(1, 14).Select(i => $"Đoạn {i}: Cha mẹ, thầy cô và hàng xóm cần lắng nghe trẻ, tin lời trẻ kể và báo ngay cho cơ quan chức năng khi nghi ngờ trẻ bị bạo lực hay xâm hại; mỗi người lớn đều có trách nhiệm bảo vệ trẻ em."),
        "## Gọi ngay",
        "1. Gọi Tổng đài 111.",
        "2. Báo công an xã.",
    ]);

    private async Task<Guid> PublishedLeafletAsync(string name, string body, params PropertyValueEdit[] values)
    {
        var key = await site.CreateLeafletAsync(name, body, Editor, values);
        await site.WithContentServiceAsync(content => content.PublishAsync(key, Editor));
        return key;
    }

    /// <summary>A signed-in staff request, from which the site learns the address it is reached at (see SiteAddress).</summary>
    private static async Task KnowOwnAddressAsync(SiteFactory site)
    {
        using var staff = new StaffClient(site);
        await staff.SignInAsync(await StaffClient.CreateUserAsync(site, StaffRoles.Writer));
        Assert.Equal(HttpStatusCode.OK, (await staff.Http.GetAsync("/backoffice")).StatusCode);
    }

    private static HttpRequestMessage WithHost(string url, string host)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Host = host;
        return request;
    }

    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }

    [Fact]
    public async Task LeafletPage_TaiPdfLink_GivesAnA4PdfWithTitleTextPictureHotlineAndPageAddress()
    {
        using var bitmap = new SKBitmap(800, 500);
        bitmap.Erase(SKColors.Goldenrod);
        var image = await site.UploadMediaAsync("anh-pdf.jpg", bitmap.Encode(SKEncodedImageFormat.Jpeg, 80).ToArray());
        const string title = "Tờ gấp PDF: phòng chống xâm hại trẻ em ở Đắk Lắk";
        var key = await PublishedLeafletAsync(title, LongBody, ResponsiveImageTests.ShareImage(image));
        using var visitor = site.CreateServerClient();
        var pageUrl = site.Snapshot.Get(key)!.Url("vi")!;

        var (_, page) = await visitor.GetPageAsync(pageUrl);
        var link = page.QuerySelector("a.pdf-link")!;
        Assert.Equal("Tải PDF", link.TextContent.Trim());
        var response = await visitor.GetAsync(link.GetAttribute("href"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(".pdf", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        using var document = PdfDocument.Open(pdf);
        Assert.True(document.NumberOfPages >= 2, $"a long leaflet goes on over pages, got {document.NumberOfPages}");
        var first = document.GetPage(1);
        Assert.Equal((595, 842), ((int)Math.Round(first.Width), (int)Math.Round(first.Height)));
        Assert.Single(first.GetImages());
        var text = Text(pdf);
        Assert.Contains(title, text);
        Assert.Contains("Tổng đài quốc gia bảo vệ trẻ em 111", text);
        Assert.Contains("• Trẻ sợ hãi, thu mình", text);
        Assert.Contains("1. Gọi Tổng đài 111.", text);
        Assert.Contains("Đoạn 14:", text);
        Assert.Contains(site.ServerAddress + pageUrl, text.Replace(" ", ""));
        Assert.Contains($"Trang 1/{document.NumberOfPages}", text);
    }

    [Fact]
    public async Task Pdf_KeptUntilTheLeafletIsPublishedAgain()
    {
        await KnowOwnAddressAsync(site);
        var key = await PublishedLeafletAsync("Tờ gấp lưu bản PDF", "Bản đầu tiên.");
        using var visitor = site.CreateServerClient();
        var url = $"/to-gap/{key:N}/vi.pdf";

        var first = await visitor.GetAsync(url);
        var cached = Directory.GetFiles(Path.Combine(site.DataPath, "cache", "leaflets", key.ToString("N"))).Single();
        var written = File.GetLastWriteTimeUtc(cached);
        var second = await visitor.GetAsync(url);

        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(written, File.GetLastWriteTimeUtc(cached));
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());

        await site.WithContentServiceAsync(async content =>
        {
            await content.SaveAsync(key, new ContentEdit(
                new Dictionary<string, string> { ["vi"] = "Tờ gấp lưu bản PDF, bản hai" },
                [new("summary", "vi", "Tóm tắt."), new("audience", null, "[\"Cộng đồng\"]"), new("body", "vi", "Bản thứ hai.")]), Editor);
            return await content.PublishAsync(key, Editor);
        });
        var third = await visitor.GetAsync(url);

        Assert.NotEqual(first.Headers.ETag, third.Headers.ETag);
        var text = Text(await third.Content.ReadAsByteArrayAsync());
        Assert.Contains("Tờ gấp lưu bản PDF, bản hai", text);
        Assert.Contains("Bản thứ hai.", text);
        Assert.Single(Directory.GetFiles(Path.Combine(site.DataPath, "cache", "leaflets", key.ToString("N"))));
    }

    [Fact]
    public async Task Pdf_RequestedWithAForgedHost_KeptFileAndItsQrAddressUnchanged()
    {
        await KnowOwnAddressAsync(site);
        var key = await PublishedLeafletAsync("Tờ gấp và địa chỉ giả", "Nội dung tờ gấp.");
        using var visitor = site.CreateServerClient();
        var url = $"/to-gap/{key:N}/vi.pdf";
        var folder = Path.Combine(site.DataPath, "cache", "leaflets", key.ToString("N"));
        var first = await visitor.GetAsync(url);
        var cached = Directory.GetFiles(folder).Single();
        var written = File.GetLastWriteTimeUtc(cached);

        var forged = await visitor.SendAsync(WithHost(url, "attacker.example"));

        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Equal(first.Headers.ETag, forged.Headers.ETag);
        Assert.Equal([cached], Directory.GetFiles(folder));
        Assert.Equal(written, File.GetLastWriteTimeUtc(cached));
        var text = Text(await forged.Content.ReadAsByteArrayAsync()).Replace(" ", "");
        Assert.Contains(site.ServerAddress + site.Snapshot.Get(key)!.Url("vi"), text);
        Assert.DoesNotContain("attacker.example", text);
    }

    [Fact]
    public async Task Pdf_BeforeTheSiteKnowsItsAddress_DrawnForTheRequestAndNothingKept()
    {
        using var fresh = new SiteFactory();
        var key = await fresh.CreateLeafletAsync("Tờ gấp của trang mới", "Nội dung.", Editor);
        await fresh.WithContentServiceAsync(content => content.PublishAsync(key, Editor));
        using var visitor = fresh.CreateServerClient();

        var forged = await visitor.SendAsync(WithHost($"/to-gap/{key:N}/vi.pdf", "attacker.example"));

        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("Tờ gấp của trang mới", Text(await forged.Content.ReadAsByteArrayAsync()));
        Assert.False(Directory.Exists(Path.Combine(fresh.DataPath, "cache", "leaflets")), "a PDF drawn for an untrusted address was kept");
    }

    [Fact]
    public async Task Pdf_OfALeafletNeverPublished_NotFound()
    {
        var key = await site.CreateLeafletAsync("Tờ gấp chưa xuất bản", "Bản nháp.", Editor);
        using var visitor = site.CreateServerClient();

        var response = await visitor.GetAsync($"/to-gap/{key:N}/vi.pdf");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/to-gap/{Guid.NewGuid():N}/vi.pdf")).StatusCode);
    }
}
