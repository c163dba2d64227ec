namespace Scrawl.Ocr;

/// <summary>
/// How dark a page's writing is against its paper, and the local-threshold strictness that follows from it. Sauvola's k is the
/// fraction by which a pixel must be darker than its neighbourhood to count as ink; a fixed k of 0.2 suits pen and dark pencil but
/// breaks faint strokes — light pencil, and thin strokes blended with the paper in a small or downscaled photo, are often only 15–25 %
/// darker than the paper. Measured per page: the threshold sits halfway between the paper and the typical ink.
/// </summary>
public static class StrokeContrast
{
    /// <summary>Fewer ink pixels than this (≥ 1) measure nothing.</summary>
    public const int MinInkPixels = 64;

    /// <summary>The smallest k (in (0, 1]) <see cref="SauvolaK"/> returns: below it paper grain and JPEG noise pass as ink.</summary>
    public const float MinK = 0.05f;

    /// <summary>
    /// The typical relative darkness of the ink, (paper − median ink) / paper in [0, 1], of <paramref name="pixels"/> (grey in [0, 1])
    /// where <paramref name="ink"/> is 1 (same length), against the paper level <paramref name="paper"/> (&gt; 0); null when
    /// fewer than <see cref="MinInkPixels"/> pixels are ink or the paper level is not positive.
    /// </summary>
    public static double? Measure(ReadOnlySpan<float> pixels, ReadOnlySpan<byte> ink, float paper)
    {
        if (ink.Length != pixels.Length)
        {
            throw new ArgumentException($"{pixels.Length} pixels but {ink.Length} ink flags.", nameof(ink));
        }

        if (!(paper > 0))
        {
            return null;
        }

        double median = CharacterFinder.HistogramMedian(pixels, ink, 256, out int total);
        return total < MinInkPixels ? null : Math.Clamp((paper - median) / paper, 0, 1);
    }

    /// <summary>
    /// Sauvola's k for writing of relative darkness <paramref name="contrast"/> (from <see cref="Measure"/>; null: unknown): half the
    /// contrast — the midpoint between paper and typical ink — but never above <paramref name="k"/> (in [0, 1], the default
    /// strictness, kept for dark writing) nor below <see cref="MinK"/>.
    /// </summary>
    public static float SauvolaK(double? contrast, float k)
    {
        if (k is < 0 or > 1 || float.IsNaN(k))
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, "k must lie in [0, 1].");
        }

        return contrast is { } c ? Math.Min(k, Math.Max(MinK, (float)(c / 2))) : k;
    }
}
