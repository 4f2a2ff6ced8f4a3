using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using ChildProtection.Cms.Media;
using ChildProtection.Web.Tests.Backoffice;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace ChildProtection.Web.Tests.Media;

[Collection(SiteCollection.Name)]
public sealed class ImageVariantTests(SiteFactory site)
{
    /// <summary>A 1600 × 900 photo: blue, with a red band on the right tenth, so a crop shows where it was cut.</summary>
    private static byte[] PhotoWithRedRightEdge()
    {
        using var bitmap = new SKBitmap(1600, 900);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Blue);
            using var red = new SKPaint { Color = SKColors.Red };
            canvas.DrawRect(1440, 0, 160, 900, red);
        }

        return bitmap.Encode(SKEncodedImageFormat.Jpeg, 90).ToArray();
    }

    private string SignedUrl(MediaItem item, ImageVariantQuery query) => site.Services.GetRequiredService<ImageUrlSigner>().Url(item, query);

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string accept = "image/avif,image/webp,*/*")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        return await client.SendAsync(request);
    }

    private static SKSizeI SizeOf(byte[] bytes)
    {
        using var codec = SKCodec.Create(new SKMemoryStream(bytes));
        return codec.Info.Size;
    }

    private string VariantFolder(MediaItem item) => Path.Combine(site.DataPath, "cache", "media", item.Key.ToString("N"));

    [Theory]
    [InlineData("?width=123")]
    [InlineData("?width=123&hmac=AAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Variant_UnsignedOrWronglySigned_RefusedAndNothingDrawn(string query)
    {
        var item = await site.UploadMediaAsync("khong-ky.jpg", MediaSectionTests.PhotoWithGps(300, 200));
        using var client = site.CreateServerClient();
        using var counter = new RenderCounter(site);

        var response = await GetAsync(client, item.Url + query);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("chữ ký", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, counter.Count);
        Assert.False(Directory.Exists(VariantFolder(item)));
    }

    [Fact]
    public async Task Variant_SignedButTamperedWidth_Refused()
    {
        var item = await site.UploadMediaAsync("sua-chu-ky.jpg", MediaSectionTests.PhotoWithGps(300, 200));
        var signed = SignedUrl(item, new ImageVariantQuery(Width: 100, Format: "jpeg"));
        using var client = site.CreateServerClient();

        var response = await GetAsync(client, signed.Replace("width=100", "width=3999"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Variant_AbsurdSize_RefusedEvenBeforeTheSignature()
    {
        var item = await site.UploadMediaAsync("qua-to.jpg", MediaSectionTests.PhotoWithGps(300, 200));
        using var client = site.CreateServerClient();

        var response = await GetAsync(client, item.Url + "?width=40000&height=40000");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Variant_SecondRequest_ServedFromDiskWithoutDrawingAgain()
    {
        var item = await site.UploadMediaAsync("luu-dem.jpg", MediaSectionTests.PhotoWithGps(640, 480));
        var url = SignedUrl(item, new ImageVariantQuery(Width: 320, Format: "jpeg"));
        using var client = site.CreateServerClient();
        using var counter = new RenderCounter(site);

        var first = await GetAsync(client, url);
        var file = Directory.GetFiles(VariantFolder(item), "*", SearchOption.AllDirectories).Single();
        var written = File.GetLastWriteTimeUtc(file);
        var second = await GetAsync(client, url);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", first.Headers.CacheControl!.ToString());
        Assert.Contains("Accept", first.Headers.Vary);
        Assert.NotNull(first.Headers.ETag);
        var bytes = await first.Content.ReadAsByteArrayAsync();
        Assert.Equal(new SKSizeI(320, 240), SizeOf(bytes));
        Assert.Equal(bytes, await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, counter.Count);
        Assert.Equal(written, File.GetLastWriteTimeUtc(file));

        var revalidate = new HttpRequestMessage(HttpMethod.Get, url);
        revalidate.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(revalidate)).StatusCode);
    }

    [Fact]
    public async Task Variant_ConcurrentFirstRequests_DrawnOnce()
    {
        var item = await site.UploadMediaAsync("dong-thoi.jpg", PhotoWithRedRightEdge());
        var url = SignedUrl(item, new ImageVariantQuery(Width: 700, Format: "webp"));
        using var client = site.CreateServerClient();
        using var counter = new RenderCounter(site);

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => GetAsync(client, url)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single((await Task.WhenAll(responses.Select(r => r.Content.ReadAsByteArrayAsync()))).Select(Convert.ToBase64String).Distinct());
        Assert.Equal(1, counter.Count);
    }

    [Fact]
    public async Task Variant_NoFormatAsked_WebPOnlyForBrowsersThatAcceptIt()
    {
        var item = await site.UploadMediaAsync("webp-khi-nhan.jpg", MediaSectionTests.PhotoWithGps(400, 300));
        var url = SignedUrl(item, new ImageVariantQuery(Width: 200));
        using var client = site.CreateServerClient();

        var modern = await GetAsync(client, url, "image/avif,image/webp,image/apng,*/*;q=0.8");
        var old = await GetAsync(client, url, "image/png,image/*;q=0.8,*/*;q=0.5");
        var none = await GetAsync(client, url, "*/*");

        Assert.Equal("image/webp", modern.Content.Headers.ContentType!.MediaType);
        Assert.Equal("WEBP", Encoding.ASCII.GetString((await modern.Content.ReadAsByteArrayAsync())[8..12]));
        Assert.Equal("image/jpeg", old.Content.Headers.ContentType!.MediaType);
        Assert.Equal("image/jpeg", none.Content.Headers.ContentType!.MediaType);
        Assert.All(new[] { modern, old, none }, r => Assert.Contains("Accept", r.Headers.Vary));
        Assert.NotEqual(modern.Headers.ETag, old.Headers.ETag);
    }

    [Theory]
    [InlineData(0.95, "red")]
    [InlineData(0.1, "blue")]
    public async Task Variant_CropAroundTheFocalPoint_HasTheAskedSize(double x, string colour)
    {
        var item = await site.UploadMediaAsync($"cat-{colour}.jpg", PhotoWithRedRightEdge());
        using var client = site.CreateServerClient();

        var response = await GetAsync(client, SignedUrl(item, new ImageVariantQuery(Width: 90, Height: 160, Mode: ImageResizeMode.Crop, FocalPoint: new FocalPoint(x, 0.5), Format: "png")));

        using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((90, 160), (bitmap.Width, bitmap.Height));
        var centre = bitmap.GetPixel(bitmap.Width - 5, 80);
        Assert.Equal(colour == "red", centre.Red > 200 && centre.Blue < 60);
    }

    [Fact]
    public async Task Variant_NamedCropAndTheItemsFocalPoint_UsedWhenTheUrlHasNone()
    {
        var item = await site.UploadMediaAsync("cat-theo-ten.jpg", PhotoWithRedRightEdge());
        await using (var scope = site.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MediaService>().SetFocalPointAsync(item.Key, new FocalPoint(1, 0.5));
        }

        using var client = site.CreateServerClient();
        var full = await GetAsync(client, SignedUrl(item, new ImageVariantQuery(Crop: "the", Format: "png")));
        var smaller = await GetAsync(client, SignedUrl(item, new ImageVariantQuery(Crop: "the", Width: 400, Format: "png")));
        var square = await GetAsync(client, SignedUrl(item, new ImageVariantQuery(Width: 100, Height: 100, Mode: ImageResizeMode.Crop, Format: "png")));

        Assert.Equal(new SKSizeI(800, 450), SizeOf(await full.Content.ReadAsByteArrayAsync()));
        Assert.Equal(new SKSizeI(400, 225), SizeOf(await smaller.Content.ReadAsByteArrayAsync()));
        using var bitmap = SKBitmap.Decode(await square.Content.ReadAsByteArrayAsync());
        Assert.True(bitmap.GetPixel(95, 50).Red > 200, "the crop is pushed to the right edge, where the focal point is");
    }

    [Fact]
    public async Task Variant_OfAPhotoWithGps_CarriesNoExif()
    {
        var item = await site.UploadMediaAsync("gps-bien-the.jpg", MediaSectionTests.PhotoWithGps(400, 300));
        using var client = site.CreateServerClient();

        var bytes = await (await GetAsync(client, SignedUrl(item, new ImageVariantQuery(Width: 200, Format: "jpeg")))).Content.ReadAsByteArrayAsync();

        Assert.Equal(new SKSizeI(200, 150), SizeOf(bytes));
        Assert.DoesNotContain("Exif", Encoding.ASCII.GetString(bytes));
        Assert.False(bytes.Zip(bytes.Skip(1)).Any(p => p.First == 0xFF && p.Second == 0xE1), "an APP1 segment is left");
    }

    [Fact]
    public async Task Variant_AfterTheFileIsReplaced_OldAddressLeadsToTheNewFile()
    {
        var item = await site.UploadMediaAsync("thay-bien-the.jpg", MediaSectionTests.PhotoWithGps(400, 300));
        var oldUrl = SignedUrl(item, new ImageVariantQuery(Width: 100, Format: "jpeg"));
        using var client = site.CreateServerClient();
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, oldUrl)).StatusCode);

        await using (var scope = site.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MediaService>().ReplaceAsync(item.Key, "anh-moi.jpg", new MemoryStream(MediaSectionTests.PhotoWithGps(200, 200)));
        }

        var moved = await GetAsync(client, oldUrl);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var current = await GetAsync(client, moved.Headers.Location!.OriginalString);
        Assert.Equal(new SKSizeI(100, 100), SizeOf(await current.Content.ReadAsByteArrayAsync()));
    }

    /// <summary>Counts the variants this site draws, through the metric it publishes.</summary>
    private sealed class RenderCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public RenderCounter(SiteFactory site)
        {
            var meters = site.Services.GetRequiredService<IMeterFactory>();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ImageVariants.MeterName && instrument.Meter.Scope == meters)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
