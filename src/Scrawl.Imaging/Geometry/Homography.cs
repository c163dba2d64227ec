namespace Scrawl.Imaging.Geometry;

/// <summary>
/// A plane projective transform (3×3 matrix, row-major, h22 normalised to 1 where possible) mapping a point (x, y) — x a
/// column, y a row, continuous coordinates with pixel (r, c) covering [c, c+1) × [r, r+1) — to (x', y'). Rotations,
/// scalings, translations and perspective (a quadrilateral onto a rectangle) are all homographies, and a chain of them is
/// one (<see cref="Then"/>), so a page can be resampled once however many corrections it needs. Immutable.
/// </summary>
public sealed class Homography
{
    private readonly double[] _m;

    private Homography(double[] m) => _m = m;

    /// <summary>The identity transform.</summary>
    public static Homography Identity { get; } = new([1, 0, 0, 0, 1, 0, 0, 0, 1]);

    /// <summary>The nine entries, row-major.</summary>
    public IReadOnlyList<double> Matrix => _m;

    /// <summary>True when this is the identity to within 1e-12 in every entry.</summary>
    public bool IsIdentity => _m.Select((v, i) => Math.Abs(v - Identity._m[i])).Max() < 1e-12;

    /// <summary>A transform from its nine row-major entries (finite; the matrix must be invertible).</summary>
    public static Homography FromMatrix(IReadOnlyList<double> m)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (m.Count != 9 || m.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("A homography has nine finite entries.", nameof(m));
        }

        var h = new Homography([.. m]);
        return Math.Abs(h.Determinant()) > 1e-15 ? h : throw new ArgumentException("The matrix is singular.", nameof(m));
    }

    /// <summary>Moves points by (<paramref name="dx"/>, <paramref name="dy"/>).</summary>
    public static Homography Translation(double dx, double dy) => new([1, 0, dx, 0, 1, dy, 0, 0, 1]);

    /// <summary>Scales x by <paramref name="sx"/> and y by <paramref name="sy"/> (both non-zero).</summary>
    public static Homography Scaling(double sx, double sy) => FromMatrix([sx, 0, 0, 0, sy, 0, 0, 0, 1]);

    /// <summary>Turns points by <paramref name="degrees"/> about (<paramref name="cx"/>, <paramref name="cy"/>); positive turns x towards y (clockwise on screen, rows growing downwards).</summary>
    public static Homography Rotation(double degrees, double cx, double cy)
    {
        double a = degrees * Math.PI / 180, c = Math.Cos(a), s = Math.Sin(a);
        return Translation(-cx, -cy).Then(new Homography([c, -s, 0, s, c, 0, 0, 0, 1])).Then(Translation(cx, cy));
    }

    /// <summary>
    /// The transform taking the four points <paramref name="from"/> to the four points <paramref name="to"/> (in order; no three
    /// collinear): the direct linear solution of the eight equations.
    /// </summary>
    public static Homography FromPoints(IReadOnlyList<(double X, double Y)> from, IReadOnlyList<(double X, double Y)> to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (from.Count != 4 || to.Count != 4)
        {
            throw new ArgumentException("A homography is fixed by exactly four point pairs.", nameof(from));
        }

        var a = new double[8, 9];
        for (int i = 0; i < 4; i++)
        {
            var (x, y) = from[i];
            var (u, v) = to[i];
            double[] r0 = [x, y, 1, 0, 0, 0, -u * x, -u * y, u];
            double[] r1 = [0, 0, 0, x, y, 1, -v * x, -v * y, v];
            for (int j = 0; j < 9; j++)
            {
                a[2 * i, j] = r0[j];
                a[(2 * i) + 1, j] = r1[j];
            }
        }

        var h = SolveAugmented(a);
        return FromMatrix([h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], 1]);
    }

    /// <summary>This transform followed by <paramref name="next"/> (a point goes through this one first).</summary>
    public Homography Then(Homography next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var r = new double[9];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                r[(3 * i) + j] = (next._m[3 * i] * _m[j]) + (next._m[(3 * i) + 1] * _m[3 + j]) + (next._m[(3 * i) + 2] * _m[6 + j]);
            }
        }

        return new Homography(Normalised(r));
    }

    /// <summary>The inverse transform.</summary>
    public Homography Inverse()
    {
        var m = _m;
        double det = Determinant();
        double[] r =
        [
            (m[4] * m[8]) - (m[5] * m[7]), (m[2] * m[7]) - (m[1] * m[8]), (m[1] * m[5]) - (m[2] * m[4]),
            (m[5] * m[6]) - (m[3] * m[8]), (m[0] * m[8]) - (m[2] * m[6]), (m[2] * m[3]) - (m[0] * m[5]),
            (m[3] * m[7]) - (m[4] * m[6]), (m[1] * m[6]) - (m[0] * m[7]), (m[0] * m[4]) - (m[1] * m[3]),
        ];
        return new Homography(Normalised([.. r.Select(v => v / det)]));
    }

    /// <summary>Where (<paramref name="x"/>, <paramref name="y"/>) goes.</summary>
    public (double X, double Y) Map(double x, double y)
    {
        double w = (_m[6] * x) + (_m[7] * y) + _m[8];
        return (((_m[0] * x) + (_m[1] * y) + _m[2]) / w, ((_m[3] * x) + (_m[4] * y) + _m[5]) / w);
    }

    private double Determinant()
    {
        var m = _m;
        return (m[0] * ((m[4] * m[8]) - (m[5] * m[7]))) - (m[1] * ((m[3] * m[8]) - (m[5] * m[6]))) + (m[2] * ((m[3] * m[7]) - (m[4] * m[6])));
    }

    private static double[] Normalised(double[] r) => Math.Abs(r[8]) > 1e-12 ? [.. r.Select(v => v / r[8])] : r;

    /// <summary>Gaussian elimination with partial pivoting on an n×(n+1) augmented system.</summary>
    private static double[] SolveAugmented(double[,] a)
    {
        int n = a.GetLength(0);
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int row = col + 1; row < n; row++)
            {
                if (Math.Abs(a[row, col]) > Math.Abs(a[pivot, col]))
                {
                    pivot = row;
                }
            }

            if (Math.Abs(a[pivot, col]) < 1e-12)
            {
                throw new ArgumentException("The points are degenerate (three collinear or repeated).");
            }

            for (int j = 0; j <= n; j++)
            {
                (a[col, j], a[pivot, j]) = (a[pivot, j], a[col, j]);
            }

            for (int row = 0; row < n; row++)
            {
                if (row != col)
                {
                    double f = a[row, col] / a[col, col];
                    for (int j = col; j <= n; j++)
                    {
                        a[row, j] -= f * a[col, j];
                    }
                }
            }
        }

        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = a[i, n] / a[i, i];
        }

        return x;
    }
}
