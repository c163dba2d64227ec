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

    /// <summary>
    /// The typical height (<see cref="TypicalHeight"/>) once the pieces of letters broken by pen lifts count as one: boxes whose columns
    /// overlap by at least half the narrower one's width and whose rows are at most one <paramref name="stroke"/> width (&gt; 0) apart join,
    /// as long as the joined box stays within 2.5 of the pieces' own typical height (letters of neighbouring lines stay apart). Never below
    /// the pieces' typical height. When every letter is broken, the pieces' median is half a letter, and the stacked merge, judged
    /// against it, would leave the halves apart.
    /// </summary>
    internal static double TypicalStackedHeight(IReadOnlyList<PixelBox> boxes, double stroke)
    {
        ArgumentNullException.ThrowIfNull(boxes);
        ArgumentOutOfRangeException.ThrowIfZero(boxes.Count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stroke);
        double pieces = TypicalHeight([.. boxes.Select(b => (double)b.Height)]);
        var groups = PieceMerger.MergeBoxes(boxes, (a, b) =>
            a.HorizontalOverlap(b) >= 0.5 * Math.Min(a.Width, b.Width) && -a.VerticalOverlap(b) <= stroke && a.Union(b).Height <= 2.5 * pieces, reach: 0);
        return Math.Max(pieces, TypicalHeight([.. groups.Select(g => (double)g.Box.Height)]));
    }

    /// <summary>
    /// The typical character width once the pieces of letters cut down their length count as one: boxes (at least one) that share half the
    /// shorter one's rows and lie at most one <paramref name="stroke"/> width (&gt; 0) apart in columns join, as long as the joined box stays
    /// within 1.2 <paramref name="typicalHeight"/> (&gt; 0) wide (letters are seldom wider than that, so neighbours stay apart); the median of the
    /// joined widths, never below the pieces' own median, which stays as it is when under two strokes (bars, not letters). When every letter
    /// is broken, the pieces' median is half a letter, and the side-by-side merge, whose joined box is capped against it, would leave the
    /// halves apart.
    /// </summary>
    internal static double TypicalJoinedWidth(IReadOnlyList<PixelBox> boxes, double stroke, double typicalHeight)
    {
        ArgumentNullException.ThrowIfNull(boxes);
        ArgumentOutOfRangeException.ThrowIfZero(boxes.Count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stroke);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(typicalHeight);
        double pieces = Median([.. boxes.Select(b => (float)b.Width)]);
        if (pieces < 2 * stroke)
        {
            // Typical "characters" one stroke wide are bars or grain (a printed page turned on its side), not letters cut in two.
            return pieces;
        }

        var groups = PieceMerger.MergeBoxes(boxes, (a, b) =>
            a.VerticalOverlap(b) >= 0.5 * Math.Min(a.Height, b.Height) && -a.HorizontalOverlap(b) <= stroke && a.Union(b).Width <= 1.2 * typicalHeight,
            reach: (int)Math.Ceiling(stroke));
        return Math.Max(pieces, Median([.. groups.Select(g => (float)g.Box.Width)]));
    }

    private static double Tallest(double[] sorted) => sorted[(int)Math.Floor(0.9 * (sorted.Length - 1))];

    /// <summary>The median of values in [0, 1] to 1/1024 (a histogram: no sort of millions of pixels).</summary>
    internal static float HistogramMedian(ReadOnlySpan<float> values) => HistogramMedian(values, default, 1024, out _);

    /// <summary>
    /// The median, to 1/<paramref name="bins"/> (≥ 1; the centre of its histogram bin), of the <paramref name="values"/> in [0, 1] where
    /// <paramref name="mask"/> is not 0 (the same length; empty: every value); <paramref name="count"/> is how many were counted.
    /// </summary>
    internal static float HistogramMedian(ReadOnlySpan<float> values, ReadOnlySpan<byte> mask, int bins, out int count)
    {
        if (!mask.IsEmpty && mask.Length != values.Length)
        {
            throw new ArgumentException($"{values.Length} values but {mask.Length} mask flags.", nameof(mask));
        }

        Span<int> counts = stackalloc int[bins];
        count = mask.IsEmpty ? values.Length : 0;
        if (mask.IsEmpty)
        {
            // The paper level of every page: no per-pixel test.
            foreach (float v in values)
            {
                counts[Math.Clamp((int)(v * bins), 0, bins - 1)]++;
            }
        }
        else
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (mask[i] != 0)
                {
                    counts[Math.Clamp((int)(values[i] * bins), 0, bins - 1)]++;
                    count++;
                }
            }
        }

        long seen = 0;
        for (int b = 0; b < bins; b++)
        {
            seen += counts[b];
            if (2 * seen >= count)
            {
                return (b + 0.5f) / bins;
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
