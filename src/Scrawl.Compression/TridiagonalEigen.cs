namespace Scrawl.Compression;

/// <summary>
/// Eigen-decomposition of a symmetric matrix in double precision in O(n³) total: Householder reduction to
/// tridiagonal form (A = Q·T·Qᵀ), then the implicit QL method with Wilkinson-type shifts on T, the rotations
/// applied to Q (Golub &amp; Van Loan, §8.3). Several times faster than the cyclic Jacobi sweeps of
/// <see cref="SymmetricEigen"/> from n ≈ 50 on; that one stays as the test oracle.
/// </summary>
internal static class TridiagonalEigen
{
    /// <summary>
    /// Decomposes the n×n symmetric <paramref name="matrix"/> (row-major, only its lower triangle is read, not
    /// modified; n ≥ 1): eigenvalues in descending order and the matching unit eigenvectors as the columns of an
    /// n×n row-major matrix.
    /// </summary>
    public static (double[] Values, double[] Vectors) Decompose(ReadOnlySpan<double> matrix, int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                a[(i * n) + j] = a[(j * n) + i] = matrix[(i * n) + j];
            }
        }

        var d = new double[n];
        var e = new double[n];
        var q = Tridiagonalize(a, n, d, e);
        Diagonalize(d, e, q, n);
        var order = Enumerable.Range(0, n).OrderByDescending(i => d[i]).ToArray();
        var vectors = new double[n * n];
        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < n; c++)
            {
                vectors[(r * n) + c] = q[(r * n) + order[c]];
            }
        }

        return (order.Select(i => d[i]).ToArray(), vectors);
    }

    /// <summary>
    /// Householder reduction of <paramref name="a"/> (destroyed): fills the diagonal <paramref name="d"/> and the
    /// sub-diagonal <paramref name="e"/> (e[i] couples i and i+1, e[n−1] = 0) and returns Q with A = Q·T·Qᵀ.
    /// Step k reflects rows/columns k+1.. with H = I − 2vvᵀ: A₂₂ ← A₂₂ − 2(v·wᵀ + w·vᵀ), p = A₂₂v, w = p − (vᵀp)v.
    /// </summary>
    private static double[] Tridiagonalize(double[] a, int n, double[] d, double[] e)
    {
        var reflectors = new double[n * n]; // row k holds v_k on k+1..n−1 (zero when no reflection was needed)
        var p = new double[n];
        for (int k = 0; k < n - 2; k++)
        {
            double norm = 0;
            for (int i = k + 1; i < n; i++)
            {
                norm += a[(i * n) + k] * a[(i * n) + k];
            }

            norm = Math.Sqrt(norm);
            double x0 = a[((k + 1) * n) + k];
            double alpha = x0 >= 0 ? -norm : norm;
            var v = reflectors.AsSpan(k * n, n);
            double vNorm = 0;
            for (int i = k + 1; i < n; i++)
            {
                v[i] = a[(i * n) + k] - (i == k + 1 ? alpha : 0);
                vNorm += v[i] * v[i];
            }

            if (vNorm <= 1e-300)
            {
                v.Clear();
                continue;
            }

            double scale = 1 / Math.Sqrt(vNorm);
            for (int i = k + 1; i < n; i++)
            {
                v[i] *= scale;
            }

            double vp = 0;
            for (int i = k + 1; i < n; i++)
            {
                double s = 0;
                for (int j = k + 1; j < n; j++)
                {
                    s += a[(i * n) + j] * v[j];
                }

                p[i] = s;
                vp += v[i] * s;
            }

            for (int i = k + 1; i < n; i++)
            {
                p[i] -= vp * v[i];
            }

            for (int i = k + 1; i < n; i++)
            {
                for (int j = k + 1; j < n; j++)
                {
                    a[(i * n) + j] -= 2 * ((v[i] * p[j]) + (p[i] * v[j]));
                }
            }

            a[((k + 1) * n) + k] = a[(k * n) + k + 1] = alpha;
            for (int i = k + 2; i < n; i++)
            {
                a[(i * n) + k] = a[(k * n) + i] = 0;
            }
        }

        for (int i = 0; i < n; i++)
        {
            d[i] = a[(i * n) + i];
            e[i] = i + 1 < n ? a[((i + 1) * n) + i] : 0;
        }

        // Q = H₀·H₁·…: accumulate from the last reflector backwards, each touching rows k+1.. of Q.
        var q = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            q[(i * n) + i] = 1;
        }

        for (int k = n - 3; k >= 0; k--)
        {
            var v = reflectors.AsSpan(k * n, n);
            for (int c = k + 1; c < n; c++)
            {
                double s = 0;
                for (int i = k + 1; i < n; i++)
                {
                    s += v[i] * q[(i * n) + c];
                }

                if (s == 0)
                {
                    continue;
                }

                for (int i = k + 1; i < n; i++)
                {
                    q[(i * n) + c] -= 2 * s * v[i];
                }
            }
        }

        return q;
    }

    /// <summary>
    /// Implicit QL iterations on the tridiagonal (d, e) until every sub-diagonal entry is negligible; each plane
    /// rotation is applied to the columns of <paramref name="z"/>, so on return d holds the eigenvalues (unsorted)
    /// and z's columns the eigenvectors.
    /// </summary>
    private static void Diagonalize(double[] d, double[] e, double[] z, int n)
    {
        for (int l = 0; l < n; l++)
        {
            for (int iteration = 0; ; iteration++)
            {
                int m = l;
                while (m < n - 1 && Math.Abs(e[m]) > 1e-15 * (Math.Abs(d[m]) + Math.Abs(d[m + 1])))
                {
                    m++;
                }

                if (m == l)
                {
                    break;
                }

                if (iteration == 60)
                {
                    throw new InvalidOperationException("The tridiagonal QL iteration did not converge in 60 sweeps.");
                }

                // Shift: the eigenvalue of the leading 2×2 block closer to d[l].
                double g = (d[l + 1] - d[l]) / (2 * e[l]);
                double r = Math.Sqrt((g * g) + 1);
                g = d[m] - d[l] + (e[l] / (g + (g >= 0 ? r : -r)));
                double s = 1, c = 1, shift = 0;
                int i = m - 1;
                for (; i >= l; i--)
                {
                    double f = s * e[i], b = c * e[i];
                    r = Math.Sqrt((f * f) + (g * g));
                    e[i + 1] = r;
                    if (r == 0)
                    {
                        d[i + 1] -= shift;
                        e[m] = 0;
                        break;
                    }

                    s = f / r;
                    c = g / r;
                    g = d[i + 1] - shift;
                    r = ((d[i] - g) * s) + (2 * c * b);
                    shift = s * r;
                    d[i + 1] = g + shift;
                    g = (c * r) - b;
                    for (int k = 0; k < n; k++)
                    {
                        double zi = z[(k * n) + i], zi1 = z[(k * n) + i + 1];
                        z[(k * n) + i + 1] = (s * zi) + (c * zi1);
                        z[(k * n) + i] = (c * zi) - (s * zi1);
                    }
                }

                if (r == 0 && i >= l)
                {
                    continue;
                }

                d[l] -= shift;
                e[l] = g;
                e[m] = 0;
            }
        }
    }
}
