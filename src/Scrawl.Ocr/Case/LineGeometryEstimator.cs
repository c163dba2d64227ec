namespace Scrawl.Ocr.Case;

/// <summary>
/// Estimates <see cref="LineGeometry"/> from a line's character boxes and the classifier's probabilities. The baseline is a least-squares
/// line through the feet of the characters unlikely to descend (clamped slope; feet far below it dropped and the fit repeated); the cap
/// height is the median height above it of the characters the classifier takes for tall classes, the x-height of those it takes for
/// short ones, each character weighted by its probability of such a class — counting only classes whose shape has no twin of another
/// height (<see cref="HeightKinds.SizeAmbiguous"/>), so c/C, o/O, s/S … never place a level they are then judged against. The spread is
/// the median distance of confidently classified characters from their level (× 1.4826, a normal's σ), kept within 6–20 % of the cap height.
/// </summary>
public static class LineGeometryEstimator
{
    /// <summary>Largest baseline slope (rows per column, as the line grouper allows).</summary>
    public const double MaxSlope = 0.15;

    /// <summary>The x-height as a fraction of the cap height assumed when no line of the page shows both (typical of hand printing: 0.55–0.7).</summary>
    public const double DefaultXRatio = 0.62;

    /// <summary>The descender depth as a fraction of the cap height assumed when no descender is seen.</summary>
    public const double DefaultDescenderRatio = 0.4;

    /// <summary>Total class probability (≥ 1 character's worth) a level needs before it is estimated from a line.</summary>
    private const double MinEvidence = 0.9;

    /// <summary>The geometry of one line: <paramref name="boxes"/> its characters, <paramref name="probabilities"/> theirs over classes of <paramref name="kinds"/> (same order), <paramref name="evidence"/> per class whether its shape may place a level.</summary>
    public static LineGeometry Estimate(IReadOnlyList<PixelBox> boxes, IReadOnlyList<float[]> probabilities, IReadOnlyList<HeightKind> kinds, IReadOnlyList<bool> evidence)
    {
        ArgumentNullException.ThrowIfNull(boxes);
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(evidence);
        if (boxes.Count == 0 || boxes.Count != probabilities.Count)
        {
            throw new ArgumentException($"A line needs one probability vector per box (got {boxes.Count} boxes, {probabilities.Count} vectors).", nameof(probabilities));
        }

        int n = boxes.Count;
        var tall = new double[n];
        var low = new double[n];
        var descends = new double[n];
        for (int i = 0; i < n; i++)
        {
            var p = probabilities[i];
            for (int c = 0; c < p.Length; c++)
            {
                descends[i] += kinds[c] is HeightKind.Descending or HeightKind.MiddleDescending ? p[c] : 0;
                if (!evidence[c])
                {
                    continue;
                }

                tall[i] += kinds[c] == HeightKind.Tall ? p[c] : 0;
                low[i] += kinds[c] is HeightKind.Short or HeightKind.Descending ? p[c] : 0;
            }
        }

        double typical = Median([.. boxes.Select(b => (double)b.Height)]);
        var (intercept, slope) = FitBaseline(boxes, [.. descends.Select(d => d < 0.5)], 0.2 * typical);
        double Top(int i) => intercept + (slope * boxes[i].CentreX) - boxes[i].Top;
        double Foot(int i) => boxes[i].Bottom - (intercept + (slope * boxes[i].CentreX));
        double? cap = WeightedMedian(n, Top, tall), x = WeightedMedian(n, Top, low), depth = WeightedMedian(n, Foot, descends);
        double scale = cap ?? (x is { } xv ? xv / DefaultXRatio : typical);
        var residuals = new List<double>();
        for (int i = 0; i < n; i++)
        {
            if (cap is { } c && tall[i] >= 0.8)
            {
                residuals.Add(Math.Abs(Top(i) - c));
            }
            else if (x is { } xl && low[i] >= 0.8)
            {
                residuals.Add(Math.Abs(Top(i) - xl));
            }
        }

        double spread = residuals.Count >= 3 ? 1.4826 * Median([.. residuals]) : 0.1 * scale;
        return new LineGeometry(intercept, slope, cap, x, depth is { } d && d > 0.15 * scale ? d : null, Math.Clamp(spread, 0.06 * scale, 0.2 * scale));
    }

    /// <summary>
    /// The lines of one page with their missing levels filled: the page's median x-height/cap-height ratio (over lines that have both; else
    /// <see cref="DefaultXRatio"/>) turns a known level into the missing one, the page's median descender/cap ratio (else
    /// <see cref="DefaultDescenderRatio"/>) gives a missing descender, and a line with neither level takes the page's median cap height.
    /// </summary>
    public static IReadOnlyList<LineGeometry> Complete(IReadOnlyList<LineGeometry> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var ratios = lines.Where(l => l.CapHeight is > 0 && l.XHeight is > 0 && l.XHeight < l.CapHeight).Select(l => l.XHeight!.Value / l.CapHeight!.Value).ToArray();
        double ratio = ratios.Length > 0 ? Median(ratios) : DefaultXRatio;
        var caps = lines.Select(l => l.CapHeight ?? (l.XHeight / ratio)).OfType<double>().ToArray();
        var depths = lines.Where(l => l.Descender is > 0).Select(l => l.Descender!.Value / (l.CapHeight ?? (l.XHeight!.Value / ratio))).ToArray();
        double depthRatio = depths.Length > 0 ? Median(depths) : DefaultDescenderRatio;
        return [.. lines.Select(l =>
        {
            double? cap = l.CapHeight ?? (l.XHeight / ratio) ?? (caps.Length > 0 ? Median(caps) : null);
            if (cap is not { } h)
            {
                return l;
            }

            double x = l.XHeight is { } xv && xv < 0.9 * h ? xv : ratio * h;
            return l with { CapHeight = h, XHeight = x, Descender = l.Descender ?? (depthRatio * h) };
        })];
    }

    /// <summary>Least-squares baseline through the feet of the boxes marked <paramref name="onBaseline"/> (all when none is), refitted once without feet more than <paramref name="tolerance"/> below it.</summary>
    private static (double Intercept, double Slope) FitBaseline(IReadOnlyList<PixelBox> boxes, bool[] onBaseline, double tolerance)
    {
        var use = onBaseline.Any(b => b) ? onBaseline : [.. onBaseline.Select(_ => true)];
        var fit = Fit(boxes, use);
        var kept = use.Select((u, i) => u && boxes[i].Bottom - (fit.Intercept + (fit.Slope * boxes[i].CentreX)) <= tolerance).ToArray();
        return kept.Any(k => k) ? Fit(boxes, kept) : fit;
    }

    private static (double Intercept, double Slope) Fit(IReadOnlyList<PixelBox> boxes, bool[] use)
    {
        double n = 0, mx = 0, my = 0;
        for (int i = 0; i < boxes.Count; i++)
        {
            if (use[i])
            {
                n++;
                mx += boxes[i].CentreX;
                my += boxes[i].Bottom;
            }
        }

        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0;
        for (int i = 0; i < boxes.Count; i++)
        {
            if (use[i])
            {
                double dx = boxes[i].CentreX - mx;
                sxy += dx * (boxes[i].Bottom - my);
                sxx += dx * dx;
            }
        }

        double slope = sxx > 0 ? Math.Clamp(sxy / sxx, -MaxSlope, MaxSlope) : 0;
        return (my - (slope * mx), slope);
    }

    /// <summary>The median of value(i) weighted by weights[i], or null when the weights sum below <see cref="MinEvidence"/>.</summary>
    private static double? WeightedMedian(int n, Func<int, double> value, double[] weights)
    {
        double total = weights.Sum();
        if (total < MinEvidence)
        {
            return null;
        }

        var order = Enumerable.Range(0, n).Where(i => weights[i] > 0).OrderBy(value).ToArray();
        double seen = 0;
        foreach (int i in order)
        {
            seen += weights[i];
            if (seen >= total / 2)
            {
                return value(i);
            }
        }

        return value(order[^1]);
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        int m = sorted.Length;
        return m % 2 == 1 ? sorted[m / 2] : (sorted[(m / 2) - 1] + sorted[m / 2]) / 2;
    }
}
