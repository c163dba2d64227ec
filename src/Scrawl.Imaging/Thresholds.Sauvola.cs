using System.Runtime.Intrinsics;

namespace Scrawl.Imaging;

public static partial class Thresholds
{
    /// <summary>
    /// Sauvola's local thresholds, like <c>skimage.filters.threshold_sauvola(image, window_size, k, r)</c>:
    /// T = m·(1 + k·(s/r − 1)) with m and s the mean and standard deviation of the
    /// <paramref name="windowSize"/>×<paramref name="windowSize"/> window centred on each pixel; the image
    /// is extended by numpy's 'reflect' mode (mirrored about the edge pixel, which is not repeated).
    /// <paramref name="windowSize"/> is odd and ≥ 1; <paramref name="k"/> in [0, 1] (typically 0.2–0.5);
    /// <paramref name="r"/> &gt; 0, the dynamic range of the standard deviation — skimage's default for
    /// float images is 1, half the range of the float dtype [−1, 1]. Pixels strictly above their
    /// threshold are background (paper), so <c>image.AtOrBelow(thresholds)</c> is the ink.
    /// Sums come from running column sums and a per-row prefix sum (an integral image kept one row
    /// deep), in float64: O(1) work per pixel and O(width) extra memory.
    /// </summary>
    /// <example><c>var ink = page.AtOrBelow(Thresholds.Sauvola(page, 25, 0.2f));</c></example>
    public static FloatImage Sauvola(FloatImage image, int windowSize = 15, float k = 0.2f, float r = 1f)
    {
        FloatImage.RequireGrey(image, nameof(image));
        var output = new float[image.Pixels.Length];
        Sauvola(image.Pixels, output, image.Height, image.Width, windowSize, k, r);
        return FloatImage.Trusted(output, image.Height, image.Width);
    }

    /// <summary>
    /// As <see cref="Sauvola(FloatImage, int, float, float)"/> on a <paramref name="height"/>×<paramref name="width"/> (≥ 1) row-major grey
    /// image, into <paramref name="destination"/> (the same length; it may not overlap the image): the same values bit for bit, with no
    /// page-sized allocation.
    /// </summary>
    public static void Sauvola(ReadOnlySpan<float> image, Span<float> destination, int height, int width, int windowSize = 15, float k = 0.2f, float r = 1f)
    {
        PixelGrid.Check(height, width, image.Length, nameof(image));
        PixelGrid.Check(height, width, destination.Length, nameof(destination));
        if (image.Overlaps(destination))
        {
            throw new ArgumentException("The destination may not overlap the image.", nameof(destination));
        }

        if (windowSize < 1 || windowSize % 2 == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(windowSize), windowSize, "windowSize must be odd and ≥ 1 (pixels).");
        }

        if (!(k >= 0 && k <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, "k must lie in [0, 1].");
        }

        if (!float.IsFinite(r) || r <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(r), r, "r must be a finite number > 0.");
        }

        int h = height, w = width, half = windowSize / 2, paddedWidth = w + (2 * half);
        var columnSum = new double[paddedWidth];
        var columnSquares = new double[paddedWidth];
        var prefixSum = new double[paddedWidth + 1];
        var prefixSquares = new double[paddedWidth + 1];
        var columnOf = new int[paddedWidth];
        for (int x = 0; x < paddedWidth; x++)
        {
            columnOf[x] = Reflect(x - half, w);
        }

        // Window rows for output row 0 are −half..half (reflected).
        for (int dy = -half; dy <= half; dy++)
        {
            AddRow(image.Slice(Reflect(dy, h) * w, w), columnOf, columnSum, columnSquares, 1);
        }

        var row = new double[w];
        for (int y = 0; y < h; y++)
        {
            if (y > 0)
            {
                AddRow(image.Slice(Reflect(y - half - 1, h) * w, w), columnOf, columnSum, columnSquares, -1);
                AddRow(image.Slice(Reflect(y + half, h) * w, w), columnOf, columnSum, columnSquares, 1);
            }

            double s = 0, q = 0;
            for (int x = 0; x < paddedWidth; x++)
            {
                s += columnSum[x];
                q += columnSquares[x];
                prefixSum[x + 1] = s;
                prefixSquares[x + 1] = q;
            }

            SauvolaRow(prefixSum, prefixSquares, windowSize, k, r, row);
            var thresholds = destination.Slice(y * w, w);
            for (int x = 0; x < w; x++)
            {
                thresholds[x] = (float)row[x];
            }
        }
    }

    /// <summary>
    /// Adds (sign +1) or removes (sign −1) one image row, extended by the reflected column map, to the running column sums. The
    /// reflected margins go one by one; the image's own columns (padded x = column + half) as whole-row vector operations, which
    /// round exactly as the scalar sum ± v and ± v·v.
    /// </summary>
    private static void AddRow(ReadOnlySpan<float> row, int[] columnOf, double[] columnSum, double[] columnSquares, int sign)
    {
        int half = (columnOf.Length - row.Length) / 2;
        for (int x = 0; x < columnOf.Length; x++)
        {
            if (x == half)
            {
                x += row.Length - 1;
                AddContiguous(row, columnSum.AsSpan(half, row.Length), columnSquares.AsSpan(half, row.Length), sign);
                continue;
            }

            double v = row[columnOf[x]];
            columnSum[x] += sign * v;
            columnSquares[x] += sign * v * v;
        }
    }

    /// <summary>sum[i] ± row[i] and squares[i] ± row[i]² in float64, eight (Vector512) or four (Vector256) columns at a time.</summary>
    private static void AddContiguous(ReadOnlySpan<float> row, Span<double> sum, Span<double> squares, int sign)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= row.Length - 8; i += 8)
            {
                var v = Vector512.WidenLower(Vector256.Create(row.Slice(i, 8)).ToVector512Unsafe());
                Step(v, sum.Slice(i, 8), squares.Slice(i, 8), sign);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= row.Length - 4; i += 4)
            {
                var v = Vector256.WidenLower(Vector128.Create(row.Slice(i, 4)).ToVector256Unsafe());
                Step(v, sum.Slice(i, 4), squares.Slice(i, 4), sign);
            }
        }

        for (; i < row.Length; i++)
        {
            double v = row[i];
            sum[i] += sign * v;
            squares[i] += sign * v * v;
        }
    }

    private static void Step(Vector512<double> v, Span<double> sum, Span<double> squares, int sign)
    {
        var square = v * v;
        (sign > 0 ? Vector512.Create((ReadOnlySpan<double>)sum) + v : Vector512.Create((ReadOnlySpan<double>)sum) - v).CopyTo(sum);
        (sign > 0 ? Vector512.Create((ReadOnlySpan<double>)squares) + square : Vector512.Create((ReadOnlySpan<double>)squares) - square).CopyTo(squares);
    }

    private static void Step(Vector256<double> v, Span<double> sum, Span<double> squares, int sign)
    {
        var square = v * v;
        (sign > 0 ? Vector256.Create((ReadOnlySpan<double>)sum) + v : Vector256.Create((ReadOnlySpan<double>)sum) - v).CopyTo(sum);
        (sign > 0 ? Vector256.Create((ReadOnlySpan<double>)squares) + square : Vector256.Create((ReadOnlySpan<double>)squares) - square).CopyTo(squares);
    }

    /// <summary>
    /// One row of thresholds from the window sums: mean m = Σ/area, s = √max(Σ²/area − m², 0), T = m·(1 + k·(s/r − 1)) for output column x
    /// from prefix entries x and x + window; eight (Vector512) or four (Vector256) columns at a time, each operation rounded as the scalar one.
    /// </summary>
    private static void SauvolaRow(double[] prefixSum, double[] prefixSquares, int windowSize, double k, double r, Span<double> row)
    {
        double area = (double)windowSize * windowSize;
        int x = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; x <= row.Length - 8; x += 8)
            {
                var sum = Vector512.Create(prefixSum.AsSpan(x + windowSize, 8)) - Vector512.Create(prefixSum.AsSpan(x, 8));
                var squares = Vector512.Create(prefixSquares.AsSpan(x + windowSize, 8)) - Vector512.Create(prefixSquares.AsSpan(x, 8));
                var mean = sum / area;
                var std = Vector512.Sqrt(Vector512.Max((squares / area) - (mean * mean), Vector512<double>.Zero));
                (mean * (Vector512<double>.One + (k * ((std / r) - Vector512<double>.One)))).CopyTo(row.Slice(x, 8));
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; x <= row.Length - 4; x += 4)
            {
                var sum = Vector256.Create(prefixSum.AsSpan(x + windowSize, 4)) - Vector256.Create(prefixSum.AsSpan(x, 4));
                var squares = Vector256.Create(prefixSquares.AsSpan(x + windowSize, 4)) - Vector256.Create(prefixSquares.AsSpan(x, 4));
                var mean = sum / area;
                var std = Vector256.Sqrt(Vector256.Max((squares / area) - (mean * mean), Vector256<double>.Zero));
                (mean * (Vector256<double>.One + (k * ((std / r) - Vector256<double>.One)))).CopyTo(row.Slice(x, 4));
            }
        }

        for (; x < row.Length; x++)
        {
            double mean = (prefixSum[x + windowSize] - prefixSum[x]) / area;
            double meanSquare = (prefixSquares[x + windowSize] - prefixSquares[x]) / area;
            double std = Math.Sqrt(Math.Max(meanSquare - (mean * mean), 0));
            row[x] = mean * (1 + (k * ((std / r) - 1)));
        }
    }

    /// <summary>numpy's 'reflect' index (d c b | a b c d | c b a), repeated for pads wider than the image.</summary>
    internal static int Reflect(int index, int length)
    {
        if (length == 1)
        {
            return 0;
        }

        int period = 2 * (length - 1);
        int m = ((index % period) + period) % period;
        return m < length ? m : period - m;
    }
}
