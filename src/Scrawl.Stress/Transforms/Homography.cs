namespace Scrawl.Stress.Transforms;

/// <summary>A 3×3 projective map of the plane acting on (y, x) points, h33 = 1; built from four point pairs.</summary>
public sealed class Homography
{
    private readonly double[] _h;

    private Homography(double[] h) => _h = h;

    /// <summary>The map taking each of the four <paramref name="from"/> points (y, x) to the matching <paramref name="to"/> point; no three points of either set collinear.</summary>
    public static Homography FromPoints(ReadOnlySpan<(double Y, double X)> from, ReadOnlySpan<(double Y, double X)> to)
    {
        if (from.Length != 4 || to.Length != 4)
        {
            throw new ArgumentException("A homography needs exactly four point pairs.", nameof(from));
        }

        // Unknowns h11..h32 (8); for each pair: y' = (h1 y + h2 x + h3)/(h7 y + h8 x + 1), x' = (h4 y + h5 x + h6)/(…).
        var a = new double[8, 9];
        for (int i = 0; i < 4; i++)
        {
            var (y, x) = from[i];
            var (v, u) = to[i];
            double[] r1 = [y, x, 1, 0, 0, 0, -v * y, -v * x, v], r2 = [0, 0, 0, y, x, 1, -u * y, -u * x, u];
            for (int j = 0; j < 9; j++)
            {
                a[2 * i, j] = r1[j];
                a[(2 * i) + 1, j] = r2[j];
            }
        }

        return new Homography([.. Solve(a), 1]);
    }

    /// <summary>The image of point (<paramref name="y"/>, <paramref name="x"/>).</summary>
    public (double Y, double X) Apply(double y, double x)
    {
        double w = (_h[6] * y) + (_h[7] * x) + _h[8];
        return (((_h[0] * y) + (_h[1] * x) + _h[2]) / w, ((_h[3] * y) + (_h[4] * x) + _h[5]) / w);
    }

    /// <summary>Gauss–Jordan elimination with partial pivoting on an 8×9 augmented matrix.</summary>
    private static double[] Solve(double[,] a)
    {
        const int n = 8;
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++)
            {
                pivot = Math.Abs(a[r, col]) > Math.Abs(a[pivot, col]) ? r : pivot;
            }

            if (Math.Abs(a[pivot, col]) < 1e-12)
            {
                throw new ArgumentException("Degenerate point pairs: three points are collinear.");
            }

            for (int j = 0; j <= n; j++)
            {
                (a[col, j], a[pivot, j]) = (a[pivot, j], a[col, j]);
            }

            for (int r = 0; r < n; r++)
            {
                if (r != col)
                {
                    double f = a[r, col] / a[col, col];
                    for (int j = col; j <= n; j++)
                    {
                        a[r, j] -= f * a[col, j];
                    }
                }
            }
        }

        var h = new double[n];
        for (int i = 0; i < n; i++)
        {
            h[i] = a[i, n] / a[i, i];
        }

        return h;
    }
}
