using Scrawl.Numerics;

namespace Scrawl.Compression.Tests;

/// <summary>The Householder + implicit QL eigensolver against the cyclic Jacobi method (the oracle), in double.</summary>
public class EigenTests
{
    private static double[] RandomSymmetric(int n, long seed, double spread)
    {
        var random = new SeededRandom(seed);
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                a[(i * n) + j] = a[(j * n) + i] = random.NextNormal() * (i == j ? spread : 1);
            }
        }

        return a;
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(17, 4)]
    [InlineData(64, 5)]
    [InlineData(130, 6)]
    public void Eigenvalues_and_vectors_match_jacobi(int n, long seed)
    {
        var a = RandomSymmetric(n, seed, spread: 3);
        var (values, vectors) = TridiagonalEigen.Decompose(a, n);
        var (expected, _) = SymmetricEigen.Decompose(a, n);
        double scale = Math.Abs(expected[0]) + Math.Abs(expected[^1]);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(expected[i], values[i], scale * 1e-12);
        }

        // A·v = λ·v and VᵀV = I, column by column.
        for (int c = 0; c < n; c++)
        {
            for (int r = 0; r < n; r++)
            {
                double av = 0;
                for (int k = 0; k < n; k++)
                {
                    av += a[(r * n) + k] * vectors[(k * n) + c];
                }

                Assert.Equal(values[c] * vectors[(r * n) + c], av, scale * 1e-11);
            }

            for (int c2 = 0; c2 < n; c2++)
            {
                double dot = 0;
                for (int k = 0; k < n; k++)
                {
                    dot += vectors[(k * n) + c] * vectors[(k * n) + c2];
                }

                Assert.Equal(c == c2 ? 1 : 0, dot, 1e-12);
            }
        }
    }

    [Fact]
    public void Repeated_and_zero_eigenvalues_are_found()
    {
        // diag(5, 5, 0, 0, −2) rotated by a Householder reflection: clusters and a rank deficit.
        int n = 5;
        double[] diagonal = [5, 5, 0, 0, -2];
        double[] v = [0.3, -0.5, 0.1, 0.7, 0.4];
        double norm = Math.Sqrt(v.Sum(x => x * x));
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                for (int k = 0; k < n; k++)
                {
                    double hik = (i == k ? 1 : 0) - (2 * v[i] * v[k] / (norm * norm));
                    double hjk = (j == k ? 1 : 0) - (2 * v[j] * v[k] / (norm * norm));
                    a[(i * n) + j] += hik * diagonal[k] * hjk;
                }
            }
        }

        var (values, _) = TridiagonalEigen.Decompose(a, n);
        Assert.Equal([5, 5, 0, 0, -2], values.Select(x => Math.Round(x, 10)).ToArray());
    }
}
