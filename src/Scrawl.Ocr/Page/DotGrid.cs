using Scrawl.Imaging;

namespace Scrawl.Ocr;

/// <summary>
/// Takes the printed dots of dot-grid paper out of an ink mask, also where a letter touches them. Dots are measured on the mask
/// itself: components at most <see cref="MaxDotFraction"/> of the character height (the larger of the typical height and the 99th
/// percentile of component heights, as dots may outnumber letters), about square and solid, are dot
/// candidates; the spacing along rows and columns is the median gap to the nearest candidate in the same row (column), refined with
/// the phase by a least-squares fit of each candidate to its lattice index. Only when at least <see cref="MinDots"/> candidates
/// and <see cref="MinFit"/> of them sit on that lattice is anything removed: every lattice point's disc (the median dot radius + 1).
/// A stroke written across a dot keeps its path through the dot (<see cref="DotErasure"/>). Pure.
/// </summary>
public static class DotGrid
{
    /// <summary>Largest dot, as a fraction of the typical character height.</summary>
    public const double MaxDotFraction = 0.35;

    /// <summary>Fewest dot candidates for a lattice.</summary>
    public const int MinDots = 24;

    /// <summary>Smallest fraction of the candidates that must lie on the lattice (within a fifth of its spacing, at least 1.5 pixels, of a lattice point).</summary>
    public const double MinFit = 0.6;

    /// <summary>
    /// <paramref name="ink"/> without the dots of a dot grid; the same instance when no dot lattice is found. With the
    /// <paramref name="grey"/> image the mask was made from (same size), a dot printed clearly lighter than the writing (the median
    /// grey of the dots more than 0.1 above that of the letters) loses only its pixels lighter than halfway between the two, so a
    /// stroke written across it keeps its pixels.
    /// </summary>
    public static BinaryImage Remove(BinaryImage ink, FloatImage? grey = null)
    {
        ArgumentNullException.ThrowIfNull(ink);
        if (grey is not null)
        {
            PixelGrid.CheckSame(ink.Height, ink.Width, grey.Height, grey.Width, nameof(grey));
        }

        using var scratch = new PooledArray<int>(ink.Height * ink.Width);
        var (labels, _) = Labeling.Label(ink, scratch.Array, connectivity: 8);
        var regions = Regions.Measure(labels).Where(r => r.BoxHeight >= 2 || r.BoxWidth >= 2).ToList();
        if (regions.Count < MinDots)
        {
            return ink;
        }

        // Dots may outnumber letters many times over: the character height is the larger of the typical height and the 99th percentile.
        var heights = regions.Select(r => (double)r.BoxHeight).Order().ToArray();
        double typical = Math.Max(CharacterFinder.TypicalHeight(heights), heights[(int)(0.99 * (heights.Length - 1))]);
        var dots = regions.Where(r =>
            Math.Max(r.BoxHeight, r.BoxWidth) <= MaxDotFraction * typical
            && Math.Abs(r.BoxHeight - r.BoxWidth) <= Math.Max(1, 0.3 * Math.Max(r.BoxHeight, r.BoxWidth))
            && r.FillFraction >= 0.5).ToList();
        if (dots.Count < MinDots)
        {
            return ink;
        }

        double size = Median(dots.Select(d => (double)Math.Max(d.BoxHeight, d.BoxWidth)));
        double band = Math.Max(2, size);
        var xs = dots.Select(d => d.CentroidColumn).ToArray();
        var ys = dots.Select(d => d.CentroidRow).ToArray();
        var xAxis = Axis(xs, ys, band);
        var yAxis = Axis(ys, xs, band);
        if (xAxis is not { } ax || yAxis is not { } ay)
        {
            return ink;
        }

        double tolerance = Math.Max(1.5, 0.2 * Math.Min(ax.Spacing, ay.Spacing));
        int onLattice = dots.Count(d => ax.Distance(d.CentroidColumn) <= tolerance && ay.Distance(d.CentroidRow) <= tolerance);
        if (onLattice < MinFit * dots.Count || onLattice < MinDots)
        {
            return ink;
        }

        double radius = (size / 2) + 1;
        float cut = grey is null ? float.NegativeInfinity : Cut(grey, labels, dots, regions, typical);
        var source = ink.Pixels;
        var pixels = source.ToArray();
        int h = ink.Height, w = ink.Width;
        for (double cy = ay.Phase - (Math.Ceiling(ay.Phase / ay.Spacing) * ay.Spacing); cy < h + radius; cy += ay.Spacing)
        {
            for (double cx = ax.Phase - (Math.Ceiling(ax.Phase / ax.Spacing) * ax.Spacing); cx < w + radius; cx += ax.Spacing)
            {
                DotErasure.Erase(source, pixels, h, w, cy, cx, radius, grey?.Pixels, cut);
            }
        }

        return new BinaryImage(h, w, pixels);
    }

    /// <summary>
    /// The lattice along one axis: the spacing is the median gap from each dot to the nearest dot after it within
    /// <paramref name="band"/> across, the phase starts at the dot most others agree with; phase and spacing are then refined by least squares
    /// on the dots' lattice indices. Null when too few gaps.
    /// </summary>
    private static Lattice? Axis(double[] along, double[] across, double band)
    {
        var gaps = new List<double>();
        for (int i = 0; i < along.Length; i++)
        {
            double best = double.MaxValue;
            for (int j = 0; j < along.Length; j++)
            {
                double d = along[j] - along[i];
                if (d > band && d < best && Math.Abs(across[j] - across[i]) <= band / 2)
                {
                    best = d;
                }
            }

            if (best < double.MaxValue)
            {
                gaps.Add(best);
            }
        }

        if (gaps.Count < MinDots / 2)
        {
            return null;
        }

        double spacing = Median(gaps), phase = MostAgreedPhase(along, spacing);
        for (int pass = 0; pass < 3; pass++)
        {
            // Fit along = phase + k·spacing over the dots near their lattice point.
            double sk = 0, sx = 0, skk = 0, skx = 0;
            int n = 0;
            foreach (double a in along)
            {
                double k = Math.Round((a - phase) / spacing);
                if (Math.Abs(a - phase - (k * spacing)) > spacing / 4)
                {
                    continue;
                }

                sk += k;
                sx += a;
                skk += k * k;
                skx += k * a;
                n++;
            }

            double denominator = (n * skk) - (sk * sk);
            if (n < MinDots / 2 || Math.Abs(denominator) < 1e-9)
            {
                return null;
            }

            spacing = ((n * skx) - (sk * sx)) / denominator;
            phase = (sx - (spacing * sk)) / n;
            if (!(spacing > band))
            {
                return null;
            }
        }

        return new Lattice(phase, spacing);
    }

    /// <summary>
    /// The position among <paramref name="along"/> that the most others agree with as a lattice phase (within a quarter of
    /// <paramref name="spacing"/> of a lattice point): a dot of the grid, not a round letter piece that happened to be a candidate.
    /// </summary>
    private static double MostAgreedPhase(double[] along, double spacing)
    {
        double best = along[0];
        int most = -1;
        foreach (double candidate in along)
        {
            int agree = 0;
            foreach (double a in along)
            {
                double offset = (a - candidate) / spacing;
                agree += Math.Abs(offset - Math.Round(offset)) * spacing <= spacing / 4 ? 1 : 0;
            }

            if (agree > most)
            {
                (best, most) = (candidate, agree);
            }
        }

        return best;
    }

    /// <summary>Halfway between the dots' and the letters' median grey when the dots are clearly lighter, else −∞ (every dot pixel goes).</summary>
    private static float Cut(FloatImage grey, LabelImage labels, List<RegionProperties> dots, List<RegionProperties> regions, double typical)
    {
        var dotLabels = dots.Select(d => d.Label).ToHashSet();
        var letterLabels = regions.Where(r => r.BoxHeight >= 0.5 * typical && !dotLabels.Contains(r.Label)).Select(r => r.Label).ToHashSet();
        var dotGrey = new List<double>();
        var letterGrey = new List<double>();
        var all = labels.Labels;
        for (int i = 0; i < all.Length; i++)
        {
            if (all[i] == 0)
            {
                continue;
            }

            if (dotLabels.Contains(all[i]))
            {
                dotGrey.Add(grey.Pixels[i]);
            }
            else if (letterLabels.Contains(all[i]))
            {
                letterGrey.Add(grey.Pixels[i]);
            }
        }

        if (dotGrey.Count == 0 || letterGrey.Count == 0)
        {
            return float.NegativeInfinity;
        }

        double dot = Median(dotGrey), letter = Median(letterGrey);
        return dot - letter > 0.1 ? (float)((dot + letter) / 2) : float.NegativeInfinity;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private readonly record struct Lattice(double Phase, double Spacing)
    {
        public double Distance(double position)
        {
            double k = Math.Round((position - Phase) / Spacing);
            return Math.Abs(position - Phase - (k * Spacing));
        }
    }
}
