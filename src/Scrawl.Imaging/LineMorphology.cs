using System.Numerics.Tensors;

namespace Scrawl.Imaging;

/// <summary>
/// Grey-level morphology with a straight line footprint (1 × L along rows, or L × 1 along columns), like scikit-image's
/// <c>morphology.erosion/dilation/opening/closing(image, np.ones((1, L)))</c> for odd L: erosion is the minimum over the
/// window centred on each pixel, dilation the maximum, pixels outside the image ignored. The van Herk / Gil-Werman
/// algorithm: per block of L pixels a forward and a backward running extreme, so each pixel costs three comparisons
/// whatever L is (van Herk 1992; Gil and Werman 1993). The recurrences run down columns a whole row at a time (vectorised);
/// along rows the image is transposed first, except for windows of 3, which take the extreme of three shifted rows.
/// </summary>
public static class LineMorphology
{
    /// <summary>The minimum over a line window of odd <paramref name="length"/> (≥ 1) along rows, or along columns when <paramref name="vertical"/>.</summary>
    /// <example><c>var eroded = LineMorphology.Erode(page, 31, vertical: false);</c></example>
    public static FloatImage Erode(FloatImage image, int length, bool vertical) => Apply(image, length, vertical, Erode);

    /// <summary>The maximum over a line window of odd <paramref name="length"/> (≥ 1) along rows, or along columns when <paramref name="vertical"/>.</summary>
    public static FloatImage Dilate(FloatImage image, int length, bool vertical) => Apply(image, length, vertical, Dilate);

    /// <summary>
    /// Closing (dilation, then erosion) with the line: dark structures shorter than <paramref name="length"/> (odd, ≥ 1) along the
    /// line vanish, while dark lines at least that long (a ruling line, a page edge, a shadow) stay.
    /// </summary>
    public static FloatImage Close(FloatImage image, int length, bool vertical) => Apply(image, length, vertical, Close);

    /// <summary>Opening (erosion, then dilation) with the line: bright structures shorter than <paramref name="length"/> (odd, ≥ 1) vanish.</summary>
    public static FloatImage Open(FloatImage image, int length, bool vertical) =>
        Dilate(Erode(image, length, vertical), length, vertical);

    /// <summary>As <see cref="Erode(FloatImage, int, bool)"/> on a <paramref name="height"/>×<paramref name="width"/> (≥ 1) row-major grey image, into <paramref name="destination"/> (the same length; it may not overlap the source).</summary>
    public static void Erode(ReadOnlySpan<float> image, Span<float> destination, int height, int width, int length, bool vertical) =>
        Filter<MinOp>(image, destination, height, width, length, vertical);

    /// <summary>As <see cref="Dilate(FloatImage, int, bool)"/> on a <paramref name="height"/>×<paramref name="width"/> (≥ 1) row-major grey image, into <paramref name="destination"/> (the same length; it may not overlap the source).</summary>
    public static void Dilate(ReadOnlySpan<float> image, Span<float> destination, int height, int width, int length, bool vertical) =>
        Filter<MaxOp>(image, destination, height, width, length, vertical);

    /// <summary>As <see cref="Close(FloatImage, int, bool)"/> on a <paramref name="height"/>×<paramref name="width"/> (≥ 1) row-major grey image, into <paramref name="destination"/> (the same length; it may not overlap the source).</summary>
    public static void Close(ReadOnlySpan<float> image, Span<float> destination, int height, int width, int length, bool vertical)
    {
        Check(image, destination, height, width, length);
        int n = height * width;
        using var aScratch = new PooledArray<float>(n);
        var a = aScratch.Array;
        if (vertical)
        {
            Columns<MaxOp>(image, a, height, width, length);
            Columns<MinOp>(a, destination, height, width, length);
        }
        else
        {
            // Transposed once for both passes.
            using var bScratch = new PooledArray<float>(n);
            var b = bScratch.Array;
            Transpose(image, a, height, width);
            Columns<MaxOp>(a, b, width, height, length);
            Columns<MinOp>(b, a, width, height, length);
            Transpose(a, destination, width, height);
        }
    }

    private delegate void SpanFilter(ReadOnlySpan<float> image, Span<float> destination, int height, int width, int length, bool vertical);

    private static FloatImage Apply(FloatImage image, int length, bool vertical, SpanFilter filter)
    {
        FloatImage.RequireGrey(image, nameof(image));
        var result = new float[image.Pixels.Length];
        filter(image.Pixels, result, image.Height, image.Width, length, vertical);
        return FloatImage.Trusted(result, image.Height, image.Width);
    }

    private static void Filter<TOp>(ReadOnlySpan<float> image, Span<float> destination, int h, int w, int length, bool vertical)
        where TOp : struct, IExtreme
    {
        Check(image, destination, h, w, length);
        if (vertical)
        {
            Columns<TOp>(image, destination, h, w, length);
        }
        else if (length <= 3)
        {
            Short<TOp>(image, destination, h, w, length);
        }
        else
        {
            // Along rows: transposed, the rows become columns, whose recurrences run a whole (vectorised) row at a time.
            using var a = new PooledArray<float>(h * w);
            using var b = new PooledArray<float>(h * w);
            Transpose(image, a.Array, h, w);
            Columns<TOp>(a.Array, b.Array, w, h, length);
            Transpose(b.Array, destination, w, h);
        }
    }

    private static void Check(ReadOnlySpan<float> image, Span<float> destination, int height, int width, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        if (length % 2 == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "The line length must be odd (the window is centred on each pixel).");
        }

        if (image.Length != (long)height * width || destination.Length != image.Length)
        {
            throw new ArgumentException($"The image and destination must both hold {height}×{width} values (they hold {image.Length} and {destination.Length}).", nameof(destination));
        }

        if (image.Overlaps(destination))
        {
            throw new ArgumentException("The destination may not overlap the image.", nameof(destination));
        }
    }

    /// <summary>Windows of 1 or 3 along rows, directly: each row is the extreme of itself and its neighbours shifted by one (vectorised).</summary>
    private static void Short<TOp>(ReadOnlySpan<float> src, Span<float> dst, int h, int w, int length)
        where TOp : struct, IExtreme
    {
        if (length == 1 || w == 1)
        {
            src[..(h * w)].CopyTo(dst);
            return;
        }

        for (int y = 0; y < h; y++)
        {
            var s = src.Slice(y * w, w);
            var d = dst.Slice(y * w, w);
            // d[i] = extreme(s[i], s[i + 1]), then with s[i − 1]; the ends see only the pixels inside the row.
            TOp.Apply(s[..^1], s[1..], d[..^1]);
            d[^1] = s[^1];
            TOp.Apply(d[1..], s[..^1], d[1..]);
        }
    }

    /// <summary>The <paramref name="h"/>×<paramref name="w"/> row-major <paramref name="src"/> transposed into <paramref name="dst"/> (w×h), in cache-sized tiles.</summary>
    private static void Transpose(ReadOnlySpan<float> src, Span<float> dst, int h, int w)
    {
        if (src.Length < h * w || dst.Length < h * w)
        {
            throw new ArgumentException("The transpose needs h·w values on both sides.", nameof(dst));
        }

        // Indices stay inside h·w (checked above), so the tiles read and write through references without per-element checks.
        ref float s = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(src);
        ref float d = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(dst);
        const int Tile = 32;
        for (int y0 = 0; y0 < h; y0 += Tile)
        {
            int y1 = Math.Min(h, y0 + Tile);
            for (int x0 = 0; x0 < w; x0 += Tile)
            {
                int x1 = Math.Min(w, x0 + Tile);
                for (int y = y0; y < y1; y++)
                {
                    ref float row = ref System.Runtime.CompilerServices.Unsafe.Add(ref s, y * w);
                    for (int x = x0; x < x1; x++)
                    {
                        System.Runtime.CompilerServices.Unsafe.Add(ref d, (x * h) + y) = System.Runtime.CompilerServices.Unsafe.Add(ref row, x);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The van Herk / Gil-Werman recurrences down the columns of <paramref name="src"/> (<paramref name="h"/>×<paramref name="w"/>) into
    /// <paramref name="dst"/>, a whole row at a time (each step one vectorised min or max of two rows), on the image padded by r rows
    /// of the identity above and below. One block of <paramref name="length"/> rows at a time: output row y needs the backward extreme
    /// of its own block (row y) and the forward extreme of the next (row y + length − 1), so three blocks of scratch serve the whole
    /// image (the padding is read, not copied): a few hundred rows of memory touched instead of three padded copies of the image.
    /// </summary>
    private static void Columns<TOp>(ReadOnlySpan<float> src, Span<float> dst, int h, int w, int length)
        where TOp : struct, IExtreme
    {
        int padded = h + length - 1;
        using var identity = new PooledArray<float>(w);
        using var backward = new PooledArray<float>(length * w);
        using var forward = new PooledArray<float>(length * w);
        using var forwardNext = new PooledArray<float>(length * w);
        identity.Span.Fill(TOp.Identity);
        Span<float> hh = backward.Span, g = forward.Span, gNext = forwardNext.Span;
        Forward<TOp>(src, identity.Span, g, 0, padded, h, w, length);
        for (int start = 0; start < h; start += length)
        {
            int next = start + length;
            if (next < padded)
            {
                Forward<TOp>(src, identity.Span, gNext, next, padded, h, w, length);
            }

            // Backward within the block: from its last row (the block's end, or the last padded row) up to its first.
            int end = Math.Min(next, padded);
            for (int i = end - 1; i >= start; i--)
            {
                var row = PaddedRow(src, identity.Span, i, h, w, length);
                if (i == end - 1)
                {
                    row.CopyTo(hh.Slice((i - start) * w, w));
                }
                else
                {
                    TOp.Apply(hh.Slice((i + 1 - start) * w, w), row, hh.Slice((i - start) * w, w));
                }
            }

            // Window [y, y + length − 1]: the backward extreme from its start to its block's end, and the forward extreme from the next
            // block's start to its end (when the window is the block, both cover it).
            for (int y = start; y < Math.Min(next, h); y++)
            {
                int last = y + length - 1;
                var forwardRow = last < next ? g.Slice((last - start) * w, w) : gNext.Slice((last - next) * w, w);
                TOp.Apply(hh.Slice((y - start) * w, w), forwardRow, dst.Slice(y * w, w));
            }

            var done = g;
            g = gNext;
            gNext = done;
        }
    }

    /// <summary>The forward extremes of the block of padded rows from <paramref name="start"/> (a multiple of <paramref name="length"/>) into <paramref name="g"/>.</summary>
    private static void Forward<TOp>(ReadOnlySpan<float> src, ReadOnlySpan<float> identity, Span<float> g, int start, int padded, int h, int w, int length)
        where TOp : struct, IExtreme
    {
        int end = Math.Min(start + length, padded);
        for (int i = start; i < end; i++)
        {
            var row = PaddedRow(src, identity, i, h, w, length);
            if (i == start)
            {
                row.CopyTo(g.Slice(0, w));
            }
            else
            {
                TOp.Apply(g.Slice((i - 1 - start) * w, w), row, g.Slice((i - start) * w, w));
            }
        }
    }

    /// <summary>Row <paramref name="i"/> of the image padded by length / 2 rows of the identity above and below.</summary>
    private static ReadOnlySpan<float> PaddedRow(ReadOnlySpan<float> src, ReadOnlySpan<float> identity, int i, int h, int w, int length)
    {
        int y = i - (length / 2);
        return y >= 0 && y < h ? src.Slice(y * w, w) : identity;
    }

    /// <summary>The operation of an erosion (minimum) or a dilation (maximum), with its identity.</summary>
    private interface IExtreme
    {
        static abstract float Identity { get; }

        /// <summary>The element-wise extreme of two rows (vectorised).</summary>
        static abstract void Apply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> destination);
    }

    private readonly struct MinOp : IExtreme
    {
        public static float Identity => float.PositiveInfinity;

        public static void Apply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> destination) => TensorPrimitives.Min(a, b, destination);
    }

    private readonly struct MaxOp : IExtreme
    {
        public static float Identity => float.NegativeInfinity;

        public static void Apply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> destination) => TensorPrimitives.Max(a, b, destination);
    }
}
