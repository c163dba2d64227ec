namespace Scrawl.Ocr;

public static partial class CharacterFinder
{
    /// <summary>
    /// The typical character height from component box heights (at least one): the median of the heights
    /// that reach 30 % of the 90th percentile, so that specks and stroke fragments, however many, do not
    /// drag it down, and a few long strokes or smudges do not drag it up.
    /// </summary>
    public static double TypicalHeight(IReadOnlyList<double> heights)
    {
        ArgumentNullException.ThrowIfNull(heights);
        ArgumentOutOfRangeException.ThrowIfZero(heights.Count);
        var sorted = heights.Order().ToArray();
        double p90 = Tallest(sorted);
        return Median([.. sorted.Where(h => h >= 0.3 * p90).Select(h => (float)h)]);
    }

    /// <summary>
    /// The height of the tallest writing from component box heights (at least one): their 90th percentile — the reference
    /// <see cref="TypicalHeight"/> judges fragments against — and never below the typical height. With lower case it is the height of
    /// capitals, ascenders and descenders, while the typical height is the x-height; a few long strokes or smudges do not drag it up.
    /// </summary>
    public static double TallHeight(IReadOnlyList<double> heights)
    {
        ArgumentNullException.ThrowIfNull(heights);
        ArgumentOutOfRangeException.ThrowIfZero(heights.Count);
        return Math.Max(Tallest([.. heights.Order()]), TypicalHeight(heights));
    }

    private static double Tallest(double[] sorted) => sorted[(int)Math.Floor(0.9 * (sorted.Length - 1))];

    /// <summary>The median of values in [0, 1] to 1/1024 (a histogram: no sort of millions of pixels).</summary>
    internal static float HistogramMedian(ReadOnlySpan<float> values)
    {
        const int Bins = 1024;
        var counts = new int[Bins];
        foreach (float v in values)
        {
            counts[Math.Clamp((int)(v * Bins), 0, Bins - 1)]++;
        }

        long seen = 0;
        for (int b = 0; b < Bins; b++)
        {
            seen += counts[b];
            if (2 * seen >= values.Length)
            {
                return (b + 0.5f) / Bins;
            }
        }

        return 1f;
    }

    private static float Median(ReadOnlySpan<float> values)
    {
        float[] sorted = values.ToArray();
        Array.Sort(sorted);
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }
}
