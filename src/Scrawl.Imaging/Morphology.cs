namespace Scrawl.Imaging;

/// <summary>
/// Binary morphology (scikit-image's <c>binary_erosion</c>, <c>binary_dilation</c>, <c>binary_opening</c>,
/// <c>binary_closing</c>). Borders as scipy.ndimage with skimage's settings: erosion treats pixels
/// outside the image as set, dilation as unset, so neither invents or loses shapes at the edge.
/// A footprint cell at (i, j) is offset (i − H/2, j − W/2) from the centre; dilation uses the
/// footprint mirrored through the centre, as scipy does, which matters only for even sizes.
/// </summary>
public static class Morphology
{
    /// <summary>Erosion: a pixel stays set only if every pixel under the footprint (centred on it) is set.</summary>
    public static BinaryImage Erode(BinaryImage image, Footprint footprint) => Fresh(image, footprint, Erode);

    /// <summary>Dilation: a pixel becomes set if any pixel under the mirrored footprint (centred on it) is set.</summary>
    public static BinaryImage Dilate(BinaryImage image, Footprint footprint) => Fresh(image, footprint, Dilate);

    /// <summary>Opening: erosion then dilation; removes specks smaller than the footprint.</summary>
    public static BinaryImage Open(BinaryImage image, Footprint footprint) => Fresh(image, footprint, Open);

    /// <summary>Closing: dilation then erosion; fills gaps and holes smaller than the footprint.</summary>
    public static BinaryImage Close(BinaryImage image, Footprint footprint) => Fresh(image, footprint, Close);

    /// <summary>
    /// As <see cref="Erode(BinaryImage, Footprint)"/> on a <paramref name="height"/>×<paramref name="width"/> (≥ 1) row-major mask of 0/1 values,
    /// into <paramref name="destination"/> (the same length; it may not overlap the source). The same values, with no page-sized allocation.
    /// </summary>
    public static void Erode(ReadOnlySpan<byte> image, Span<byte> destination, int height, int width, Footprint footprint)
    {
        Check(image, destination, height, width, footprint);
        Apply(image, destination, height, width, footprint.Runs(), footprint.IsRectangle, hit: 0);
    }

    /// <summary>As <see cref="Dilate(BinaryImage, Footprint)"/> into <paramref name="destination"/>; see <see cref="Erode(ReadOnlySpan{byte}, Span{byte}, int, int, Footprint)"/>.</summary>
    public static void Dilate(ReadOnlySpan<byte> image, Span<byte> destination, int height, int width, Footprint footprint)
    {
        Check(image, destination, height, width, footprint);
        var mirrored = footprint.Runs().ConvertAll(r => (-r.Dy, -r.X1, -r.X0));
        Apply(image, destination, height, width, mirrored, footprint.IsRectangle, hit: 1);
    }

    /// <summary>As <see cref="Open(BinaryImage, Footprint)"/> into <paramref name="destination"/> (the erosion goes to pooled scratch); see <see cref="Erode(ReadOnlySpan{byte}, Span{byte}, int, int, Footprint)"/>.</summary>
    public static void Open(ReadOnlySpan<byte> image, Span<byte> destination, int height, int width, Footprint footprint)
    {
        Check(image, destination, height, width, footprint);
        using var eroded = new PooledArray<byte>(image.Length);
        Erode(image, eroded.Span, height, width, footprint);
        Dilate(eroded.Span, destination, height, width, footprint);
    }

    /// <summary>As <see cref="Close(BinaryImage, Footprint)"/> into <paramref name="destination"/> (the dilation goes to pooled scratch); see <see cref="Erode(ReadOnlySpan{byte}, Span{byte}, int, int, Footprint)"/>.</summary>
    public static void Close(ReadOnlySpan<byte> image, Span<byte> destination, int height, int width, Footprint footprint)
    {
        Check(image, destination, height, width, footprint);
        using var dilated = new PooledArray<byte>(image.Length);
        Dilate(image, dilated.Span, height, width, footprint);
        Erode(dilated.Span, destination, height, width, footprint);
    }

    private delegate void SpanOperation(ReadOnlySpan<byte> image, Span<byte> destination, int height, int width, Footprint footprint);

    /// <summary>The operation into a new mask of the image's size.</summary>
    private static BinaryImage Fresh(BinaryImage image, Footprint footprint, SpanOperation operation)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(footprint);
        var output = new byte[image.Height * image.Width];
        operation(image.Pixels, output, image.Height, image.Width, footprint);
        return new BinaryImage(output, image.Height, image.Width);
    }

    private static void Check(ReadOnlySpan<byte> image, Span<byte> destination, int height, int width, Footprint footprint)
    {
        ArgumentNullException.ThrowIfNull(footprint);
        PixelGrid.Check(height, width, image.Length, nameof(image));
        PixelGrid.Check(height, width, destination.Length, nameof(destination));
        if (image.Overlaps(destination))
        {
            throw new ArgumentException("The destination may not overlap the image.", nameof(destination));
        }
    }

    /// <summary>
    /// out = <paramref name="hit"/> where some pixel inside the image under the runs equals
    /// <paramref name="hit"/>, else 1 − hit (erosion: hit = 0; dilation: hit = 1 with mirrored runs).
    /// </summary>
    private static void Apply(ReadOnlySpan<byte> pixels, Span<byte> output, int h, int w, List<(int Dy, int X0, int X1)> runs, bool isRectangle, byte hit)
    {
        if (isRectangle)
        {
            int y0 = runs.Min(r => r.Dy), y1 = runs.Max(r => r.Dy), x0 = runs[0].X0, x1 = runs[0].X1;
            if (y1 - y0 < MaxShiftedSide && x1 - x0 < MaxShiftedSide)
            {
                Shifted(pixels, h, w, y0, y1, x0, x1, hit, output);
            }
            else
            {
                Separable(pixels, h, w, y0, y1, x0, x1, hit, output);
            }
        }
        else
        {
            ByRuns(pixels, h, w, runs, hit, output);
        }
    }

    /// <summary>Rectangles up to this side (pixels) take <see cref="Shifted"/>: a few vectorised passes beat the counting of <see cref="Separable"/>.</summary>
    private const int MaxShiftedSide = 12;

    /// <summary>
    /// Small rectangle: pixels are 0/1, so dilation (hit 1) is the OR and erosion (hit 0) the AND of the image shifted by every offset
    /// of the footprint, first along rows then along columns, each a whole-row vector operation; outside pixels are the operation's
    /// neutral value (0 for OR, 1 for AND), which is exactly "outside never hits".
    /// </summary>
    private static void Shifted(ReadOnlySpan<byte> pixels, int h, int w, int y0, int y1, int x0, int x1, byte hit, Span<byte> output)
    {
        byte neutral = (byte)(1 - hit);
        using var scratch = new PooledArray<byte>(h * w);
        var rowHits = scratch.Span;
        for (int y = 0; y < h; y++)
        {
            var src = pixels.Slice(y * w, w);
            var dst = rowHits.Slice(y * w, w);
            dst.Fill(neutral);
            for (int d = x0; d <= x1; d++)
            {
                int length = w - Math.Abs(d);
                if (length > 0)
                {
                    Combine(dst.Slice(Math.Max(0, -d), length), src.Slice(Math.Max(0, d), length), hit);
                }
            }
        }

        for (int y = 0; y < h; y++)
        {
            var dst = output.Slice(y * w, w);
            dst.Fill(neutral);
            for (int s = Math.Max(0, y + y0); s <= Math.Min(h - 1, y + y1); s++)
            {
                Combine(dst, rowHits.Slice(s * w, w), hit);
            }
        }
    }

    /// <summary>destination |= source for dilation (hit 1), destination &amp;= source for erosion (hit 0).</summary>
    private static void Combine(Span<byte> destination, ReadOnlySpan<byte> source, byte hit)
    {
        if (hit == 1)
        {
            System.Numerics.Tensors.TensorPrimitives.BitwiseOr(destination, source, destination);
        }
        else
        {
            System.Numerics.Tensors.TensorPrimitives.BitwiseAnd(destination, source, destination);
        }
    }

    /// <summary>Rectangle: a horizontal pass (row prefix counts) then a vertical pass (rolling column counts); O(1) per pixel.</summary>
    private static void Separable(ReadOnlySpan<byte> pixels, int h, int w, int y0, int y1, int x0, int x1, byte hit, Span<byte> output)
    {
        using var scratch = new PooledArray<byte>(h * w);
        var rowHits = scratch.Span;
        var prefix = new int[w + 1];
        for (int y = 0; y < h; y++)
        {
            PrefixHits(pixels.Slice(y * w, w), hit, prefix);
            var dst = rowHits.Slice(y * w, w);
            for (int x = 0; x < w; x++)
            {
                dst[x] = RangeHits(prefix, x + x0, x + x1, w) > 0 ? (byte)1 : (byte)0;
            }
        }

        var counts = new int[w];
        for (int s = Math.Max(y0, 0); s <= Math.Min(y1, h - 1); s++)
        {
            Accumulate(rowHits.Slice(s * w, w), counts, 1);
        }

        byte miss = (byte)(1 - hit);
        for (int y = 0; y < h; y++)
        {
            if (y > 0)
            {
                int leaving = y - 1 + y0, entering = y + y1;
                if (leaving >= 0 && leaving < h)
                {
                    Accumulate(rowHits.Slice(leaving * w, w), counts, -1);
                }

                if (entering >= 0 && entering < h)
                {
                    Accumulate(rowHits.Slice(entering * w, w), counts, 1);
                }
            }

            var dst = output.Slice(y * w, w);
            for (int x = 0; x < w; x++)
            {
                dst[x] = counts[x] > 0 ? hit : miss;
            }
        }
    }

    /// <summary>Any footprint: per output row, each run tests a prefix-count range of its source row (rows cached in a ring).</summary>
    private static void ByRuns(ReadOnlySpan<byte> pixels, int h, int w, List<(int Dy, int X0, int X1)> runs, byte hit, Span<byte> output)
    {
        int dyMin = runs.Min(r => r.Dy), ring = runs.Max(r => r.Dy) - dyMin + 1;
        var prefixes = new int[ring * (w + 1)];
        var rowInSlot = new int[ring];
        Array.Fill(rowInSlot, int.MinValue);
        byte miss = (byte)(1 - hit);
        for (int y = 0; y < h; y++)
        {
            var dst = output.Slice(y * w, w);
            dst.Fill(miss);
            foreach (var (dy, x0, x1) in runs)
            {
                int s = y + dy;
                if (s < 0 || s >= h)
                {
                    continue; // outside rows never hit (erosion: set; dilation: unset)
                }

                int slot = (s - dyMin) % ring;
                var prefix = prefixes.AsSpan(slot * (w + 1), w + 1);
                if (rowInSlot[slot] != s)
                {
                    PrefixHits(pixels.Slice(s * w, w), hit, prefix);
                    rowInSlot[slot] = s;
                }

                for (int x = 0; x < w; x++)
                {
                    if (RangeHits(prefix, x + x0, x + x1, w) > 0)
                    {
                        dst[x] = hit;
                    }
                }
            }
        }
    }

    /// <summary>prefix[x] = number of row[0..x−1] equal to <paramref name="hit"/>.</summary>
    private static void PrefixHits(ReadOnlySpan<byte> row, byte hit, Span<int> prefix)
    {
        int count = 0;
        prefix[0] = 0;
        for (int x = 0; x < row.Length; x++)
        {
            count += row[x] == hit ? 1 : 0;
            prefix[x + 1] = count;
        }
    }

    /// <summary>Hits in columns [from, to] clipped to [0, w−1] (0 when the clipped range is empty).</summary>
    private static int RangeHits(Span<int> prefix, int from, int to, int w)
    {
        int a = Math.Max(from, 0), b = Math.Min(to, w - 1);
        return b < a ? 0 : prefix[b + 1] - prefix[a];
    }

    private static void Accumulate(ReadOnlySpan<byte> row, Span<int> counts, int sign)
    {
        for (int x = 0; x < row.Length; x++)
        {
            counts[x] += sign * row[x];
        }
    }
}
