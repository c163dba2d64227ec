using Scrawl.Imaging;

namespace Scrawl.Ocr;

/// <summary>
/// A pen or pencil lying on the page is outlined by two parallel straight edges no further apart than a character is tall; between them
/// and just beyond their ends (its rounded end, its tip) nothing is writing, since the pen hides what it lies on. <see cref="Pairs"/> pairs
/// the lines <see cref="ObliqueLines"/> found into such outlines; when only one edge of a pen was long enough to be found, its partner is
/// looked for among the ink (<see cref="Partner"/>: a light pencil's other edge, broken into dashes); <see cref="Inside"/> tells whether a
/// pixel lies on the pen. Pure.
/// </summary>
public static class PenOutlines
{
    /// <summary>Largest angle between the two edges of one pen, in degrees.</summary>
    public const double MaxAngleDegrees = 2;

    /// <summary>How far beyond the ends of its edges a pen reaches (its tip), in pen widths.</summary>
    public const double TipLength = 2.5;

    /// <summary>Least ink along a partner edge, in pixels per pixel of the found edge's length (a continuous edge 1.5 px thick has 1.5).</summary>
    public const double MinPartnerDensity = 0.5;

    /// <summary>How many times the typical count of ink at other offsets the partner edge's must be.</summary>
    public const double MinPartnerContrast = 3;

    /// <summary>
    /// The outlines among <paramref name="lines"/>: pairs of nearly parallel lines (within <see cref="MaxAngleDegrees"/>) between two stroke
    /// widths (<paramref name="strokeWidth"/>, ≥ 1) and one <paramref name="characterHeight"/> (&gt; 0) apart; a line with no such partner is
    /// paired with the one <see cref="Partner"/> finds in <paramref name="ink"/>, if any. Lines closer than two stroke widths are one edge.
    /// </summary>
    public static List<(StraightLine A, StraightLine B)> Pairs(BinaryImage ink, IReadOnlyList<StraightLine> lines, double strokeWidth, double characterHeight)
    {
        ArgumentNullException.ThrowIfNull(ink);
        ArgumentNullException.ThrowIfNull(lines);
        var pairs = new List<(StraightLine, StraightLine)>();
        var paired = new bool[lines.Count];
        for (int i = 0; i < lines.Count; i++)
        {
            for (int j = i + 1; j < lines.Count && !paired[i]; j++)
            {
                double apart = Offset(lines[i], lines[j]);
                if (!paired[j] && Parallel(lines[i], lines[j]) && apart >= 2 * strokeWidth && apart <= characterHeight)
                {
                    pairs.Add((lines[i], lines[j]));
                    (paired[i], paired[j]) = (true, true);
                }
            }
        }

        for (int i = 0; i < lines.Count; i++)
        {
            bool sameEdgeAsPaired = Enumerable.Range(0, lines.Count).Any(j => j != i && paired[j] && Parallel(lines[i], lines[j]) && Offset(lines[i], lines[j]) < 2 * strokeWidth);
            if (!paired[i] && !sameEdgeAsPaired && Partner(ink, lines[i], strokeWidth, characterHeight) is { } partner)
            {
                pairs.Add((lines[i], partner));
                paired[i] = true;
            }
        }

        return pairs;
    }

    /// <summary>
    /// The edge parallel to <paramref name="line"/> between two stroke widths and one character height from it (either side) along which
    /// <paramref name="ink"/> has at least <see cref="MinPartnerDensity"/> pixels per pixel of the line's extent within a stroke width, and
    /// <see cref="MinPartnerContrast"/> times the median of the other offsets; null when there is none.
    /// </summary>
    public static StraightLine? Partner(BinaryImage ink, StraightLine line, double strokeWidth, double characterHeight)
    {
        ArgumentNullException.ThrowIfNull(ink);
        ArgumentOutOfRangeException.ThrowIfLessThan(strokeWidth, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(characterHeight);
        int reach = (int)Math.Ceiling(characterHeight + strokeWidth);
        var counts = new double[(2 * reach) + 1];
        var pixels = ink.Pixels;
        for (int y = 0; y < ink.Height; y++)
        {
            for (int x = 0; x < ink.Width; x++)
            {
                if (pixels[(y * ink.Width) + x] == 0)
                {
                    continue;
                }

                double d = line.Distance(y, x), t = line.Along(y, x);
                if (Math.Abs(d) <= reach && t >= line.From && t <= line.To)
                {
                    counts[(int)Math.Round(d) + reach]++;
                }
            }
        }

        // Ink within half a stroke width either side of each offset; the best offset between two stroke widths and a character height.
        int half = Math.Max(1, (int)Math.Round(strokeWidth / 2));
        var windows = new List<(int Offset, double Count)>();
        for (int o = -reach + half; o <= reach - half; o++)
        {
            if (Math.Abs(o) >= 2 * strokeWidth && Math.Abs(o) <= characterHeight)
            {
                windows.Add((o, Enumerable.Range(o - half + reach, (2 * half) + 1).Sum(k => counts[k])));
            }
        }

        if (windows.Count == 0)
        {
            return null;
        }

        var best = windows.MaxBy(w => w.Count);
        double typical = windows.Select(w => w.Count).Order().ElementAt(windows.Count / 2);
        bool found = best.Count >= MinPartnerDensity * (line.To - line.From) && best.Count >= MinPartnerContrast * typical;
        return found ? line with { Rho = line.Rho + best.Offset } : null;
    }

    /// <summary>True when the pixel (<paramref name="y"/>, <paramref name="x"/>) lies on the pen outlined by <paramref name="pair"/>: between its edges or within <paramref name="strokeWidth"/> of one, from <see cref="TipLength"/> pen widths before the edges' start to as far beyond their end.</summary>
    public static bool Inside((StraightLine A, StraightLine B) pair, int y, int x, double strokeWidth) => InsideOfWidth(pair, Width(pair), y, x, strokeWidth);

    /// <summary>The pen's width: how far apart the two edges of <paramref name="pair"/> are.</summary>
    internal static double Width((StraightLine A, StraightLine B) pair) => Offset(pair.A, pair.B);

    /// <summary>As <see cref="Inside"/>, with the pen's <paramref name="width"/> (<see cref="Width"/>) worked out once by the caller.</summary>
    internal static bool InsideOfWidth((StraightLine A, StraightLine B) pair, double width, int y, int x, double strokeWidth)
    {
        var (a, b) = pair;
        double da = a.Distance(y, x), db = b.Distance(y, x);
        if (Math.Sign(da) == Math.Sign(db) && Math.Abs(da) > strokeWidth && Math.Abs(db) > strokeWidth)
        {
            return false;
        }

        double t = a.Along(y, x);
        return t >= Math.Min(a.From, b.From) - (TipLength * width) && t <= Math.Max(a.To, b.To) + (TipLength * width);
    }

    private static bool Parallel(StraightLine a, StraightLine b) => Math.Abs(a.Theta - b.Theta) * 180 / Math.PI <= MaxAngleDegrees;

    /// <summary>How far apart two nearly parallel lines are: the distance from <paramref name="a"/> of the middle of <paramref name="b"/>'s extent.</summary>
    private static double Offset(StraightLine a, StraightLine b)
    {
        var (sin, cos) = Math.SinCos(b.Theta);
        double t = (b.From + b.To) / 2;
        return Math.Abs(a.Distance((int)Math.Round((b.Rho * sin) + (t * cos)), (int)Math.Round((b.Rho * cos) - (t * sin))));
    }
}
