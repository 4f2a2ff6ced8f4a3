using System.Diagnostics.Metrics;
using System.Globalization;
using ChildProtection.Cms.Caching;
using ChildProtection.Cms.DependencyInjection;

namespace ChildProtection.Cms.Media;

/// <summary>
/// Variants of media pictures, drawn once and kept under {DataPath}/cache/media/{key}/{file version}/, so a restart
/// keeps them and a replaced file never meets its old variants. At most one variant per core is drawn at a time:
/// a burst of new sizes queues instead of taking every thread from the requests being served.
/// </summary>
public sealed class ImageVariants(FileCache files, CmsPaths paths, IMeterFactory meters)
{
    public const string MeterName = "ChildProtection.Cms.Media";

    private readonly SemaphoreSlim _drawing = new(Environment.ProcessorCount);
    private readonly Counter<long> _rendered = meters.Create(MeterName).CreateCounter<long>(
        "cms.media.variants_rendered", description: "Image variants drawn and stored (cache misses).");

    public string VariantPath(Guid mediaKey, int fileVersion, ImageRenderSpec spec) =>
        Path.Combine(ItemFolder(mediaKey), fileVersion.ToString(CultureInfo.InvariantCulture), spec.FileName);

    /// <summary>The variant's file, drawn from <paramref name="sourcePath"/> the first time it is asked for.</summary>
    public Task<string> GetAsync(MediaItem item, string sourcePath, ImageRenderSpec spec, CancellationToken cancellationToken = default) =>
        files.GetOrCreateAsync(VariantPath(item.Key, item.FileVersion, spec), async stream =>
        {
            await _drawing.WaitAsync();
            byte[] bytes;
            try
            {
                bytes = ImageProcessor.Render(sourcePath, spec);
            }
            finally
            {
                _drawing.Release();
            }

            await stream.WriteAsync(bytes);
            _rendered.Add(1, new KeyValuePair<string, object?>("format", spec.Format));
        }, cancellationToken);

    /// <summary>Forgets every variant of an item (its file was replaced or deleted, or its focal point moved).</summary>
    public void Remove(Guid mediaKey)
    {
        try
        {
            Directory.Delete(ItemFolder(mediaKey), recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was ever drawn for it.
        }
    }

    private string ItemFolder(Guid mediaKey) => Path.Combine(paths.DataPath, "cache", "media", mediaKey.ToString("N"));
}
