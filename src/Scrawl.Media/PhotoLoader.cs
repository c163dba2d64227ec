using Scrawl.Data.Images;
using Scrawl.Imaging;
using SkiaSharp;

namespace Scrawl.Media;

/// <summary>
/// Loads photos for OCR at a bounded working size: the header gives the upright size, and a photo whose longer
/// side exceeds the requested maximum is decoded downscaled (JPEG at a reduced DCT scale, ½, ¼ or ⅛, then Skia's
/// resampling), never rejected for being large. Empty, undecodable and absurdly large files (more than
/// <see cref="MaxDecodedPixels"/> pixels even at the smallest scale the codec offers) raise
/// <see cref="InvalidDataException"/> naming the file. Thread-safe.
/// </summary>
public static class PhotoLoader
{
    /// <summary>The most pixels (width × height) a photo may have after the codec's own downscaling (256 megapixels).</summary>
    public const long MaxDecodedPixels = 256L * 1024 * 1024;

    /// <summary>
    /// The photo at <paramref name="path"/> as an image in the file's own intensities (grey or RGB by <paramref name="color"/>),
    /// its longer side at most <paramref name="maxSide"/> (≥ 1; aspect ratio kept), with the photo's full upright size.
    /// With <paramref name="slack"/> &gt; 0 (at most 0.5), a JPEG with a reduced DCT scale whose longer side lies within
    /// maxSide·(1 ± slack) is returned at the smallest such scale without a resampling pass (much faster; the caller copes
    /// with the slightly different size). <paramref name="pixels"/>, when given, supplies the array a JPEG read as grey is decoded into:
    /// called with the number of values H·W, it returns an array of exactly that length whose contents may be anything finite (say the
    /// previous photo's, kept by a reader that decodes photo after photo, so no fresh memory is touched); other decodes allocate.
    /// </summary>
    public static (FloatImage Image, int PhotoHeight, int PhotoWidth) Load(string path, int maxSide, ColorMode color = ColorMode.Grey, double slack = 0, Func<int, float[]>? pixels = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file.", path);
        }

        return Load(File.ReadAllBytes(path), path, maxSide, color, slack, pixels);
    }

    /// <summary>As <see cref="Load(string, int, ColorMode, double, Func{int, float[]}?)"/> for encoded bytes held in memory; <paramref name="name"/> names them in errors.</summary>
    public static (FloatImage Image, int PhotoHeight, int PhotoWidth) Load(byte[] encoded, string name, int maxSide, ColorMode color = ColorMode.Grey, double slack = 0, Func<int, float[]>? pixels = null)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSide, 1);
        if (!(slack is >= 0 and <= 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(slack), slack, "The slack must be in [0, 0.5].");
        }

        var (height, width) = UprightSize(encoded, name);
        double scale = Math.Min(1.0, (double)maxSide / Math.Max(height, width));
        var request = scale >= 1.0
            ? new DecodeRequest(color)
            : new DecodeRequest(color, Math.Max(1, (int)Math.Round(height * scale)), Math.Max(1, (int)Math.Round(width * scale)));
        if (slack > 0 && DctSizeWithin(encoded, maxSide * (1 - slack), maxSide * (1 + slack)) is { } dct)
        {
            // Exactly the scale's own size (libjpeg rounds each side up), so no resampling pass follows the decode.
            request = new DecodeRequest(color, dct.Height, dct.Width);
        }

        if (color == ColorMode.Grey && FastGreyJpeg(encoded, name, request, pixels) is { } fast)
        {
            return (fast, height, width);
        }

        return (new SkiaImageDecoder { TransparentAsOpaqueMedian = true }.Decode(encoded, request, name), height, width);
    }

    /// <summary>
    /// The fast path for upright JPEGs read as grey: libjpeg decodes the luma channel straight to 8-bit grey at the
    /// smallest DCT scale (k/8) that still covers the target, then Skia resamples (linear with mipmaps) to it. The luma
    /// of a JPEG is the same 0.299 R + 0.587 G + 0.114 B as the general decoder's. A colour JPEG (libjpeg gives no grey for
    /// it) takes the path only when that scale is the target itself (<see cref="ColourLuma"/>). Null when the path does not apply.
    /// </summary>
    internal static FloatImage? FastGreyJpeg(byte[] encoded, string name, DecodeRequest request, Func<int, float[]>? pixels = null)
    {
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat != SKEncodedImageFormat.Jpeg || codec.EncodedOrigin != SKEncodedOrigin.TopLeft)
        {
            return null;
        }

        int targetHeight = request.IsNative ? codec.Info.Height : request.Height, targetWidth = request.IsNative ? codec.Info.Width : request.Width;
        var size = new SKSizeI(codec.Info.Width, codec.Info.Height);
        for (int eighths = 1; eighths < 8; eighths++)
        {
            var reduced = codec.GetScaledDimensions(eighths / 8f);
            if (reduced.Width >= targetWidth && reduced.Height >= targetHeight && reduced.Width < size.Width)
            {
                size = reduced;
                break;
            }
        }

        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Gray8, SKAlphaType.Opaque);
        using var decoded = new SKBitmap(info);
        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result == SKCodecResult.InvalidConversion)
        {
            // A colour JPEG: libjpeg will not hand out grey. At exactly the target size the general decoder would copy the
            // RGBA frame pixel for pixel and take its luma, so do just that here, without its canvas and copies.
            return size.Width == targetWidth && size.Height == targetHeight ? ColourLuma(codec, size, name, pixels) : null;
        }

        if (result != SKCodecResult.Success)
        {
            throw new InvalidDataException($"{name}: {(result == SKCodecResult.IncompleteInput ? "truncated or corrupt image data" : $"decoding failed ({result})")}.");
        }

        var scaled = decoded;
        if (size.Width != targetWidth || size.Height != targetHeight)
        {
            scaled = new SKBitmap(new SKImageInfo(targetWidth, targetHeight, SKColorType.Gray8, SKAlphaType.Opaque));
            decoded.ScalePixels(scaled, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        }

        try
        {
            var image = Grey(targetHeight, targetWidth, pixels);
            var bytes = scaled.GetPixelSpan();
            for (int y = 0; y < targetHeight; y++)
            {
                var row = bytes.Slice(y * scaled.RowBytes, targetWidth);
                var destination = image.Pixels.AsSpan(y * targetWidth, targetWidth);
                for (int x = 0; x < row.Length; x++)
                {
                    destination[x] = row[x] * (1f / 255f);
                }
            }

            return image;
        }
        finally
        {
            if (!ReferenceEquals(scaled, decoded))
            {
                scaled.Dispose();
            }
        }
    }

    /// <summary>
    /// The grey image of a colour JPEG decoded at <paramref name="size"/> (one of its DCT scales): RGBA as the general decoder decodes it,
    /// then the same luma, 0.299 R + 0.587 G + 0.114 B, clipped to 1 — the general decoder's result at that size, without its canvas.
    /// </summary>
    private static FloatImage ColourLuma(SKCodec codec, SKSizeI size, string name, Func<int, float[]>? pixels)
    {
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap(info);
        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result != SKCodecResult.Success)
        {
            throw new InvalidDataException($"{name}: {(result == SKCodecResult.IncompleteInput ? "truncated or corrupt image data" : $"decoding failed ({result})")}.");
        }

        var image = Grey(size.Height, size.Width, pixels);
        var bytes = decoded.GetPixelSpan();
        const float Inv = 1f / 255f;
        for (int y = 0; y < size.Height; y++)
        {
            var row = bytes.Slice(y * decoded.RowBytes, 4 * size.Width);
            var destination = image.Pixels.AsSpan(y * size.Width, size.Width);
            for (int x = 0; x < destination.Length; x++)
            {
                float luma = (0.299f * row[4 * x]) + (0.587f * row[(4 * x) + 1]) + (0.114f * row[(4 * x) + 2]);
                destination[x] = Math.Min(1f, luma * Inv);
            }
        }

        return image;
    }

    /// <summary>A grey image to decode into, every value of which the caller overwrites: over the array <paramref name="pixels"/> supplies, or new.</summary>
    private static FloatImage Grey(int height, int width, Func<int, float[]>? pixels)
    {
        if (pixels is null)
        {
            return new FloatImage(height, width);
        }

        var values = pixels(height * width);
        if (values.Length != height * width)
        {
            throw new InvalidOperationException($"The pixel supplier returned {values.Length} values for a {height}×{width} photo.");
        }

        return new FloatImage(values, height, width);
    }

    /// <summary>The upright size of the first reduced DCT scale (k/8, k &lt; 8) of a JPEG whose longer side lies in [<paramref name="low"/>, <paramref name="high"/>], or null.</summary>
    private static (int Height, int Width)? DctSizeWithin(byte[] encoded, double low, double high)
    {
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat != SKEncodedImageFormat.Jpeg)
        {
            return null;
        }

        bool swapsAxes = codec.EncodedOrigin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        for (int eighths = 1; eighths < 8; eighths++)
        {
            var size = codec.GetScaledDimensions(eighths / 8f);
            int longer = Math.Max(size.Width, size.Height);
            if (longer >= low && longer <= high)
            {
                return swapsAxes ? (size.Width, size.Height) : (size.Height, size.Width);
            }
        }

        return null;
    }

    /// <summary>The upright (EXIF orientation applied) height and width from the file's header, after checking it is decodable and not absurdly large.</summary>
    public static (int Height, int Width) UprightSize(byte[] encoded, string name)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (encoded.Length == 0)
        {
            throw new InvalidDataException($"{name}: empty file (0 bytes), not an image.");
        }

        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data)
            ?? throw new InvalidDataException($"{name}: not a decodable image (unknown format or corrupt header, {encoded.Length:N0} bytes).");
        var info = codec.Info;
        if (info.Width < 1 || info.Height < 1)
        {
            throw new InvalidDataException($"{name}: the image has no pixels ({info.Width}×{info.Height}).");
        }

        var smallest = codec.GetScaledDimensions(1f / 8f);
        if ((long)smallest.Width * smallest.Height > MaxDecodedPixels)
        {
            throw new InvalidDataException($"{name}: too large to decode ({info.Width:N0}×{info.Height:N0} pixels; at most {MaxDecodedPixels:N0} pixels can be decoded).");
        }

        bool swaps = codec.EncodedOrigin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        return swaps ? (info.Width, info.Height) : (info.Height, info.Width);
    }
}
