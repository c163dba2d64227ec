using Scrawl.Imaging;

namespace Scrawl.Ocr;

/// <summary>
/// A pen lying nearly upright or level on the page, once its body is flattened to paper, leaves its two edges as dashed thin straight
/// lines; <see cref="ObliqueLines"/> leaves lines that close to the rows and columns to the letters (an I's stem is such a line), so the
/// dashes survive and are read as columns of I and 1. <see cref="Find"/> finds them by what no writing has: thin straight pieces
/// (<see cref="IsDash"/>: within <see cref="MaxAxisDegrees"/> of upright or level, no thicker than a stroke, at least half a character
/// long) chained end to end on one line (<see cref="Collinear"/>) over at least <see cref="MinChainLength"/> character heights, covered
/// for at least <see cref="MinCoverage"/> of it, with a second such chain parallel to it between two stroke widths and one character
/// height away along most of it (<see cref="Partners"/>): the pen's other edge. A column of I's has no parallel twin a letter's width
/// away. Only whole components are dropped — the dashes, and smaller crumbs lying wholly on an edge within its extent; a letter touching an
/// edge keeps its ink. Pure.
/// </summary>
public static class AxisPenEdges
{
    /// <summary>Largest angle, in degrees, between a dash and the nearest of the rows and columns.</summary>
    public const double MaxAxisDegrees = 12;

    /// <summary>Largest angle, in degrees, between two dashes of one chain or two chains of one pen.</summary>
    public const double MaxAngleDegrees = 3;

    /// <summary>Shortest chain, in character heights, from its first dash's start to its last dash's end.</summary>
    public const double MinChainLength = 2.5;

    /// <summary>Least share of a chain's extent covered by its dashes.</summary>
    public const double MinCoverage = 0.5;

    /// <summary>Least share of the shorter chain's extent that two partner chains share.</summary>
    public const double MinOverlap = 0.5;

    /// <summary>
    /// The labels of the components of <paramref name="labels"/> (measured as <paramref name="regions"/>) that are dashes of an upright or
    /// level pen's edges, for characters <paramref name="characterHeight"/> (&gt; 0) tall written with strokes <paramref name="stroke"/> (≥ 1)
    /// pixels wide; empty when there are none.
    /// </summary>
    public static HashSet<int> Find(LabelImage labels, IReadOnlyList<RegionProperties> regions, double characterHeight, double stroke)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(characterHeight);
        ArgumentOutOfRangeException.ThrowIfLessThan(stroke, 1);
        var dashes = new List<(int Label, StraightLine Line)>();
        // A dash's area is at most a stroke times its length, and its length at most its box's diagonal plus one: most letters fail
        // that before their pixels are gathered.
        foreach (var r in regions.Where(r => Math.Max(r.BoxHeight, r.BoxWidth) >= characterHeight / 2
                                             && r.Area <= stroke * (Math.Sqrt(((double)r.BoxHeight * r.BoxHeight) + ((double)r.BoxWidth * r.BoxWidth)) + 1)))
        {
            if (IsDash(LabelMasks.Points(labels, r), stroke) is { } line)
            {
                dashes.Add((r.Label, line));
            }
        }

        var chains = Chains(dashes, characterHeight, stroke);
        var found = new HashSet<int>();
        var edges = new List<StraightLine>();
        foreach (var (a, b) in Partners(chains, characterHeight, stroke))
        {
            found.UnionWith(a.Labels);
            found.UnionWith(b.Labels);
            edges.Add(a.Line);
            edges.Add(b.Line);
        }

        // The edges' shorter crumbs: small components lying wholly on an edge, within its extent.
        foreach (var r in edges.Count == 0 ? [] : regions.Where(r => Math.Max(r.BoxHeight, r.BoxWidth) < characterHeight / 2 && !found.Contains(r.Label)))
        {
            var points = LabelMasks.Points(labels, r);
            if (edges.Any(e => points.All(p => Math.Abs(e.Distance(p.Y, p.X)) <= stroke && e.Along(p.Y, p.X) >= e.From - stroke && e.Along(p.Y, p.X) <= e.To + stroke)))
            {
                found.Add(r.Label);
            }
        }

        return found;
    }

    /// <summary>A chain of dashes: their labels, the line fitted through all their pixels' ends, and the length its dashes cover.</summary>
    internal sealed record Chain(List<int> Labels, StraightLine Line, double Covered);

    /// <summary>The line of <paramref name="points"/> when they form a dash: within <see cref="MaxAxisDegrees"/> of the rows or columns, every pixel within 1.5 <paramref name="stroke"/> widths of the line, on average no thicker than one; else null.</summary>
    internal static StraightLine? IsDash(List<(int Y, int X)> points, double stroke)
    {
        if (points.Count < 3)
        {
            return null;
        }

        var line = StraightLine.Fit(points);
        double length = line.To - line.From + 1;
        double fromAxis = Math.Abs(Math.IEEERemainder(line.Theta * 180 / Math.PI, 90));
        bool thin = points.Count <= stroke * length && points.All(p => Math.Abs(line.Distance(p.Y, p.X)) <= 1.5 * stroke);
        return fromAxis <= MaxAxisDegrees && thin ? line : null;
    }

    /// <summary>True when dashes <paramref name="a"/> and <paramref name="b"/> lie on one line: parallel within <see cref="MaxAngleDegrees"/>, each one's middle within a <paramref name="stroke"/> width of the other's line.</summary>
    internal static bool Collinear(StraightLine a, StraightLine b, double stroke) =>
        Angle(a, b) <= MaxAngleDegrees && Math.Abs(DistanceOfMiddle(a, b)) <= stroke && Math.Abs(DistanceOfMiddle(b, a)) <= stroke;

    /// <summary>The chains of collinear dashes at least <see cref="MinChainLength"/> character heights long and covered for <see cref="MinCoverage"/>.</summary>
    private static List<Chain> Chains(List<(int Label, StraightLine Line)> dashes, double characterHeight, double stroke)
    {
        var parent = Enumerable.Range(0, dashes.Count).ToArray();
        int Root(int i) => parent[i] == i ? i : parent[i] = Root(parent[i]);
        for (int i = 0; i < dashes.Count; i++)
        {
            for (int j = i + 1; j < dashes.Count; j++)
            {
                if (Collinear(dashes[i].Line, dashes[j].Line, stroke))
                {
                    parent[Root(i)] = Root(j);
                }
            }
        }

        var chains = new List<Chain>();
        foreach (var group in Enumerable.Range(0, dashes.Count).GroupBy(Root))
        {
            var members = group.Select(i => dashes[i]).ToList();
            var longest = members.MaxBy(m => m.Line.To - m.Line.From).Line;
            var ends = members.SelectMany(m => new[] { PointAt(m.Line, m.Line.From), PointAt(m.Line, m.Line.To) }).ToList();
            var line = ends.Distinct().Count() >= 2 ? StraightLine.Fit(ends) : longest;
            double covered = members.Sum(m => m.Line.To - m.Line.From + 1);
            if (line.To - line.From >= MinChainLength * characterHeight && covered >= MinCoverage * (line.To - line.From))
            {
                chains.Add(new Chain([.. members.Select(m => m.Label)], line, covered));
            }
        }

        return chains;
    }

    /// <summary>The pairs of chains that outline one pen: parallel, between two strokes and one character height apart, sharing most of the shorter one's extent.</summary>
    internal static IEnumerable<(Chain A, Chain B)> Partners(List<Chain> chains, double characterHeight, double stroke)
    {
        for (int i = 0; i < chains.Count; i++)
        {
            for (int j = i + 1; j < chains.Count; j++)
            {
                var (a, b) = (chains[i].Line, chains[j].Line);
                double apart = Math.Abs(DistanceOfMiddle(a, b));
                double bFrom = Along(a, b, b.From), bTo = Along(a, b, b.To);
                double shared = Math.Min(a.To, Math.Max(bFrom, bTo)) - Math.Max(a.From, Math.Min(bFrom, bTo));
                double shorter = Math.Min(a.To - a.From, b.To - b.From);
                if (Angle(a, b) <= MaxAngleDegrees && apart >= 2 * stroke && apart <= characterHeight && shared >= MinOverlap * shorter)
                {
                    yield return (chains[i], chains[j]);
                }
            }
        }
    }

    private static double Angle(StraightLine a, StraightLine b) => Math.Abs(Math.IEEERemainder((a.Theta - b.Theta) * 180 / Math.PI, 180));

    /// <summary>The pixel-space point at position <paramref name="t"/> along <paramref name="line"/>.</summary>
    private static (int Y, int X) PointAt(StraightLine line, double t)
    {
        var (sin, cos) = Math.SinCos(line.Theta);
        return ((int)Math.Round((line.Rho * sin) + (t * cos)), (int)Math.Round((line.Rho * cos) - (t * sin)));
    }

    /// <summary>Signed distance from <paramref name="a"/> of the middle of <paramref name="b"/>'s extent.</summary>
    private static double DistanceOfMiddle(StraightLine a, StraightLine b)
    {
        var (y, x) = PointAt(b, (b.From + b.To) / 2);
        return a.Distance(y, x);
    }

    /// <summary>Where along <paramref name="a"/> the point at <paramref name="t"/> along <paramref name="b"/> lies.</summary>
    private static double Along(StraightLine a, StraightLine b, double t)
    {
        var (y, x) = PointAt(b, t);
        return a.Along(y, x);
    }
}
