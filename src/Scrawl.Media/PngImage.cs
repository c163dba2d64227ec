using Scrawl.Data;
using Scrawl.Imaging;
using Scrawl.Numerics;
using SkiaSharp;

namespace Scrawl.Media;

/// <summary>Encodes float images as PNG: grey → 8-bit grey PNG, RGB → 8-bit colour PNG; values are clamped to [0, 1] and rounded.</summary>
public static class PngImage
{
    /// <summary>PNG bytes of <paramref name="image"/>; with <paramref name="invert"/> each value v is written as 1 − v (e.g. Scrawl's ink = 1 shown as dark ink on white).</summary>
    public static byte[] Encode(FloatImage image, bool invert = false)
    {
        using var bitmap = ToBitmap(image, invert);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException("SkiaSharp could not encode the PNG.");
        return data.ToArray();
    }

    /// <summary>PNG bytes of image <paramref name="index"/> (0..Count−1) of a Scrawl-convention set, shown as dark ink on white when <paramref name="darkInk"/> and grey.</summary>
    public static byte[] Encode(ImageSet set, int index, bool darkInk = true)
    {
        ArgumentNullException.ThrowIfNull(set);
        return Encode(set.ImageAt(index), darkInk && set.Channels == 1);
    }

    /// <summary>Writes <see cref="Encode(FloatImage, bool)"/> to <paramref name="path"/> atomically (temporary file + rename).</summary>
    public static void Save(FloatImage image, string path, bool invert = false) => AtomicFile.WriteAllBytes(path, Encode(image, invert));

    /// <summary>A new Skia bitmap of the image (Gray8 for grey, opaque RGBA for RGB); the caller disposes it.</summary>
    public static SKBitmap ToBitmap(FloatImage image, bool invert = false)
    {
        ArgumentNullException.ThrowIfNull(image);
        bool grey = image.Channels == 1;
        var info = new SKImageInfo(image.Width, image.Height, grey ? SKColorType.Gray8 : SKColorType.Rgba8888, SKAlphaType.Opaque);
        var bitmap = new SKBitmap(info);
        var bytes = bitmap.GetPixelSpan();
        int rowBytes = bitmap.RowBytes;
        int n = image.Width * image.Height;
        for (int i = 0; i < n; i++)
        {
            int y = i / image.Width, x = i % image.Width;
            if (grey)
            {
                bytes[(y * rowBytes) + x] = ToByte(image.Pixels[i], invert);
            }
            else
            {
                int o = (y * rowBytes) + (x * 4);
                bytes[o] = ToByte(image.Pixels[i * 3], invert);
                bytes[o + 1] = ToByte(image.Pixels[(i * 3) + 1], invert);
                bytes[o + 2] = ToByte(image.Pixels[(i * 3) + 2], invert);
                bytes[o + 3] = 255;
            }
        }

        return bitmap;
    }

    private static byte ToByte(float v, bool invert)
    {
        float x = invert ? 1f - v : v;
        return float.IsNaN(x) ? (byte)0 : (byte)Math.Round(Math.Clamp(x, 0f, 1f) * 255f);
    }
}
