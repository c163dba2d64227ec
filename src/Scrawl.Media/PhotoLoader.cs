using Scrawl.Data.Images;
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
    /// </summary>
    public static (FloatImage Image, int PhotoHeight, int PhotoWidth) Load(string path, int maxSide, ColorMode color = ColorMode.Grey)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file.", path);
        }

        return Load(File.ReadAllBytes(path), path, maxSide, color);
    }

    /// <summary>As <see cref="Load(string, int, ColorMode)"/> for encoded bytes held in memory; <paramref name="name"/> names them in errors.</summary>
    public static (FloatImage Image, int PhotoHeight, int PhotoWidth) Load(byte[] encoded, string name, int maxSide, ColorMode color = ColorMode.Grey)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSide, 1);
        var (height, width) = UprightSize(encoded, name);
        double scale = Math.Min(1.0, (double)maxSide / Math.Max(height, width));
        var request = scale >= 1.0
            ? new DecodeRequest(color)
            : new DecodeRequest(color, Math.Max(1, (int)Math.Round(height * scale)), Math.Max(1, (int)Math.Round(width * scale)));
        return (new SkiaImageDecoder().Decode(encoded, request, name), height, width);
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
