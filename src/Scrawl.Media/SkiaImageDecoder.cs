using Scrawl.Data.Images;
using Scrawl.Imaging;
using SkiaSharp;

namespace Scrawl.Media;

/// <summary>
/// Decodes PNG, JPEG, BMP, WebP and GIF files with SkiaSharp: honours EXIF orientation, composites any
/// transparency over a background grey, converts to grey by luminance (0.299 R + 0.587 G + 0.114 B) or RGB,
/// and resizes with Skia's high-quality sampling (trilinear mipmaps when shrinking, Catmull-Rom cubic when
/// growing, exact copy at the same size; JPEGs are first decoded at a reduced DCT scale when that still covers the target). Thread-safe.
/// </summary>
public sealed class SkiaImageDecoder : IImageDecoder
{
    /// <summary>A decoder that composites transparency over white.</summary>
    public SkiaImageDecoder()
        : this(1f)
    {
    }

    /// <summary>A decoder that composites transparency over the grey <paramref name="alphaBackground"/> (0 black … 1 white).</summary>
    public SkiaImageDecoder(float alphaBackground)
    {
        if (!(alphaBackground >= 0f && alphaBackground <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(alphaBackground), $"The background must be in [0, 1], got {alphaBackground}.");
        }

        AlphaBackground = alphaBackground;
    }

    /// <summary>The grey in [0, 1] that transparent pixels are composited over.</summary>
    public float AlphaBackground { get; }

    /// <summary>
    /// True: transparent pixels are composited over the median colour of the image's opaque pixels instead of <see cref="AlphaBackground"/>
    /// (a page cut out of a photo then lies on its own paper, not on a white or black frame that would read as a sheet or as ink).
    /// </summary>
    public bool TransparentAsOpaqueMedian { get; init; }

    /// <summary>
    /// The most pixels decoded into one full frame (64 megapixels, ≥ 1). Larger images are decoded row by row and
    /// block-averaged when a smaller size is asked for, and refused at native size, so memory stays bounded.
    /// </summary>
    public long MaxFramePixels { get; init; } = 1L << 26;

    /// <inheritdoc/>
    public FloatImage Decode(string path, DecodeRequest request)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file.", path);
        }

        return Decode(File.ReadAllBytes(path), request, path);
    }

    /// <summary>Decodes an encoded image held in memory; <paramref name="name"/> (e.g. its path) appears in error messages.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a decodable image.</exception>
    public FloatImage Decode(byte[] encoded, DecodeRequest request, string name = "image")
    {
        ArgumentNullException.ThrowIfNull(encoded);
        request.Validate();
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            throw new InvalidDataException($"{name}: not a decodable image (unknown format or corrupt header, {encoded.Length} bytes).");
        }

        var origin = codec.EncodedOrigin;
        bool swapsAxes = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        int uprightHeight = swapsAxes ? codec.Info.Width : codec.Info.Height;
        int uprightWidth = swapsAxes ? codec.Info.Height : codec.Info.Width;
        if (uprightHeight < 1 || uprightWidth < 1)
        {
            throw new InvalidDataException($"{name}: the image has no pixels ({uprightWidth}×{uprightHeight}).");
        }

        if (request.IsNative && (long)uprightHeight * uprightWidth > MaxFramePixels)
        {
            throw new InvalidDataException($"{name}: the image is {uprightWidth:N0}×{uprightHeight:N0} pixels, more than the {MaxFramePixels:N0} decoded at native size; ask for a smaller size.");
        }

        var plan = ResizePlan.For(uprightHeight, uprightWidth, request);
        if ((long)plan.ScaledHeight * plan.ScaledWidth > MaxFramePixels)
        {
            throw new InvalidDataException($"{name}: a {plan.ScaledWidth:N0}×{plan.ScaledHeight:N0} result is more than the {MaxFramePixels:N0} pixels this decoder produces.");
        }

        using var source = DecodeAtLeast(codec, swapsAxes ? plan.ScaledWidth : plan.ScaledHeight, swapsAxes ? plan.ScaledHeight : plan.ScaledWidth, name, MaxFramePixels);
        using var image = SKImage.FromBitmap(source);
        using var target = new SKBitmap(new SKImageInfo(plan.ScaledWidth, plan.ScaledHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(target))
        {
            byte bg = (byte)Math.Round(AlphaBackground * 255f);
            canvas.Clear(TransparentAsOpaqueMedian && source.AlphaType != SKAlphaType.Opaque && OpaqueMedian(source) is { } median
                ? median : new SKColor(bg, bg, bg));

            // Encoded pixels → upright frame → scaled frame.
            var toUpright = Orientation(origin, source.Width, source.Height);
            float sx = (float)plan.ScaledWidth / (swapsAxes ? source.Height : source.Width);
            float sy = (float)plan.ScaledHeight / (swapsAxes ? source.Width : source.Height);
            canvas.SetMatrix(SKMatrix.Concat(SKMatrix.CreateScale(sx, sy), toUpright));
            // Same size: pixels map onto pixels (orientation too), so copy them exactly.
            var sampling = sx == 1f && sy == 1f ? new SKSamplingOptions(SKFilterMode.Nearest)
                : sx < 1f || sy < 1f ? new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)
                : new SKSamplingOptions(SKCubicResampler.CatmullRom);
            using var paint = new SKPaint { BlendMode = SKBlendMode.SrcOver };
            canvas.DrawImage(image, 0, 0, sampling, paint);
        }

        var scaled = ToFloat(target, request.Color);
        return plan.Apply(scaled, request.Fill);
    }

    /// <summary>The per-channel median colour of the pixels at least 98 % opaque (sampled on a grid of at most 256×256), or null when none is.</summary>
    private static SKColor? OpaqueMedian(SKBitmap bitmap)
    {
        int step = Math.Max(1, Math.Max(bitmap.Width, bitmap.Height) / 256);
        var r = new List<byte>();
        var g = new List<byte>();
        var b = new List<byte>();
        for (int y = 0; y < bitmap.Height; y += step)
        {
            for (int x = 0; x < bitmap.Width; x += step)
            {
                var c = bitmap.GetPixel(x, y);
                if (c.Alpha >= 250)
                {
                    r.Add(c.Red);
                    g.Add(c.Green);
                    b.Add(c.Blue);
                }
            }
        }

        if (r.Count == 0)
        {
            return null;
        }

        static byte Median(List<byte> v)
        {
            v.Sort();
            return v[v.Count / 2];
        }

        return new SKColor(Median(r), Median(g), Median(b));
    }

    /// <summary>Decodes the whole frame, at the smallest DCT scale the codec offers that is still ≥ the needed size.</summary>
    private static SKBitmap DecodeAtLeast(SKCodec codec, int neededHeight, int neededWidth, string name, long maxPixels)
    {
        var size = new SKSizeI(codec.Info.Width, codec.Info.Height);
        float scale = Math.Max((float)neededWidth / size.Width, (float)neededHeight / size.Height);
        for (int eighths = 1; eighths < 8 && scale < 1f; eighths++)
        {
            // JPEG offers k/8 scales; other formats answer with the full size.
            var reduced = codec.GetScaledDimensions(eighths / 8f);
            if (reduced.Width >= neededWidth && reduced.Height >= neededHeight && reduced.Width < size.Width)
            {
                size = reduced;
                break;
            }
        }

        if ((long)size.Width * size.Height > maxPixels)
        {
            // Too large for one frame: average blocks row by row (memory: one row plus the reduced frame).
            int factor = ScanlineDownsampler.Factor(size.Width, size.Height, neededWidth, neededHeight, maxPixels);
            return ScanlineDownsampler.Decode(codec, size, factor, name);
        }

        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            bitmap.Dispose();
            string why = result == SKCodecResult.IncompleteInput ? "truncated or corrupt image data" : $"decoding failed ({result})";
            throw new InvalidDataException($"{name}: {why}.");
        }

        return bitmap;
    }

    /// <summary>The matrix taking encoded pixel coordinates (w×h) to the upright picture EXIF orientation describes.</summary>
    private static SKMatrix Orientation(SKEncodedOrigin origin, int w, int h) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
        _ => SKMatrix.Identity,
    };

    private static FloatImage ToFloat(SKBitmap bitmap, ColorMode color)
    {
        var bytes = bitmap.GetPixelSpan();
        int n = bitmap.Width * bitmap.Height;
        const float Inv = 1f / 255f;
        if (color == ColorMode.Rgb)
        {
            var rgb = new FloatImage(bitmap.Height, bitmap.Width, 3);
            for (int i = 0; i < n; i++)
            {
                rgb.Pixels[(i * 3) + 0] = bytes[(i * 4) + 0] * Inv;
                rgb.Pixels[(i * 3) + 1] = bytes[(i * 4) + 1] * Inv;
                rgb.Pixels[(i * 3) + 2] = bytes[(i * 4) + 2] * Inv;
            }

            return rgb;
        }

        var grey = new FloatImage(bitmap.Height, bitmap.Width);
        for (int i = 0; i < n; i++)
        {
            float luma = (0.299f * bytes[i * 4]) + (0.587f * bytes[(i * 4) + 1]) + (0.114f * bytes[(i * 4) + 2]);
            grey.Pixels[i] = Math.Min(1f, luma * Inv);
        }

        return grey;
    }
}
