using Scrawl.Imaging;

namespace Scrawl.Ocr;

/// <summary>
/// Erases long straight oblique lines that touch writing — the two edges of a pen or pencil lying across the page (its body already
/// flattened to paper by <see cref="CharacterFinder.Flatten(FloatImage, int)"/>), a ruler's edge — pixel by pixel, so the letters they touch are kept.
/// Only components longer than <see cref="MinLineLength"/> character heights are searched (a clean page costs nothing): a Hough
/// transform over their pixels at every whole degree more than <see cref="StraightLines.MinObliqueDegrees"/> from the rows and
/// columns finds the strongest line; along it, every stretch where ink lies on the line without a gap longer than a stroke width
/// for at least <see cref="MinLineLength"/> character heights is erased across the line's width; repeated while lines are found.
/// Writing has no such stretch: letters are shorter, and the gaps between them break a text line. The character height is the tallest
/// letters' (with lower case not the typical x-height: <see cref="CharacterFinderOptions.LowerCase"/>). Pure.
/// </summary>
public static class ObliqueLines
{
    /// <summary>Shortest straight stretch that is no writing, in character heights.</summary>
    public const double MinLineLength = 2.5;

    /// <summary>Most lines erased per component (a pen's two edges, its tip's two sides).</summary>
    public const int MaxLinesPerComponent = 4;

    /// <summary>
    /// <paramref name="ink"/> without the long straight oblique lines of its components (<paramref name="labels"/>, <paramref name="regions"/>)
    /// for characters <paramref name="characterHeight"/> (&gt; 0) pixels tall and strokes <paramref name="strokeWidth"/> (≥ 1) pixels wide,
    /// or null when there are none. Each line erased is added to <paramref name="found"/> when given, fitted to the pixels erased.
    /// </summary>
    public static BinaryImage? Erase(BinaryImage ink, LabelImage labels, IReadOnlyList<RegionProperties> regions, double characterHeight, double strokeWidth, ICollection<StraightLine>? found = null)
    {
        ArgumentNullException.ThrowIfNull(ink);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(characterHeight);
        ArgumentOutOfRangeException.ThrowIfLessThan(strokeWidth, 1);
        double length = MinLineLength * characterHeight;
        byte[]? pixels = null;
        foreach (var r in regions.Where(r => Math.Sqrt(((double)r.BoxHeight * r.BoxHeight) + ((double)r.BoxWidth * r.BoxWidth)) >= length))
        {
            var points = new HashSet<(int Y, int X)>(LabelMasks.Points(labels, r));
            for (int n = 0; n < MaxLinesPerComponent && points.Count >= length; n++)
            {
                var (theta, rho, votes) = StrongestLine(points, r);
                if (votes < length)
                {
                    break;
                }

                var erased = EraseStretches(points, (r.Top, r.Left), theta, rho, length, strokeWidth);
                if (erased.Count == 0)
                {
                    break;
                }

                found?.Add(StraightLine.Fit(erased));
                pixels ??= ink.Pixels.ToArray();
                foreach (var (y, x) in erased)
                {
                    pixels[(y * ink.Width) + x] = 0;
                }

                points.ExceptWith(erased);
            }
        }

        return pixels is null ? null : new BinaryImage(ink.Height, ink.Width, pixels);
    }

    /// <summary>The oblique line (normal angle θ in degrees, distance ρ from the box's corner) through the most points: ρ = x·cos θ + y·sin θ in one-pixel bins.</summary>
    private static (int Theta, int Rho, int Votes) StrongestLine(HashSet<(int Y, int X)> points, RegionProperties r)
    {
        int diagonal = (int)Math.Ceiling(Math.Sqrt(((double)r.BoxHeight * r.BoxHeight) + ((double)r.BoxWidth * r.BoxWidth))) + 2;
        int bins = (2 * diagonal) + 1;
        var votes = new int[180 * bins];
        var angles = Enumerable.Range(0, 180).Where(Oblique).ToArray();
        var cos = new double[180];
        var sin = new double[180];
        foreach (int t in angles)
        {
            (sin[t], cos[t]) = Math.SinCos(t * Math.PI / 180);
        }

        foreach (var (y, x) in points)
        {
            int dy = y - r.Top, dx = x - r.Left;
            foreach (int t in angles)
            {
                votes[(t * bins) + diagonal + (int)Math.Round((dx * cos[t]) + (dy * sin[t]))]++;
            }
        }

        int best = 0;
        for (int i = 1; i < votes.Length; i++)
        {
            if (votes[i] > votes[best])
            {
                best = i;
            }
        }

        return (best / bins, (best % bins) - diagonal, votes[best]);
    }

    /// <summary>True for normal angles whose line lies more than <see cref="StraightLines.MinObliqueDegrees"/> from the rows and the columns.</summary>
    private static bool Oblique(int theta) => Math.Min(theta % 90, 90 - (theta % 90)) > StraightLines.MinObliqueDegrees;

    /// <summary>The points within a stroke width of the line that lie on stretches of it at least <paramref name="length"/> long with no gap over a stroke width.</summary>
    private static List<(int Y, int X)> EraseStretches(HashSet<(int Y, int X)> points, (int Top, int Left) origin, int theta, int rho, double length, double strokeWidth)
    {
        var (sin, cos) = Math.SinCos(theta * Math.PI / 180);
        var (top, left) = origin;
        // Position along the line (t) and across it (d) of every point near the line, relative to the points' own corner.
        var near = new List<(double T, int Y, int X)>();
        double band = strokeWidth;
        foreach (var (y, x) in points)
        {
            double d = ((x - left) * cos) + ((y - top) * sin) - rho;
            if (Math.Abs(d) <= band)
            {
                near.Add((((x - left) * -sin) + ((y - top) * cos), y, x));
            }
        }

        near.Sort((a, b) => a.T.CompareTo(b.T));
        var erased = new List<(int, int)>();
        int start = 0;
        for (int i = 1; i <= near.Count; i++)
        {
            if (i == near.Count || near[i].T - near[i - 1].T > strokeWidth)
            {
                if (near[i - 1].T - near[start].T >= length)
                {
                    erased.AddRange(near.Skip(start).Take(i - start).Select(p => (p.Y, p.X)));
                }

                start = i;
            }
        }

        return erased;
    }
}
