using System.Net;
using ChildProtection.Cms.Content;
using ChildProtection.Cms.Media;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace ChildProtection.Web.Tests.Media;

[Collection(SiteCollection.Name)]
public sealed class ResponsiveImageTests(SiteFactory site)
{
    private static byte[] Photo(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.SeaGreen);
        return bitmap.Encode(SKEncodedImageFormat.Jpeg, 85).ToArray();
    }

    private async Task<string> PublishedLeafletAsync(string name, params PropertyValueEdit[] values)
    {
        var key = await site.CreateLeafletAsync(name, "Nội dung tờ gấp.", "kiemthu@example.vn", values);
        await site.WithContentServiceAsync(content => content.PublishAsync(key, "kiemthu@example.vn"));
        return site.Snapshot.Get(key)!.Url("vi")!;
    }

    /// <summary>A media picker's stored value, as the content editor saves it.</summary>
    internal static PropertyValueEdit ShareImage(MediaItem image) =>
        new("shareImage", "vi", $"[{{\"key\":\"{Guid.NewGuid()}\",\"mediaKey\":\"{image.Key}\"}}]");

    [Fact]
    public async Task LeafletWithAnImage_PictureWithSignedWebPAndJpegWidthsUpToTheOriginal()
    {
        var image = await site.UploadMediaAsync("anh-to-gap-hinh.jpg", Photo(1000, 600));
        await using (var scope = site.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MediaService>().SetAltTextsAsync(image.Key, new Dictionary<string, string?> { ["vi"] = "Cô giáo đọc truyện cho các em" });
        }

        var url = await PublishedLeafletAsync("Tờ gấp có ảnh đầu trang", ShareImage(image));
        using var visitor = site.CreateServerClient();

        var (_, page) = await visitor.GetPageAsync(url);

        var picture = page.QuerySelector("article picture.hero-image")!;
        var webp = picture.QuerySelector("source[type='image/webp']")!;
        var img = picture.QuerySelector("img")!;
        Assert.Equal(["360w", "640w", "960w", "1000w"], webp.GetAttribute("srcset")!.Split(", ").Select(c => c.Split(' ')[1]));
        Assert.Equal(("1000", "600"), (img.GetAttribute("width"), img.GetAttribute("height")));
        Assert.Equal(("lazy", "async"), (img.GetAttribute("loading"), img.GetAttribute("decoding")));
        Assert.Equal("Cô giáo đọc truyện cho các em", img.GetAttribute("alt"));
        Assert.Equal(img.GetAttribute("sizes"), webp.GetAttribute("sizes"));
        foreach (var (candidate, type) in webp.GetAttribute("srcset")!.Split(", ").Select(c => (c, "image/webp"))
                     .Concat(img.GetAttribute("srcset")!.Split(", ").Select(c => (c, "image/jpeg"))))
        {
            var response = await visitor.GetAsync(candidate.Split(' ')[0]);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
            using var codec = SKCodec.Create(new SKMemoryStream(await response.Content.ReadAsByteArrayAsync()));
            Assert.Equal(int.Parse(candidate.Split(' ')[1].TrimEnd('w'), System.Globalization.CultureInfo.InvariantCulture), codec.Info.Width);
        }
    }

    [Fact]
    public async Task LeafletWithoutAnImage_NoPicture()
    {
        var url = await PublishedLeafletAsync("Tờ gấp không có ảnh");
        using var visitor = site.CreateServerClient();

        var (_, page) = await visitor.GetPageAsync(url);

        Assert.NotNull(page.QuerySelector("article h1"));
        Assert.Null(page.QuerySelector("article picture"));
    }
}
