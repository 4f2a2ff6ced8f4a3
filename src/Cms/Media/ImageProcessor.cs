using SkiaSharp;

namespace ChildProtection.Cms.Media;

/// <summary>Draws one variant of a stored picture with SkiaSharp (ImageSharp.Web's resize, crop and pad).</summary>
public static class ImageProcessor
{
    private static readonly SKSamplingOptions Mitchell = new(SKCubicResampler.Mitchell);
    private static readonly SKSamplingOptions Halving = new(SKFilterMode.Linear);

    public static byte[] Render(string sourcePath, ImageRenderSpec spec)
    {
        using var codec = SKCodec.Create(sourcePath) ?? throw new InvalidDataException($"Not a picture: {sourcePath}");
        var (sourceWidth, sourceHeight) = (codec.Info.Width, codec.Info.Height);
        var plan = Plan(sourceWidth, sourceHeight, spec);

        // A JPEG decodes straight to 1/2, 1/4 or 1/8 of its size for little more than the cost of reading it
        // (libjpeg's DCT scaling, vips's "shrink on load"); ask for the smallest that still covers the target.
        var scale = Math.Min((float)plan.Content.Width / plan.Source.Width, (float)plan.Content.Height / plan.Source.Height);
        var decodedSize = scale < 1 ? codec.GetScaledDimensions(scale) : codec.Info.Size;
        if (decodedSize.Width * plan.Source.Width / sourceWidth < plan.Content.Width || decodedSize.Height * plan.Source.Height / sourceHeight < plan.Content.Height)
        {
            decodedSize = codec.Info.Size;
        }

        using var decoded = SKBitmap.Decode(codec, codec.Info.WithSize(decodedSize).WithColorType(SKColorType.Rgba8888).WithAlphaType(SKAlphaType.Premul))
            ?? throw new InvalidDataException($"Cannot decode {sourcePath}");
        var ratioX = (float)decodedSize.Width / sourceWidth;
        var ratioY = (float)decodedSize.Height / sourceHeight;
        var source = new SKRect(plan.Source.Left * ratioX, plan.Source.Top * ratioY, plan.Source.Right * ratioX, plan.Source.Bottom * ratioY);

        var image = SKImage.FromBitmap(decoded);
        try
        {
            // A cubic filter sees only a few source pixels per output pixel: going down more than twice in one step
            // would alias (moiré on a school uniform). Halve with a box-like filter first, then finish with Mitchell.
            while (source.Width >= 2 * plan.Content.Width && source.Height >= 2 * plan.Content.Height)
            {
                var half = Draw(image, source, new SKSizeI((int)Math.Ceiling(source.Width / 2), (int)Math.Ceiling(source.Height / 2)), Halving);
                image.Dispose();
                image = half;
                source = SKRect.Create(image.Width, image.Height);
            }

            using var output = new SKBitmap(plan.Canvas.Width, plan.Canvas.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
            using (var canvas = new SKCanvas(output))
            {
                canvas.Clear(spec.Format == "jpeg" ? SKColors.White : SKColors.Transparent);
                canvas.DrawImage(image, source, SKRect.Create(plan.Offset.X, plan.Offset.Y, plan.Content.Width, plan.Content.Height), Mitchell);
            }

            var format = spec.Format switch
            {
                "webp" => SKEncodedImageFormat.Webp,
                "png" => SKEncodedImageFormat.Png,
                _ => SKEncodedImageFormat.Jpeg,
            };
            using var data = output.Encode(format, spec.Quality);
            return data.ToArray();
        }
        finally
        {
            image.Dispose();
        }
    }

    /// <summary>Which part of the source is used, how big it is drawn, on how big a canvas and where on it.</summary>
    internal sealed record RenderPlan(SKRect Source, SKSizeI Content, SKSizeI Canvas, SKPointI Offset);

    internal static RenderPlan Plan(int sourceWidth, int sourceHeight, ImageRenderSpec spec)
    {
        var full = SKRect.Create(sourceWidth, sourceHeight);
        double widthScale = spec.Width is { } w ? (double)w / sourceWidth : double.PositiveInfinity;
        double heightScale = spec.Height is { } h ? (double)h / sourceHeight : double.PositiveInfinity;
        switch (spec.Mode)
        {
            case ImageResizeMode.Crop:
            {
                var (width, height) = (spec.Width!.Value, spec.Height!.Value);
                var scale = Math.Max(widthScale, heightScale);
                var (cropWidth, cropHeight) = (Math.Min(sourceWidth, width / scale), Math.Min(sourceHeight, height / scale));

                // The cut is centred on the focal point as far as the picture's edges allow.
                var left = Math.Clamp(spec.FocalPoint.X * sourceWidth - cropWidth / 2, 0, sourceWidth - cropWidth);
                var top = Math.Clamp(spec.FocalPoint.Y * sourceHeight - cropHeight / 2, 0, sourceHeight - cropHeight);
                var size = new SKSizeI(width, height);
                return new RenderPlan(SKRect.Create((float)left, (float)top, (float)cropWidth, (float)cropHeight), size, size, SKPointI.Empty);
            }

            case ImageResizeMode.Pad:
            {
                var scale = Math.Min(widthScale, heightScale);
                var content = new SKSizeI(Math.Max(1, (int)Math.Round(sourceWidth * scale)), Math.Max(1, (int)Math.Round(sourceHeight * scale)));
                var canvas = new SKSizeI(spec.Width!.Value, spec.Height!.Value);
                return new RenderPlan(full, content, canvas, new SKPointI((canvas.Width - content.Width) / 2, (canvas.Height - content.Height) / 2));
            }

            default:
            {
                var scale = Math.Min(1, Math.Min(widthScale, heightScale));
                var content = new SKSizeI(Math.Max(1, (int)Math.Round(sourceWidth * scale)), Math.Max(1, (int)Math.Round(sourceHeight * scale)));
                return new RenderPlan(full, content, content, SKPointI.Empty);
            }
        }
    }

    private static SKImage Draw(SKImage image, SKRect source, SKSizeI size, SKSamplingOptions sampling)
    {
        using var surface = SKSurface.Create(new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.DrawImage(image, source, SKRect.Create(size.Width, size.Height), sampling);
        return surface.Snapshot();
    }
}
