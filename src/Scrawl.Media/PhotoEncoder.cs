using System.Buffers.Binary;
using Scrawl.Data.Images;
using Scrawl.Imaging;
using SkiaSharp;

namespace Scrawl.Media;

/// <summary>
/// Encodes float images (grey or RGB, values clamped to [0, 1]) as photo files the way cameras and tools write them:
/// JPEG at a chosen quality, JPEG with an EXIF Orientation tag, and PNG with an alpha channel. Pure: bytes out, no files.
/// </summary>
public static class PhotoEncoder
{
    /// <summary>JPEG bytes of <paramref name="image"/> at <paramref name="quality"/> (1–100).</summary>
    public static byte[] Jpeg(FloatImage image, int quality)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        using var bitmap = PngImage.ToBitmap(image);
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, quality) ?? throw new InvalidOperationException("SkiaSharp could not encode the JPEG.");
        return data.ToArray();
    }

    /// <summary>
    /// JPEG bytes of the <paramref name="stored"/> pixels with an EXIF APP1 segment whose Orientation tag is
    /// <paramref name="orientation"/> (1–8; e.g. 6: a viewer turns the stored pixels 90° clockwise to show them upright).
    /// </summary>
    public static byte[] JpegWithOrientation(FloatImage stored, int quality, int orientation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(orientation, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(orientation, 8);
        return WithExifOrientation(Jpeg(stored, quality), orientation);
    }

    /// <summary>
    /// The JPEG <paramref name="jpeg"/> with an EXIF APP1 segment (big-endian TIFF, one IFD0 entry: Orientation =
    /// <paramref name="orientation"/>, 1–8) inserted after the SOI marker and any JFIF APP0 segment.
    /// </summary>
    public static byte[] WithExifOrientation(byte[] jpeg, int orientation)
    {
        ArgumentNullException.ThrowIfNull(jpeg);
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            throw new ArgumentException("Not a JPEG (no SOI marker).", nameof(jpeg));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(orientation, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(orientation, 8);
        int at = 2;
        if (jpeg[2] == 0xFF && jpeg[3] == 0xE0)
        {
            at = 4 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(4, 2));
        }

        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, // header, IFD0 at offset 8
            0, 1,                                    // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte)orientation, 0, 0, // Orientation, SHORT, count 1, value
            0, 0, 0, 0,                              // no next IFD
        ];
        byte[] exif = [(byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0, .. tiff];
        var segment = new byte[4 + exif.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2, 2), (ushort)(2 + exif.Length));
        exif.CopyTo(segment, 4);
        return [.. jpeg.AsSpan(0, at), .. segment, .. jpeg.AsSpan(at)];
    }

    /// <summary>PNG bytes (8-bit RGBA, straight alpha) of the RGB <paramref name="image"/> with per-pixel opacity <paramref name="alpha"/> (length H·W, values in [0, 1]; 0 transparent).</summary>
    public static byte[] PngWithAlpha(FloatImage image, float[] alpha)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(alpha);
        if (image.Channels != 3 || alpha.Length != image.Height * image.Width)
        {
            throw new ArgumentException($"Need an RGB image and one alpha per pixel ({image.Height * image.Width}), got {image.Channels} channels and {alpha.Length} alphas.", nameof(alpha));
        }

        using var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var bytes = bitmap.GetPixelSpan();
        int rowBytes = bitmap.RowBytes;
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                int i = (y * image.Width) + x, o = (y * rowBytes) + (x * 4);
                bytes[o] = ToByte(image.Pixels[i * 3]);
                bytes[o + 1] = ToByte(image.Pixels[(i * 3) + 1]);
                bytes[o + 2] = ToByte(image.Pixels[(i * 3) + 2]);
                bytes[o + 3] = ToByte(alpha[i]);
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100) ?? throw new InvalidOperationException("SkiaSharp could not encode the PNG.");
        return data.ToArray();
    }

    private static byte ToByte(float v) => float.IsNaN(v) ? (byte)0 : (byte)Math.Round(Math.Clamp(v, 0f, 1f) * 255f);
}
