using System.Buffers.Binary;
using Scrawl.Data.Images;

namespace Scrawl.Media.Tests;

/// <summary>
/// Images larger than one decoded frame may hold (<see cref="SkiaImageDecoder.MaxFramePixels"/>): decoded row by row
/// and block-averaged when a smaller size is asked for, refused at native size.
/// </summary>
public class HugeImageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrawl-huge-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void A_100_megapixel_jpeg_is_decoded_downscaled_and_refused_at_native_size()
    {
        string path = Path.Combine(_dir, "vast.jpg");
        // 10,000 × 10,000 black with a white square over [4000, 6000)²: 100 MP.
        using (var bitmap = new SkiaSharp.SKBitmap(new SkiaSharp.SKImageInfo(10_000, 10_000, SkiaSharp.SKColorType.Gray8, SkiaSharp.SKAlphaType.Opaque)))
        {
            var pixels = bitmap.GetPixelSpan();
            for (int y = 4000; y < 6000; y++)
            {
                pixels.Slice((y * 10_000) + 4000, 2000).Fill(255);
            }

            using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 80);
            File.WriteAllBytes(path, data.ToArray());
        }

        var decoder = new SkiaImageDecoder();
        Assert.True(10_000L * 10_000 > decoder.MaxFramePixels);
        var small = decoder.Decode(path, new DecodeRequest(ColorMode.Grey, 100, 100));
        Assert.Equal((100, 100), (small.Height, small.Width));
        Assert.InRange(small.Pixels[(50 * 100) + 50], 0.9f, 1f);
        Assert.InRange(small.Pixels[(10 * 100) + 10], 0f, 0.1f);
        Assert.InRange(small.Pixels[(50 * 100) + 30], 0f, 0.1f);

        var native = Assert.Throws<InvalidDataException>(() => decoder.Decode(path, new DecodeRequest(ColorMode.Grey)));
        Assert.Contains("vast.jpg", native.Message, StringComparison.Ordinal);
        Assert.Contains("ask for a smaller size", native.Message, StringComparison.Ordinal);

        var (photo, height, width) = PhotoLoader.Load(path, 800);
        Assert.Equal((10_000, 10_000, 800, 800), (height, width, photo.Height, photo.Width));
        Assert.InRange(photo.Pixels[(400 * 800) + 400], 0.9f, 1f);
    }

    [Fact]
    public void A_100_megapixel_png_is_refused_with_a_clear_message_instead_of_a_400_MB_frame()
    {
        // Skia decodes PNG only whole (no row-by-row decoding), so a frame over the limit is refused, never allocated.
        string path = Path.Combine(_dir, "vast.png");
        WriteGreyPng(path, 10_000, 10_000, (x, y) => 0);
        var e = Assert.Throws<InvalidDataException>(() => new SkiaImageDecoder().Decode(path, new DecodeRequest(ColorMode.Grey, 100, 100)));
        Assert.Contains("vast.png: the image is 10,000×10,000 pixels, too large to decode whole", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Row_by_row_decoding_matches_the_whole_frame_decode()
    {
        string path = Path.Combine(_dir, "ramp.bmp");
        File.WriteAllBytes(path, Bmp(120, 90, (x, y) => (byte)(x + y)));
        var request = new DecodeRequest(ColorMode.Grey, 30, 40);
        var whole = new SkiaImageDecoder().Decode(path, request);
        var rows = new SkiaImageDecoder { MaxFramePixels = 5000 }.Decode(path, request);
        Assert.Equal((whole.Height, whole.Width), (rows.Height, rows.Width));
        for (int i = 0; i < whole.Pixels.Length; i++)
        {
            Assert.InRange(rows.Pixels[i] - whole.Pixels[i], -0.03f, 0.03f);
        }
    }

    [Fact]
    public void Bottom_up_bmp_rows_land_upright_when_decoded_row_by_row()
    {
        // A 24-bit BMP (stored bottom row first): white top half, black bottom half.
        string path = Path.Combine(_dir, "halves.bmp");
        File.WriteAllBytes(path, Bmp(64, 64, (x, y) => y < 32 ? (byte)255 : (byte)0));
        var image = new SkiaImageDecoder { MaxFramePixels = 1000 }.Decode(path, new DecodeRequest(ColorMode.Grey, 8, 8));
        Assert.InRange(image.Pixels[(1 * 8) + 4], 0.95f, 1f);
        Assert.InRange(image.Pixels[(6 * 8) + 4], 0f, 0.05f);
    }

    /// <summary>A 24-bit grey BMP, stored bottom row first as BMPs with a positive height are.</summary>
    private static byte[] Bmp(int width, int height, Func<int, int, byte> pixel)
    {
        int stride = ((width * 3) + 3) & ~3;
        var bmp = new byte[54 + (stride * height)];
        "BM"u8.CopyTo(bmp);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), bmp.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 24);
        for (int stored = 0; stored < height; stored++)
        {
            int y = height - 1 - stored;
            for (int x = 0; x < width; x++)
            {
                bmp.AsSpan(54 + (stored * stride) + (x * 3), 3).Fill(pixel(x, y));
            }
        }

        return bmp;
    }

    /// <summary>An 8-bit grey PNG written row by row (no full-size buffer).</summary>
    private static void WriteGreyPng(string path, int width, int height, Func<int, int, byte> pixel) =>
        Scrawl.Tests.Shared.TestPng.WriteGrey(path, width, height, pixel);
}
