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

        int h = image.Height, w = image.Width, half = windowSize / 2, paddedWidth = w + (2 * half);
        ReadOnlySpan<float> pixels = image.Pixels;
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
            AddRow(pixels.Slice(Reflect(dy, h) * w, w), columnOf, columnSum, columnSquares, 1);
        }

        var output = new float[h * w];
        double area = (double)windowSize * windowSize, kk = k, rr = r;
        for (int y = 0; y < h; y++)
        {
            if (y > 0)
            {
                AddRow(pixels.Slice(Reflect(y - half - 1, h) * w, w), columnOf, columnSum, columnSquares, -1);
                AddRow(pixels.Slice(Reflect(y + half, h) * w, w), columnOf, columnSum, columnSquares, 1);
            }

            double s = 0, q = 0;
            for (int x = 0; x < paddedWidth; x++)
            {
                s += columnSum[x];
                q += columnSquares[x];
                prefixSum[x + 1] = s;
                prefixSquares[x + 1] = q;
            }

            var row = output.AsSpan(y * w, w);
            for (int x = 0; x < w; x++)
            {
                double mean = (prefixSum[x + windowSize] - prefixSum[x]) / area;
                double meanSquare = (prefixSquares[x + windowSize] - prefixSquares[x]) / area;
                double std = Math.Sqrt(Math.Max(meanSquare - (mean * mean), 0));
                row[x] = (float)(mean * (1 + (kk * ((std / rr) - 1))));
            }
        }

        return FloatImage.Trusted(output, h, w);
    }

    /// <summary>Adds (sign +1) or removes (sign −1) one image row, extended by the reflected column map, to the running column sums.</summary>
    private static void AddRow(ReadOnlySpan<float> row, int[] columnOf, double[] columnSum, double[] columnSquares, int sign)
    {
        for (int x = 0; x < columnOf.Length; x++)
        {
            double v = row[columnOf[x]];
            columnSum[x] += sign * v;
            columnSquares[x] += sign * v * v;
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
