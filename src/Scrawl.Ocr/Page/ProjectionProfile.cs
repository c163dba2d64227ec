using System.Runtime.Intrinsics;
using Scrawl.Imaging;

namespace Scrawl.Ocr;

/// <summary>
/// The kernel of <see cref="TextSkew.Score"/>: points (x, y) projected onto the axis across lines at an angle, p = y·cos − x·sin in
/// float64, binned into one-pixel bins from the smallest p. The projections are computed 8 (Vector512) or 4 (Vector256) at a time
/// with the same float64 operations as the scalar path, so every path gives the same bins bit for bit; the counts go into four
/// interleaved histograms, so runs of points falling into one bin do not wait on each other's increments.
/// </summary>
internal static class ProjectionProfile
{
    /// <summary>The widest path this machine runs: 16 floats a step (Vector512), 8 (Vector256) or 1 (scalar).</summary>
    public static int BestPath => Vector512.IsHardwareAccelerated ? 16 : Vector256.IsHardwareAccelerated ? 8 : 1;

    /// <summary>The sum of squared bin counts of the projections of (<paramref name="xs"/>, <paramref name="ys"/>) (equal lengths ≥ 1) with cosine <paramref name="c"/> and sine <paramref name="s"/>, on <paramref name="path"/> (16, 8 or 1; at most <see cref="BestPath"/>; 0: the best).</summary>
    public static double SquaredCounts(ReadOnlySpan<float> xs, ReadOnlySpan<float> ys, double c, double s, int path = 0)
    {
        path = path == 0 ? BestPath : path;
        if (path is not (1 or 8 or 16) || path > BestPath)
        {
            throw new ArgumentOutOfRangeException(nameof(path), path, $"The path must be 16, 8 or 1 floats a step, at most {BestPath} here.");
        }

        if (xs.Length != ys.Length || xs.Length == 0)
        {
            throw new ArgumentException($"The coordinates must be non-empty and of equal length ({xs.Length} x, {ys.Length} y).", nameof(ys));
        }

        var (min, max) = Range(xs, ys, c, s, path);
        int size = (int)(max - min) + 2;
        // Pooled: a tilt search scores over a hundred angles a page, each with its own histograms.
        using var scratch = new PooledArray<int>(4 * size, clear: true);
        var bins = scratch.Span;
        Count(xs, ys, c, s, min, bins, size, path);
        double sum = 0;
        for (int b = 0; b < size; b++)
        {
            double count = bins[b] + bins[size + b] + bins[(2 * size) + b] + bins[(3 * size) + b];
            sum += count * count;
        }

        return sum;
    }

    /// <summary>The smallest and largest projection, on <paramref name="path"/> (as in <see cref="SquaredCounts"/>).</summary>
    internal static (double Min, double Max) Range(ReadOnlySpan<float> xs, ReadOnlySpan<float> ys, double c, double s, int path)
    {
        double min = double.MaxValue, max = double.MinValue;
        int i = 0;
        if (path == 16 && xs.Length >= 16)
        {
            var vc = Vector512.Create(c);
            var vs = Vector512.Create(s);
            Vector512<double> lo = Vector512.Create(double.MaxValue), hi = Vector512.Create(double.MinValue);
            for (; i <= xs.Length - 16; i += 16)
            {
                var (xl, xh) = Vector512.Widen(Vector512.Create(xs.Slice(i, 16)));
                var (yl, yh) = Vector512.Widen(Vector512.Create(ys.Slice(i, 16)));
                var pl = (yl * vc) - (xl * vs);
                var ph = (yh * vc) - (xh * vs);
                lo = Vector512.Min(lo, Vector512.Min(pl, ph));
                hi = Vector512.Max(hi, Vector512.Max(pl, ph));
            }

            for (int k = 0; k < Vector512<double>.Count; k++)
            {
                min = Math.Min(min, lo[k]);
                max = Math.Max(max, hi[k]);
            }
        }
        else if (path == 8 && xs.Length >= 8)
        {
            var vc = Vector256.Create(c);
            var vs = Vector256.Create(s);
            Vector256<double> lo = Vector256.Create(double.MaxValue), hi = Vector256.Create(double.MinValue);
            for (; i <= xs.Length - 8; i += 8)
            {
                var (xl, xh) = Vector256.Widen(Vector256.Create(xs.Slice(i, 8)));
                var (yl, yh) = Vector256.Widen(Vector256.Create(ys.Slice(i, 8)));
                var pl = (yl * vc) - (xl * vs);
                var ph = (yh * vc) - (xh * vs);
                lo = Vector256.Min(lo, Vector256.Min(pl, ph));
                hi = Vector256.Max(hi, Vector256.Max(pl, ph));
            }

            for (int k = 0; k < Vector256<double>.Count; k++)
            {
                min = Math.Min(min, lo[k]);
                max = Math.Max(max, hi[k]);
            }
        }

        for (; i < xs.Length; i++)
        {
            double p = (ys[i] * c) - (xs[i] * s);
            min = Math.Min(min, p);
            max = Math.Max(max, p);
        }

        return (min, max);
    }

    /// <summary>Adds each point to bin ⌊p − <paramref name="min"/>⌋ of one of the four histograms of <paramref name="size"/> bins in <paramref name="bins"/> (point i to histogram i mod 4).</summary>
    internal static void Count(ReadOnlySpan<float> xs, ReadOnlySpan<float> ys, double c, double s, double min, Span<int> bins, int size, int path)
    {
        int i = 0;
        Span<long> index = stackalloc long[16];
        if (path == 16 && xs.Length >= 16)
        {
            var vc = Vector512.Create(c);
            var vs = Vector512.Create(s);
            var vmin = Vector512.Create(min);
            for (; i <= xs.Length - 16; i += 16)
            {
                var (xl, xh) = Vector512.Widen(Vector512.Create(xs.Slice(i, 16)));
                var (yl, yh) = Vector512.Widen(Vector512.Create(ys.Slice(i, 16)));
                Vector512.ConvertToInt64((yl * vc) - (xl * vs) - vmin).CopyTo(index);
                Vector512.ConvertToInt64((yh * vc) - (xh * vs) - vmin).CopyTo(index[8..]);
                Add(bins, index, size);
            }
        }
        else if (path == 8 && xs.Length >= 8)
        {
            var vc = Vector256.Create(c);
            var vs = Vector256.Create(s);
            var vmin = Vector256.Create(min);
            for (; i <= xs.Length - 8; i += 8)
            {
                var (xl, xh) = Vector256.Widen(Vector256.Create(xs.Slice(i, 8)));
                var (yl, yh) = Vector256.Widen(Vector256.Create(ys.Slice(i, 8)));
                Vector256.ConvertToInt64((yl * vc) - (xl * vs) - vmin).CopyTo(index);
                Vector256.ConvertToInt64((yh * vc) - (xh * vs) - vmin).CopyTo(index[4..]);
                Add(bins, index[..8], size);
            }
        }

        for (; i < xs.Length; i++)
        {
            bins[((i & 3) * size) + (int)((ys[i] * c) - (xs[i] * s) - min)]++;
        }
    }

    private static void Add(Span<int> bins, ReadOnlySpan<long> index, int size)
    {
        for (int k = 0; k < index.Length; k++)
        {
            bins[((k & 3) * size) + (int)index[k]]++;
        }
    }
}
