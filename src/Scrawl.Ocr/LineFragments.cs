using Scrawl.Imaging;

namespace Scrawl.Ocr;

/// <summary>
/// What <see cref="ObliqueLines"/> leaves of a pen's or pencil's edges: where an edge is broken (a light pencil, a highlight, a letter
/// crossing it) its pieces are shorter than a line and survive, to be read as rows of 1, I or J. Once the long stretches have shown
/// where the edges run, every piece along those lines goes too: a component lying within a stroke width of such a line with at least
/// <see cref="MinShareOnLine"/> of its pixels is an edge's piece and is dropped whole; in any other component, stretches along the line
/// at least one character height long with no gap over a stroke width are erased (a letter's stroke that crosses the line lies on it
/// for a few pixels only), and when that takes at least <see cref="MinShareErased"/> of the component, the rest of it goes too (a pencil's
/// tip, the rounded end of an edge). A component lying for at least <see cref="MinShareOnLine"/> on a pen outlined by two of the lines
/// (<see cref="PenOutlines"/>: between its edges, or at its ends) goes whole too. Pure.
/// </summary>
public static class LineFragments
{
    /// <summary>Share (in (0, 1]) of a component's pixels within a stroke width of a found line above which the component is that line's piece.</summary>
    public const double MinShareOnLine = 0.8;

    /// <summary>Share (in (0, 1]) of a component's pixels erased as stretches of lines above which the rest of it goes too.</summary>
    public const double MinShareErased = 0.5;

    /// <summary>
    /// <paramref name="ink"/> without the pieces of <paramref name="lines"/> among its 8-connected components, for characters
    /// <paramref name="characterHeight"/> (&gt; 0) pixels tall and strokes <paramref name="strokeWidth"/> (≥ 1) wide; null when nothing goes.
    /// </summary>
    public static BinaryImage? Erase(BinaryImage ink, IReadOnlyList<StraightLine> lines, double characterHeight, double strokeWidth)
    {
        ArgumentNullException.ThrowIfNull(ink);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(characterHeight);
        ArgumentOutOfRangeException.ThrowIfLessThan(strokeWidth, 1);
        if (lines.Count == 0)
        {
            return null;
        }

        // The pieces as they are now: what erasing the long stretches cut off (a pencil's tip) stands on its own.
        var (labels, _) = Labeling.Label(ink, connectivity: 8);
        var regions = Regions.Measure(labels);
        byte[]? pixels = null;
        var source = ink.Pixels;
        var pens = PenOutlines.Pairs(ink, lines, strokeWidth, characterHeight).Select(p => (Edges: p, Width: PenOutlines.Width(p))).ToList();
        foreach (var r in regions)
        {
            var points = Points(source, labels, r);
            if (points.Count == 0)
            {
                continue;
            }

            if (pens.Count > 0 && points.Count(p => pens.Any(pen => PenOutlines.InsideOfWidth(pen.Edges, pen.Width, p.Y, p.X, strokeWidth))) >= MinShareOnLine * points.Count)
            {
                // On the pen, between its edges or at its ends (its tip): the pen's own.
                pixels ??= source.ToArray();
                foreach (var (y, x) in points)
                {
                    pixels[(y * ink.Width) + x] = 0;
                }

                continue;
            }

            var erased = new HashSet<(int Y, int X)>();
            foreach (var line in lines)
            {
                var near = points.Where(p => Math.Abs(line.Distance(p.Y, p.X)) <= strokeWidth).ToList();
                if (near.Count >= MinShareOnLine * points.Count)
                {
                    erased.UnionWith(points);
                    break;
                }

                erased.UnionWith(LongStretches(near, line, characterHeight, strokeWidth));
            }

            if (erased.Count >= MinShareErased * points.Count)
            {
                // Mostly line: what is left of it (a pencil's tip, the end of its edge) is the pen's too.
                erased.UnionWith(points);
            }

            if (erased.Count > 0)
            {
                pixels ??= source.ToArray();
                foreach (var (y, x) in erased)
                {
                    pixels[(y * ink.Width) + x] = 0;
                }
            }
        }

        return pixels is null ? null : new BinaryImage(ink.Height, ink.Width, pixels);
    }

    /// <summary>The ink pixels of <paramref name="source"/> labelled as <paramref name="r"/>.</summary>
    private static List<(int Y, int X)> Points(ReadOnlySpan<byte> source, LabelImage labels, RegionProperties r)
    {
        var points = new List<(int, int)>();
        var all = labels.Labels;
        for (int y = r.Top; y < r.Bottom; y++)
        {
            int row = y * labels.Width;
            for (int x = r.Left; x < r.Right; x++)
            {
                if (all[row + x] == r.Label && source[row + x] != 0)
                {
                    points.Add((y, x));
                }
            }
        }

        return points;
    }

    /// <summary>The points of <paramref name="near"/> on stretches along <paramref name="line"/> at least <paramref name="length"/> long with no gap over <paramref name="gap"/>.</summary>
    private static IEnumerable<(int Y, int X)> LongStretches(List<(int Y, int X)> near, StraightLine line, double length, double gap)
    {
        var sorted = near.Select(p => (T: line.Along(p.Y, p.X), P: p)).OrderBy(p => p.T).ToList();
        int start = 0;
        for (int i = 1; i <= sorted.Count; i++)
        {
            if (i == sorted.Count || sorted[i].T - sorted[i - 1].T > gap)
            {
                if (sorted[i - 1].T - sorted[start].T >= length)
                {
                    for (int k = start; k < i; k++)
                    {
                        yield return sorted[k].P;
                    }
                }

                start = i;
            }
        }
    }
}
