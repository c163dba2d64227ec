using SkiaSharp;

namespace Scrawl.Media;

/// <summary>
/// Decodes an image too large for one full-frame bitmap a few rows at a time, averaging f×f blocks of
/// pixels as they arrive, so memory stays near one source row plus the reduced frame. Used by
/// <see cref="SkiaImageDecoder"/> when a sized request meets a huge image (e.g. a 100-megapixel PNG).
/// </summary>
internal static class ScanlineDownsampler
{
    /// <summary>
    /// The integer block size f ≥ 2 for a <paramref name="width"/>×<paramref name="height"/> frame: as large as
    /// keeps the result ≥ the needed size, but at least large enough that the result holds ≤ <paramref name="maxPixels"/>.
    /// </summary>
    public static int Factor(int width, int height, int neededWidth, int neededHeight, long maxPixels)
    {
        int quality = Math.Max(1, Math.Min(width / Math.Max(1, neededWidth), height / Math.Max(1, neededHeight)));
        int bound = (int)Math.Ceiling(Math.Sqrt((double)width * height / maxPixels));
        while ((long)Blocks(width, bound) * Blocks(height, bound) > maxPixels)
        {
            bound++;
        }

        return Math.Max(2, Math.Max(quality, bound));
    }

    /// <summary>How many blocks of <paramref name="factor"/> cover <paramref name="length"/> pixels.</summary>
    public static int Blocks(int length, int factor) => (length + factor - 1) / factor;

    /// <summary>
    /// Decodes <paramref name="codec"/>'s frame (<paramref name="size"/>: full or a DCT-reduced size) into a
    /// bitmap 1/<paramref name="factor"/> as large per axis (premultiplied RGBA, each pixel the mean of its block).
    /// </summary>
    /// <exception cref="InvalidDataException">The codec cannot decode by rows, or the data is truncated or corrupt.</exception>
    public static SKBitmap Decode(SKCodec codec, SKSizeI size, int factor, string name)
    {
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var start = codec.StartScanlineDecode(info);
        if (start != SKCodecResult.Success)
        {
            throw new InvalidDataException($"{name}: the image is {codec.Info.Width:N0}×{codec.Info.Height:N0} pixels, too large to decode whole, and its format cannot be decoded row by row ({start}).");
        }

        int outWidth = Blocks(size.Width, factor), outHeight = Blocks(size.Height, factor);
        var result = new SKBitmap(new SKImageInfo(outWidth, outHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
        try
        {
            Accumulate(codec, size, factor, result, name);
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    private static void Accumulate(SKCodec codec, SKSizeI size, int factor, SKBitmap result, string name)
    {
        int width = size.Width, outWidth = result.Width;
        var row = GC.AllocateArray<byte>(width * 4, pinned: true);
        IntPtr address = System.Runtime.InteropServices.Marshal.UnsafeAddrOfPinnedArrayElement(row, 0);
        var sums = new long[outWidth * 4];
        var counts = new int[outWidth];
        var output = result.GetPixelSpan();
        bool bottomUp = codec.ScanlineOrder == SKCodecScanlineOrder.BottomUp;
        int blockRow = -1;
        for (int i = 0; i < size.Height; i++)
        {
            int y = bottomUp ? size.Height - 1 - i : i;
            if (y / factor != blockRow)
            {
                Flush(sums, counts, output, blockRow, outWidth);
                blockRow = y / factor;
            }

            if (codec.GetScanlines(address, 1, row.Length) != 1)
            {
                throw new InvalidDataException($"{name}: truncated or corrupt image data (row {i:N0} of {size.Height:N0}).");
            }

            for (int x = 0; x < width; x++)
            {
                int b = x / factor;
                sums[(b * 4) + 0] += row[(x * 4) + 0];
                sums[(b * 4) + 1] += row[(x * 4) + 1];
                sums[(b * 4) + 2] += row[(x * 4) + 2];
                sums[(b * 4) + 3] += row[(x * 4) + 3];
                counts[b]++;
            }
        }

        Flush(sums, counts, output, blockRow, outWidth);
    }

    /// <summary>Writes the means of one finished row of blocks and clears the sums (bottom-up codecs finish blocks in reverse).</summary>
    private static void Flush(long[] sums, int[] counts, Span<byte> output, int blockRow, int outWidth)
    {
        if (blockRow < 0)
        {
            return;
        }

        for (int b = 0; b < outWidth; b++)
        {
            int n = Math.Max(1, counts[b]);
            for (int c = 0; c < 4; c++)
            {
                output[(((blockRow * outWidth) + b) * 4) + c] = (byte)((sums[(b * 4) + c] + (n / 2)) / n);
            }
        }

        Array.Clear(sums);
        Array.Clear(counts);
    }
}
