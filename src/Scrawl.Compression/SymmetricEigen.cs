namespace Scrawl.Compression;

/// <summary>
/// Eigen-decomposition of a small symmetric matrix by the cyclic Jacobi method (double precision):
/// rotations zero each off-diagonal entry in turn until the off-diagonal norm is negligible.
/// O(n³) per sweep, simple and accurate: the reference <see cref="TridiagonalEigen"/> (what PCA uses) is tested against.
/// </summary>
internal static class SymmetricEigen
{
    /// <summary>
    /// Decomposes the n×n symmetric <paramref name="matrix"/> (row-major, not modified): returns eigenvalues
    /// in descending order and the matching unit eigenvectors as the columns of an n×n row-major matrix.
    /// </summary>
    public static (double[] Values, double[] Vectors) Decompose(ReadOnlySpan<double> matrix, int n)
    {
        var a = matrix.ToArray();
        var v = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            v[(i * n) + i] = 1;
        }

        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0, diag = 0;
            for (int i = 0; i < n; i++)
            {
                diag += a[(i * n) + i] * a[(i * n) + i];
                for (int j = i + 1; j < n; j++)
                {
                    off += a[(i * n) + j] * a[(i * n) + j];
                }
            }

            if (off <= 1e-30 * Math.Max(diag, 1e-300))
            {
                break;
            }

            for (int p = 0; p < n; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    Rotate(a, v, n, p, q);
                }
            }
        }

        var order = Enumerable.Range(0, n).OrderByDescending(i => a[(i * n) + i]).ToArray();
        var values = order.Select(i => a[(i * n) + i]).ToArray();
        var vectors = new double[n * n];
        for (int c = 0; c < n; c++)
        {
            for (int r = 0; r < n; r++)
            {
                vectors[(r * n) + c] = v[(r * n) + order[c]];
            }
        }

        return (values, vectors);
    }

    /// <summary>One Jacobi rotation zeroing a[p,q] (Golub &amp; Van Loan, Algorithm 8.5.1 with the stable tan formula).</summary>
    private static void Rotate(double[] a, double[] v, int n, int p, int q)
    {
        double apq = a[(p * n) + q];
        if (Math.Abs(apq) < 1e-300)
        {
            return;
        }

        double theta = (a[(q * n) + q] - a[(p * n) + p]) / (2 * apq);
        double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
        if (theta == 0)
        {
            t = 1;
        }

        double c = 1 / Math.Sqrt((t * t) + 1);
        double s = t * c;
        for (int k = 0; k < n; k++)
        {
            double akp = a[(k * n) + p], akq = a[(k * n) + q];
            a[(k * n) + p] = (c * akp) - (s * akq);
            a[(k * n) + q] = (s * akp) + (c * akq);
        }

        for (int k = 0; k < n; k++)
        {
            double apk = a[(p * n) + k], aqk = a[(q * n) + k];
            a[(p * n) + k] = (c * apk) - (s * aqk);
            a[(q * n) + k] = (s * apk) + (c * aqk);
        }

        for (int k = 0; k < n; k++)
        {
            double vkp = v[(k * n) + p], vkq = v[(k * n) + q];
            v[(k * n) + p] = (c * vkp) - (s * vkq);
            v[(k * n) + q] = (s * vkp) + (c * vkq);
        }
    }
}
