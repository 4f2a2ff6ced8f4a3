// The media pipeline's half of bench/media-pipeline.sh (see bench/README.md):
//   photos <dir> <count>             writes <count> photo-like JPEGs of about 2 MP (fixed seed)
//   resize <dir> <out> <width>       our pipeline: each photo to <width> px WebP, timed one by one after a warm-up
//   prepare <data> <schema> <photo>  uploads <photo> into a site's data folder and prints a signed variant URL
using System.Diagnostics;
using System.Globalization;
using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.Media;
using ChildProtection.Cms.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SkiaSharp;

switch (args)
{
    case ["photos", var dir, var count]:
        Photos(dir, int.Parse(count, CultureInfo.InvariantCulture));
        break;
    case ["resize", var dir, var output, var width]:
        Resize(dir, output, int.Parse(width, CultureInfo.InvariantCulture));
        break;
    case ["prepare", var data, var schema, var photo]:
        await PrepareAsync(data, schema, photo);
        break;
    default:
        Console.Error.WriteLine("usage: photos <dir> <count> | resize <dir> <out> <width> | prepare <data> <schema> <photo>");
        return 2;
}

return 0;

// 1732 × 1155 (2.0 MP, 3:2 like a phone photo): gradients, shapes and sensor-like noise, so that JPEG sizes and
// decode costs are those of photos rather than of flat colour.
static void Photos(string dir, int count)
{
    Directory.CreateDirectory(dir);
    var random = new Random(20260601);
    for (var i = 1; i <= count; i++)
    {
        using var bitmap = new SKBitmap(1732, 1155);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var sky = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, 1155),
                [new SKColor((byte)random.Next(256), (byte)random.Next(256), 255), new SKColor(40, (byte)random.Next(120, 200), 60)], SKShaderTileMode.Clamp);
            using var paint = new SKPaint { Shader = sky };
            canvas.DrawRect(0, 0, 1732, 1155, paint);
            using var shape = new SKPaint { IsAntialias = true };
            for (var s = 0; s < 60; s++)
            {
                shape.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(80, 255));
                canvas.DrawCircle(random.Next(1732), random.Next(1155), random.Next(10, 200), shape);
            }
        }

        var pixels = bitmap.GetPixelSpan().ToArray();
        for (var p = 0; p < pixels.Length; p++)
        {
            if (p % 4 != 3)
            {
                pixels[p] = (byte)Math.Clamp(pixels[p] + random.Next(-12, 13), 0, 255);
            }
        }

        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        File.WriteAllBytes(Path.Combine(dir, $"photo-{i:00}.jpg"), data.ToArray());
    }
}

static void Resize(string dir, string output, int width)
{
    Directory.CreateDirectory(output);
    var spec = new ImageRenderSpec(width, null, ImageResizeMode.Max, FocalPoint.Centre, "webp", 80);
    var photos = Directory.GetFiles(dir, "*.jpg").Order(StringComparer.Ordinal).ToList();

    // A running site has compiled this code long ago: do not time .NET's JIT.
    ImageProcessor.Render(photos[0], spec);

    var times = new List<double>();
    foreach (var photo in photos)
    {
        var watch = Stopwatch.StartNew();
        var bytes = ImageProcessor.Render(photo, spec);
        File.WriteAllBytes(Path.Combine(output, Path.GetFileNameWithoutExtension(photo) + ".webp"), bytes);
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{times.Count} {times.Sum():0.0} {times.Average():0.0} {times.Order().ElementAt(times.Count / 2):0.0}"));
}

static async Task PrepareAsync(string data, string schema, string photo)
{
    var builder = Host.CreateApplicationBuilder();
    builder.Configuration["Cms:DataPath"] = data;
    builder.Configuration["Cms:SchemaPath"] = schema;
    builder.Configuration["Cms:SeedPath"] = "";
    builder.Configuration["Logging:LogLevel:Default"] = "Warning";
    builder.AddCms();
    using var host = builder.Build();
    // The site's start-up migrates every module; the engine alone is migrated here.
    await using (var scope = host.Services.CreateAsyncScope())
    {
        await scope.ServiceProvider.GetRequiredService<CmsDbContext>().Database.MigrateAsync();
    }

    await host.StartAsync();
    await using (var scope = host.Services.CreateAsyncScope())
    {
        await using var file = File.OpenRead(photo);
        var result = await scope.ServiceProvider.GetRequiredService<MediaService>().UploadAsync(null, Path.GetFileName(photo), file, "bench");
        var item = result.Result ?? throw new InvalidOperationException(result.Status.ToString());
        Console.WriteLine(host.Services.GetRequiredService<ImageUrlSigner>().Url(item, new ImageVariantQuery(Width: 800, Format: "webp")));
    }

    await host.StopAsync();
}
