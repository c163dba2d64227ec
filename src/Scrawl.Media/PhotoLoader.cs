using Scrawl.Data.Images;
using Scrawl.Imaging;
using SkiaSharp;

namespace Scrawl.Media;

/// <summary>
/// Loads photos for OCR at a bounded working size: the header gives the upright size, and a photo whose longer
/// side exceeds the requested maximum is decoded downscaled (JPEG at a reduced DCT scale, k/8, then Skia's
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
    /// with the slightly different size). <paramref name="pixels"/>, when given, supplies the array a photo read as grey is decoded into:
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

        using var codec = Open(encoded, name);
        var (height, width) = UprightSize(codec, name);
        double scale = Math.Min(1.0, (double)maxSide / Math.Max(height, width));
        var (targetHeight, targetWidth) = scale >= 1.0
            ? (height, width)
            : (Math.Max(1, (int)Math.Round(height * scale)), Math.Max(1, (int)Math.Round(width * scale)));
        if (slack > 0 && DctSizeWithin(codec, maxSide * (1 - slack), maxSide * (1 + slack)) is { } dct)
        {
            // Exactly the scale's own size (libjpeg rounds each side up), so no resampling pass follows the decode.
            (targetHeight, targetWidth) = dct;
        }

        if (color == ColorMode.Grey && GreyPhotoDecoder.Decode(codec, name, targetHeight, targetWidth, MaxFramePixels, pixels) is { } grey)
        {
            return (grey, height, width);
        }

        var request = (targetHeight, targetWidth) == (height, width) ? new DecodeRequest(color) : new DecodeRequest(color, targetHeight, targetWidth);
        return (new SkiaImageDecoder { TransparentAsOpaqueMedian = true, MaxFramePixels = MaxFramePixels }.Decode(encoded, request, name), height, width);
    }

    /// <summary>The most pixels of one decoded frame (64 megapixels); a larger frame is averaged row by row by the general decoder.</summary>
    private const long MaxFramePixels = 1L << 26;

    /// <summary>The upright size of the first reduced DCT scale (k/8, k &lt; 8) of a JPEG whose longer side lies in [<paramref name="low"/>, <paramref name="high"/>], or null.</summary>
    private static (int Height, int Width)? DctSizeWithin(NativeCodec codec, double low, double high)
    {
        if (codec.Format != SKEncodedImageFormat.Jpeg)
        {
            return null;
        }

        for (int eighths = 1; eighths < 8; eighths++)
        {
            var (w, h) = codec.ScaledDimensions(eighths / 8f);
            int longer = Math.Max(w, h);
            if (longer >= low && longer <= high)
            {
                return codec.SwapsAxes ? (w, h) : (h, w);
            }
        }

        return null;
    }

    private static NativeCodec Open(byte[] encoded, string name)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (encoded.Length == 0)
        {
            throw new InvalidDataException($"{name}: empty file (0 bytes), not an image.");
        }

        return NativeCodec.Open(encoded)
            ?? throw new InvalidDataException($"{name}: not a decodable image (unknown format or corrupt header, {encoded.Length:N0} bytes).");
    }

    /// <summary>The upright (EXIF orientation applied) height and width from the file's header, after checking it is decodable and not absurdly large.</summary>
    public static (int Height, int Width) UprightSize(byte[] encoded, string name)
    {
        using var codec = Open(encoded, name);
        return UprightSize(codec, name);
    }

    private static (int Height, int Width) UprightSize(NativeCodec codec, string name)
    {
        if (codec.Width < 1 || codec.Height < 1)
        {
            throw new InvalidDataException($"{name}: the image has no pixels ({codec.Width}×{codec.Height}).");
        }

        var (smallestWidth, smallestHeight) = codec.ScaledDimensions(1f / 8f);
        if ((long)smallestWidth * smallestHeight > MaxDecodedPixels)
        {
            throw new InvalidDataException($"{name}: too large to decode ({codec.Width:N0}×{codec.Height:N0} pixels; at most {MaxDecodedPixels:N0} pixels can be decoded).");
        }

        return codec.SwapsAxes ? (codec.Width, codec.Height) : (codec.Height, codec.Width);
    }
}
