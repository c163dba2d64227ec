using System.Numerics.Tensors;

namespace Scrawl.Imaging;

/// <summary>
/// Grey-level morphology with a straight line footprint (1 × L along rows, or L × 1 along columns), like scikit-image's
/// <c>morphology.erosion/dilation/opening/closing(image, np.ones((1, L)))</c> for odd L: erosion is the minimum over the
/// window centred on each pixel, dilation the maximum, pixels outside the image ignored. The van Herk / Gil-Werman
/// algorithm: per block of L pixels a forward and a backward running extreme, so each pixel costs three comparisons
/// whatever L is (van Herk 1992; Gil and Werman 1993).
/// </summary>
public static class LineMorphology
{
    /// <summary>The minimum over a line window of odd <paramref name="length"/> (≥ 1) along rows, or along columns when <paramref name="vertical"/>.</summary>
    /// <example><c>var eroded = LineMorphology.Erode(page, 31, vertical: false);</c></example>
    public static FloatImage Erode(FloatImage image, int length, bool vertical) => Filter<MinOp>(image, length, vertical);

    /// <summary>The maximum over a line window of odd <paramref name="length"/> (≥ 1) along rows, or along columns when <paramref name="vertical"/>.</summary>
    public static FloatImage Dilate(FloatImage image, int length, bool vertical) => Filter<MaxOp>(image, length, vertical);

    /// <summary>
    /// Closing (dilation, then erosion) with the line: dark structures shorter than <paramref name="length"/> (odd, ≥ 1) along the
    /// line vanish, while dark lines at least that long (a ruling line, a page edge, a shadow) stay.
    /// </summary>
    public static FloatImage Close(FloatImage image, int length, bool vertical) =>
        Erode(Dilate(image, length, vertical), length, vertical);

    /// <summary>Opening (erosion, then dilation) with the line: bright structures shorter than <paramref name="length"/> (odd, ≥ 1) vanish.</summary>
    public static FloatImage Open(FloatImage image, int length, bool vertical) =>
        Dilate(Erode(image, length, vertical), length, vertical);

    private static FloatImage Filter<TOp>(FloatImage image, int length, bool vertical)
        where TOp : struct, IExtreme
    {
        FloatImage.RequireGrey(image, nameof(image));
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        if (length % 2 == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "The line length must be odd (the window is centred on each pixel).");
        }

        int h = image.Height, w = image.Width;
        var result = new float[h * w];
        if (!vertical)
        {
            Parallel.For(0, h, () => new Buffers(w, length), (y, _, buffers) =>
            {
                Run<TOp>(image.Pixels.AsSpan(y * w, w), result.AsSpan(y * w, w), length, buffers);
                return buffers;
            }, _ => { });
            return new FloatImage(result, h, w);
        }

        return new FloatImage(Columns<TOp>(image.Pixels, h, w, length), h, w);
    }

    /// <summary>
    /// The same recurrences down the columns, a whole row at a time (each step one vectorised min or max of two rows), so the
    /// columns need no transposing: rows of the identity pad the image by r above and below.
    /// </summary>
    private static float[] Columns<TOp>(float[] src, int h, int w, int length)
        where TOp : struct, IExtreme
    {
        int r = length / 2, padded = h + (2 * r);
        var pool = System.Buffers.ArrayPool<float>.Shared;
        var x = pool.Rent(padded * w);
        x.AsSpan(0, r * w).Fill(TOp.Identity);
        src.CopyTo(x, r * w);
        x.AsSpan((r + h) * w, r * w).Fill(TOp.Identity);
        var g = pool.Rent(padded * w);
        var hh = pool.Rent(padded * w);
        for (int i = 0; i < padded; i++)
        {
            var row = x.AsSpan(i * w, w);
            if (i % length == 0)
            {
                row.CopyTo(g.AsSpan(i * w, w));
            }
            else
            {
                TOp.Apply(g.AsSpan((i - 1) * w, w), row, g.AsSpan(i * w, w));
            }
        }

        for (int i = padded - 1; i >= 0; i--)
        {
            var row = x.AsSpan(i * w, w);
            if (i == padded - 1 || (i + 1) % length == 0)
            {
                row.CopyTo(hh.AsSpan(i * w, w));
            }
            else
            {
                TOp.Apply(hh.AsSpan((i + 1) * w, w), row, hh.AsSpan(i * w, w));
            }
        }

        var result = new float[h * w];
        for (int y = 0; y < h; y++)
        {
            TOp.Apply(hh.AsSpan(y * w, w), g.AsSpan((y + length - 1) * w, w), result.AsSpan(y * w, w));
        }

        pool.Return(x);
        pool.Return(g);
        pool.Return(hh);
        return result;
    }

    /// <summary>One row: out[i] = extreme of src[i − r … i + r] (r = length / 2), clipped to the row.</summary>
    private static void Run<TOp>(ReadOnlySpan<float> src, Span<float> dst, int length, Buffers b)
        where TOp : struct, IExtreme
    {
        int n = src.Length, r = length / 2;
        // The row padded by r on both sides with the identity of the operation, so windows never leave it.
        int padded = n + (2 * r);
        var x = b.Padded.AsSpan(0, padded);
        x[..r].Fill(TOp.Identity);
        src.CopyTo(x[r..]);
        x[(r + n)..].Fill(TOp.Identity);
        var g = b.Forward.AsSpan(0, padded);
        var hh = b.Backward.AsSpan(0, padded);
        for (int start = 0; start < padded; start += length)
        {
            // Per block of `length`: the running extreme forward from its start and backward from its end.
            int end = Math.Min(start + length, padded);
            float acc = x[start];
            g[start] = acc;
            for (int i = start + 1; i < end; i++)
            {
                acc = TOp.Apply(acc, x[i]);
                g[i] = acc;
            }

            acc = x[end - 1];
            hh[end - 1] = acc;
            for (int i = end - 2; i >= start; i--)
            {
                acc = TOp.Apply(acc, x[i]);
                hh[i] = acc;
            }
        }

        // Window [i, i + length − 1] in padded coordinates: the backward extreme from its start to its block's end, and the forward
        // extreme from the next block's start to its end (when the window lies in one block, both cover it).
        for (int i = 0; i < n; i++)
        {
            dst[i] = TOp.Apply(hh[i], g[i + length - 1]);
        }
    }

    /// <summary>The operation of an erosion (minimum) or a dilation (maximum), with its identity.</summary>
    private interface IExtreme
    {
        static abstract float Identity { get; }

        static abstract float Apply(float a, float b);

        /// <summary>The element-wise extreme of two rows (vectorised).</summary>
        static abstract void Apply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> destination);
    }

    private readonly struct MinOp : IExtreme
    {
        public static float Identity => float.PositiveInfinity;

        public static float Apply(float a, float b) => b < a ? b : a;

        public static void Apply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> destination) => TensorPrimitives.Min(a, b, destination);
    }

    private readonly struct MaxOp : IExtreme
    {
        public static float Identity => float.NegativeInfinity;

        public static float Apply(float a, float b) => b > a ? b : a;

        public static void Apply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> destination) => TensorPrimitives.Max(a, b, destination);
    }

    private sealed class Buffers(int n, int length)
    {
        public float[] Padded { get; } = new float[n + length];

        public float[] Forward { get; } = new float[n + length];

        public float[] Backward { get; } = new float[n + length];
    }
}
