using Scrawl.Imaging;
using SkiaSharp;

namespace Scrawl.Media;

/// <summary>
/// Decodes a photo to grey for OCR through <see cref="NativeCodec"/> (no SkiaSharp object, so no font scan at start-up): a JPEG at the
/// smallest DCT scale (k/8) that still covers the target, libjpeg's own grey where the JPEG is grey, else the luma
/// 0.299 R + 0.587 G + 0.114 B of its RGBA; transparency composited over the median colour of the opaque pixels (as
/// <see cref="SkiaImageDecoder.TransparentAsOpaqueMedian"/>); resampled to the target with Skia's linear filter and linear mipmaps;
/// then turned upright by the EXIF orientation, an exact permutation of pixels. At the decoded size itself the values are exactly
/// the general decoder's.
/// </summary>
internal static class GreyPhotoDecoder
{
    /// <summary>
    /// The upright grey image of <paramref name="codec"/> at <paramref name="targetHeight"/>×<paramref name="targetWidth"/> (upright, ≥ 1), into the
    /// array <paramref name="pixels"/> supplies when given; null when the decoded frame would exceed <paramref name="maxFramePixels"/> (the general
    /// decoder then averages it row by row).
    /// </summary>
    /// <exception cref="InvalidDataException">The image data is truncated or corrupt.</exception>
    public static FloatImage? Decode(NativeCodec codec, string name, int targetHeight, int targetWidth, long maxFramePixels, Func<int, float[]>? pixels)
    {
        // The target in the encoded frame, before orientation.
        int height = codec.SwapsAxes ? targetWidth : targetHeight, width = codec.SwapsAxes ? targetHeight : targetWidth;
        var (decodedWidth, decodedHeight) = (codec.Width, codec.Height);
        for (int eighths = 1; eighths < 8; eighths++)
        {
            // JPEG offers k/8 scales; other formats answer with the full size.
            var (w, h) = codec.ScaledDimensions(eighths / 8f);
            if (w >= width && h >= height && w < decodedWidth)
            {
                (decodedWidth, decodedHeight) = (w, h);
                break;
            }
        }

        if ((long)decodedWidth * decodedHeight > maxFramePixels)
        {
            return null;
        }

        bool resamples = decodedWidth != width || decodedHeight != height;
        bool oriented = codec.Origin == SKEncodedOrigin.TopLeft;
        var image = oriented ? Grey(height, width, pixels) : new FloatImage(height, width);
        var frame = new byte[decodedWidth * decodedHeight];
        var result = codec.Decode(decodedWidth, decodedHeight, grey: true, frame);
        if (result == SKCodecResult.Success)
        {
            ToFloat(Resampled(frame, decodedWidth, decodedHeight, width, height), image.Pixels);
        }
        else if (result == SKCodecResult.InvalidConversion)
        {
            // A colour image: libjpeg (and the other codecs) give no grey for it, so take the luma of its RGBA.
            var rgba = new byte[4 * decodedWidth * decodedHeight];
            Check(codec.Decode(decodedWidth, decodedHeight, grey: false, rgba), name);
            float background = BackgroundLuma(rgba, decodedWidth, decodedHeight);
            if (resamples)
            {
                LumaBytes(rgba, background, frame);
                ToFloat(Resampled(frame, decodedWidth, decodedHeight, width, height), image.Pixels);
            }
            else
            {
                Luma(rgba, background, image.Pixels);
            }
        }
        else
        {
            Check(result, name);
        }

        return oriented ? image : ExifOrientation.Upright(image, codec.Origin, Grey(targetHeight, targetWidth, pixels));
    }

    private static void Check(SKCodecResult result, string name)
    {
        if (result != SKCodecResult.Success)
        {
            throw new InvalidDataException($"{name}: {(result == SKCodecResult.IncompleteInput ? "truncated or corrupt image data" : $"decoding failed ({result})")}.");
        }
    }

    private static byte[] Resampled(byte[] frame, int frameWidth, int frameHeight, int width, int height)
    {
        if (frameWidth == width && frameHeight == height)
        {
            return frame;
        }

        var scaled = new byte[width * height];
        NativeCodec.ScaleGrey(frame, frameWidth, frameHeight, scaled, width, height);
        return scaled;
    }

    private static void ToFloat(ReadOnlySpan<byte> grey, Span<float> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = grey[i] * (1f / 255f);
        }
    }

    /// <summary>
    /// The luma (0–255) that transparent pixels lie on: that of the per-channel median colour of the pixels at least 98 % opaque (sampled on a
    /// grid of at most 256 points per side), white when none is; −1 when every pixel is opaque (nothing shows through).
    /// </summary>
    private static float BackgroundLuma(ReadOnlySpan<byte> rgba, int width, int height)
    {
        bool opaque = true;
        for (int i = 3; i < rgba.Length; i += 4)
        {
            opaque &= rgba[i] == 255;
        }

        if (opaque)
        {
            return -1f;
        }

        int step = Math.Max(1, Math.Max(width, height) / 256);
        var r = new List<byte>();
        var g = new List<byte>();
        var b = new List<byte>();
        for (int y = 0; y < height; y += step)
        {
            for (int x = 0; x < width; x += step)
            {
                int i = (y * width) + x;
                if (rgba[(4 * i) + 3] >= 250)
                {
                    // Premultiplied: nearly opaque pixels are nearly their own colour.
                    r.Add(rgba[4 * i]);
                    g.Add(rgba[(4 * i) + 1]);
                    b.Add(rgba[(4 * i) + 2]);
                }
            }
        }

        if (r.Count == 0)
        {
            return 255f;
        }

        static byte Median(List<byte> v)
        {
            v.Sort();
            return v[v.Count / 2];
        }

        return (0.299f * Median(r)) + (0.587f * Median(g)) + (0.114f * Median(b));
    }

    /// <summary>Premultiplied RGBA → luma in [0, 1]: the colour over the background luma <paramref name="background"/> (0–255; −1 for an opaque frame).</summary>
    private static void Luma(ReadOnlySpan<byte> rgba, float background, Span<float> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = Math.Min(1f, LumaAt(rgba, i, background) * (1f / 255f));
        }
    }

    /// <summary>As <see cref="Luma"/>, rounded to 8-bit grey for resampling.</summary>
    private static void LumaBytes(ReadOnlySpan<byte> rgba, float background, Span<byte> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = (byte)Math.Min(255f, MathF.Round(LumaAt(rgba, i, background)));
        }
    }

    /// <summary>The luma (0–255) of premultiplied pixel <paramref name="i"/> over the background luma (−1: none shows through).</summary>
    private static float LumaAt(ReadOnlySpan<byte> rgba, int i, float background)
    {
        float luma = (0.299f * rgba[4 * i]) + (0.587f * rgba[(4 * i) + 1]) + (0.114f * rgba[(4 * i) + 2]);
        return background >= 0f ? luma + ((255 - rgba[(4 * i) + 3]) * (1f / 255f) * background) : luma;
    }

    /// <summary>A grey image to decode into, every value of which the caller overwrites: over the array <paramref name="pixels"/> supplies, or new.</summary>
    internal static FloatImage Grey(int height, int width, Func<int, float[]>? pixels)
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
}
