using Scrawl.Imaging;

namespace Scrawl.Ocr;

/// <summary>The measured direction of a page's text lines.</summary>
/// <param name="Degrees">The lines' tilt in [−MaxDegrees, MaxDegrees]: positive when they run down to the right (rows grow downwards).</param>
/// <param name="Vertical">True when the lines run top to bottom (the page is turned a quarter), the tilt then measured from vertical.</param>
/// <param name="Sharpness">How much sharper the row profile is at the best angle than with no structure (≥ 0; 0: no ink or no lines).</param>
public sealed record TextDirection(double Degrees, bool Vertical, double Sharpness);

/// <summary>
/// Measures the tilt of text lines from an ink mask by projection profiles: for each candidate angle θ the ink pixels are
/// projected onto the axis across the lines (y·cos θ − x·sin θ) into one-pixel bins, and the angle whose profile has the
/// largest sum of squared bin counts (the sharpest rows of ink and gaps) wins — coarse steps first, then a finer search around
/// the best. The same on the mask's transpose tells whether the lines run across or down the page. Pure; cost ∝ ink pixels × angles.
/// </summary>
public static class TextSkew
{
    /// <summary>How many times sharper the column profile must be than the row profile for the lines to count as running down the page.</summary>
    public const double VerticalMargin = 1.5;

    /// <summary>The line direction of <paramref name="ink"/> (1 = ink), searching tilts up to <paramref name="maxDegrees"/> (in (0, 45]); <paramref name="acrossOnly"/> takes the lines as running across the page.</summary>
    public static TextDirection Measure(BinaryImage ink, double maxDegrees = 20, bool acrossOnly = false)
    {
        ArgumentNullException.ThrowIfNull(ink);
        if (!(maxDegrees is > 0 and <= 45))
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegrees), maxDegrees, "The search range must be in (0, 45] degrees.");
        }

        // The ink's coordinates live in pooled scratch: on a measurement thumbnail they are tens of thousands of points.
        int count = ink.Count();
        using var xScratch = new PooledArray<float>(count);
        using var yScratch = new PooledArray<float>(count);
        InkPoints(ink, xScratch.Span, yScratch.Span);
        var xs = new ReadOnlyMemory<float>(xScratch.Array, 0, count);
        var ys = new ReadOnlyMemory<float>(yScratch.Array, 0, count);
        if (xs.Length < 16)
        {
            return new TextDirection(0, false, 0);
        }

        var across = Best(xs, ys, maxDegrees);
        if (acrossOnly)
        {
            return new TextDirection(across.Degrees, false, Math.Max(0, (across.Score / Uniform(xs.Length, ink.Height)) - 1));
        }

        var down = Best(ys, xs, maxDegrees);
        double baseline = Uniform(xs.Length, ink.Height);
        double baselineDown = Uniform(xs.Length, ink.Width);
        double sharpAcross = across.Score / baseline, sharpDown = down.Score / baselineDown;
        // Lines run down the page only when that is clearly sharper: a grid of spaced letters is sharp both ways, and the
        // classifier's orientation check settles the quarter turns anyway. Transposed, a tilt is mirrored: report it as seen upright.
        return sharpDown > VerticalMargin * sharpAcross
            ? new TextDirection(-down.Degrees, true, Math.Max(0, sharpDown - 1))
            : new TextDirection(across.Degrees, false, Math.Max(0, sharpAcross - 1));
    }

    /// <summary>
    /// How much sharper (≥ 0, as <see cref="TextDirection.Sharpness"/>) the profile of <paramref name="ink"/> is across lines of the direction
    /// <paramref name="degrees"/> and <paramref name="vertical"/> (as <see cref="Measure"/> reports them) than with no structure; 0 without ink.
    /// </summary>
    public static double Sharpness(BinaryImage ink, double degrees, bool vertical)
    {
        ArgumentNullException.ThrowIfNull(ink);
        int count = ink.Count();
        if (count < 16)
        {
            return 0;
        }

        using var xScratch = new PooledArray<float>(count);
        using var yScratch = new PooledArray<float>(count);
        InkPoints(ink, xScratch.Span, yScratch.Span);
        ReadOnlySpan<float> xs = xScratch.Array.AsSpan(0, count), ys = yScratch.Array.AsSpan(0, count);
        double score = vertical ? Score(ys, xs, -degrees) : Score(xs, ys, degrees);
        return Math.Max(0, (score / Uniform(count, vertical ? ink.Width : ink.Height)) - 1);
    }

    /// <summary>The profile score (sum of squared one-pixel bin counts) of the points (equal, non-empty spans) at tilt <paramref name="degrees"/>.</summary>
    public static double Score(ReadOnlySpan<float> xs, ReadOnlySpan<float> ys, double degrees)
    {
        double a = degrees * Math.PI / 180;
        return ProjectionProfile.SquaredCounts(xs, ys, Math.Cos(a), Math.Sin(a));
    }

    private static (double Degrees, double Score) Best(ReadOnlyMemory<float> xs, ReadOnlyMemory<float> ys, double maxDegrees)
    {
        double best = 0, bestScore = Score(xs.Span, ys.Span, 0);
        var coarse = Steps(-maxDegrees, maxDegrees, 1.0);
        var coarseScores = Scores(xs, ys, coarse);
        for (int i = 0; i < coarse.Length; i++)
        {
            if (coarseScores[i] > bestScore)
            {
                (best, bestScore) = (coarse[i], coarseScores[i]);
            }
        }

        var fine = Steps(best - 1.0, best + 1.0, 0.1);
        var fineScores = Scores(xs, ys, fine);
        for (int i = 0; i < fine.Length; i++)
        {
            if (fineScores[i] > bestScore && Math.Abs(fine[i]) <= maxDegrees)
            {
                (best, bestScore) = (Math.Round(fine[i], 1), fineScores[i]);
            }
        }

        return (best, bestScore);
    }

    /// <summary>The angles from <paramref name="from"/> to <paramref name="to"/> (inclusive, with a little slack for rounding) in steps of <paramref name="step"/>, accumulated as a running sum.</summary>
    private static double[] Steps(double from, double to, double step)
    {
        var angles = new List<double>();
        for (double d = from; d <= to + 1e-9; d += step)
        {
            angles.Add(d);
        }

        return [.. angles];
    }

    /// <summary>The <see cref="Score"/> of every angle, computed in parallel; the caller picks the best in order, so the choice does not depend on the core count.</summary>
    private static double[] Scores(ReadOnlyMemory<float> xs, ReadOnlyMemory<float> ys, double[] angles)
    {
        var scores = new double[angles.Length];
        Parallel.For(0, angles.Length, i => scores[i] = Score(xs.Span, ys.Span, angles[i]));
        return scores;
    }

    /// <summary>The score of n points spread evenly over <paramref name="span"/> bins: the profile of ink with no rows.</summary>
    private static double Uniform(int n, int span) => (double)n * n / Math.Max(1, span);

    /// <summary>Writes the pixel centres of the ink (as many as <see cref="BinaryImage.Count"/>) into <paramref name="xs"/> and <paramref name="ys"/>, in raster order.</summary>
    private static void InkPoints(BinaryImage ink, Span<float> xs, Span<float> ys)
    {
        var pixels = ink.Pixels;
        int k = 0;
        for (int i = 0; i < pixels.Length; i++)
        {
            if (pixels[i] != 0)
            {
                xs[k] = (i % ink.Width) + 0.5f;
                ys[k] = (i / ink.Width) + 0.5f;
                k++;
            }
        }
    }
}
