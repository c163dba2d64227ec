using Scrawl.Imaging;

namespace Scrawl.Ocr;

/// <summary>
/// Finds pieces of long straight oblique lines among the components of an ink mask — the outline of a pen or pencil lying across
/// the page, a ruler's edge — which the horizontal and vertical background closings (<see cref="CharacterFinder.Flatten(FloatImage, int)"/>) cannot
/// take out. A component is a line piece when it is elongated (second-moment axes: major ≥ <see cref="MinPieceLength"/> character
/// heights, minor ≤ <see cref="MaxWidthRatio"/> × major) and oblique (more than <see cref="MinObliqueDegrees"/> from the rows and the
/// columns, where letters' own strokes lie); pieces whose axes are collinear (angles within <see cref="AngleTolerance"/> degrees,
/// each centroid within <see cref="OffsetTolerance"/> character heights of the other's axis) join one line, and a line whose pieces
/// add up to <see cref="MinLineLength"/> character heights is no writing. Parallel strokes of slanted writing are never collinear.
/// A piece that long on its own, at any angle, also takes every shorter elongated piece lying on its axis (<see cref="OnAxis"/>): a
/// pen lying within <see cref="MinObliqueDegrees"/> of the columns leaves its edge, and where the frame cuts it, a sliver of it.
/// </summary>
public static class StraightLines
{
    /// <summary>Shortest line piece, in character heights.</summary>
    public const double MinPieceLength = 0.6;

    /// <summary>Widest line piece as a fraction of its length.</summary>
    public const double MaxWidthRatio = 0.25;

    /// <summary>Pieces within this many degrees of horizontal or vertical are left to the letters.</summary>
    public const double MinObliqueDegrees = 8;

    /// <summary>Largest angle between two collinear pieces, in degrees.</summary>
    public const double AngleTolerance = 4;

    /// <summary>Largest distance of a piece's centroid from the other's axis, in character heights.</summary>
    public const double OffsetTolerance = 0.12;

    /// <summary>Shortest straight line that is no writing, in character heights (summed over its pieces).</summary>
    public const double MinLineLength = 2.5;

    /// <summary>The labels of <paramref name="regions"/> (in <paramref name="labels"/>) that are pieces of long straight oblique lines, for characters <paramref name="characterHeight"/> (&gt; 0) pixels tall.</summary>
    public static HashSet<int> Find(LabelImage labels, IReadOnlyList<RegionProperties> regions, double characterHeight)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(characterHeight);
        var all = Pieces(labels, regions, characterHeight);
        var pieces = all.Where(p => !p.NearAxis).ToList();
        var result = new HashSet<int>();
        var parent = Enumerable.Range(0, pieces.Count).ToArray();
        int Root(int i) => parent[i] == i ? i : parent[i] = Root(parent[i]);
        for (int i = 0; i < pieces.Count; i++)
        {
            for (int j = i + 1; j < pieces.Count; j++)
            {
                if (Collinear(pieces[i], pieces[j], characterHeight))
                {
                    parent[Root(i)] = Root(j);
                }
            }
        }

        foreach (var line in Enumerable.Range(0, pieces.Count).GroupBy(Root))
        {
            if (line.Sum(i => pieces[i].Length) >= MinLineLength * characterHeight)
            {
                result.UnionWith(line.Select(i => pieces[i].Label));
            }
        }

        // A line long enough on its own to be no writing (a pen's edge, also one within the axes' margin, where letters' strokes lie)
        // takes the shorter pieces on its axis: the sliver of the edge that the frame or a gap cuts off.
        foreach (var anchor in all.Where(p => p.Length >= MinLineLength * characterHeight))
        {
            result.UnionWith(all.Where(p => p.Length < MinLineLength * characterHeight && OnAxis(anchor, p, characterHeight)).Select(p => p.Label));
        }

        return result;
    }

    /// <summary>True when <paramref name="piece"/> lies along <paramref name="axis"/>: its angle within <see cref="AngleTolerance"/> and its centroid within <see cref="OffsetTolerance"/> character heights of the axis (the long axis's direction is the better measured).</summary>
    private static bool OnAxis(Piece axis, Piece piece, double height)
    {
        double angle = Math.Abs(axis.Angle - piece.Angle);
        angle = Math.Min(angle, Math.PI - angle);
        return angle <= AngleTolerance * Math.PI / 180
            && Math.Abs((-(piece.Y - axis.Y) * Math.Cos(axis.Angle)) + ((piece.X - axis.X) * Math.Sin(axis.Angle))) <= OffsetTolerance * height;
    }

    private static bool Collinear(Piece a, Piece b, double height)
    {
        double angle = Math.Abs(a.Angle - b.Angle);
        angle = Math.Min(angle, Math.PI - angle);
        if (angle > AngleTolerance * Math.PI / 180)
        {
            return false;
        }

        double Offset(Piece axis, Piece point) =>
            Math.Abs((-(point.Y - axis.Y) * Math.Cos(axis.Angle)) + ((point.X - axis.X) * Math.Sin(axis.Angle)));
        return Offset(a, b) <= OffsetTolerance * height && Offset(b, a) <= OffsetTolerance * height;
    }

    /// <summary>The elongated components with their centroid, axis angle (radians in [0, π), from the rows), major axis length and whether they lie within <see cref="MinObliqueDegrees"/> of the axes.</summary>
    private static List<Piece> Pieces(LabelImage labels, IReadOnlyList<RegionProperties> regions, double height)
    {
        var candidates = regions.Where(r => Math.Max(r.BoxHeight, r.BoxWidth) >= MinPieceLength * height * 0.7).ToList();
        if (candidates.Count == 0)
        {
            return [];
        }

        var index = new Dictionary<int, int>(candidates.Count);
        for (int i = 0; i < candidates.Count; i++)
        {
            index[candidates[i].Label] = i;
        }

        // Second moments about each candidate's centroid: Σ dy², Σ dx², Σ dy·dx.
        var yy = new double[candidates.Count];
        var xx = new double[candidates.Count];
        var xy = new double[candidates.Count];
        var all = labels.Labels;
        foreach (var r in candidates)
        {
            int k = index[r.Label];
            for (int y = r.Top; y < r.Bottom; y++)
            {
                for (int x = r.Left; x < r.Right; x++)
                {
                    if (all[(y * labels.Width) + x] == r.Label)
                    {
                        double dy = y - r.CentroidRow, dx = x - r.CentroidColumn;
                        yy[k] += dy * dy;
                        xx[k] += dx * dx;
                        xy[k] += dy * dx;
                    }
                }
            }
        }

        var pieces = new List<Piece>();
        double oblique = MinObliqueDegrees * Math.PI / 180;
        for (int k = 0; k < candidates.Count; k++)
        {
            var r = candidates[k];
            double a = xx[k] / r.Area, c = yy[k] / r.Area, b = xy[k] / r.Area;
            double spread = Math.Sqrt(((a - c) * (a - c) / 4) + (b * b));
            double major = 4 * Math.Sqrt(Math.Max(0, ((a + c) / 2) + spread)), minor = 4 * Math.Sqrt(Math.Max(0, ((a + c) / 2) - spread));
            double angle = 0.5 * Math.Atan2(2 * b, a - c); // from the rows towards increasing y, in (−π/2, π/2]
            angle = angle < 0 ? angle + Math.PI : angle;
            double fromAxes = Math.Min(Math.Min(angle, Math.PI - angle), Math.Abs(angle - (Math.PI / 2)));
            if (major >= MinPieceLength * height && minor <= MaxWidthRatio * major)
            {
                pieces.Add(new Piece(r.Label, r.CentroidRow, r.CentroidColumn, angle, major, fromAxes <= oblique));
            }
        }

        return pieces;
    }

    private sealed record Piece(int Label, double Y, double X, double Angle, double Length, bool NearAxis);
}
