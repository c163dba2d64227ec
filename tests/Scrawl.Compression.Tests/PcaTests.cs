using MathNet.Numerics.LinearAlgebra;
using Scrawl.Numerics;

namespace Scrawl.Compression.Tests;

/// <summary>PCA against a full SVD of the centred data (MathNet.Numerics, double precision).</summary>
public class PcaTests
{
    /// <summary>Rows with a decaying spectrum (like images): a random low-rank signal plus small noise.</summary>
    private static Tensor Data(int n, int d, long seed)
    {
        var random = new SeededRandom(seed);
        var x = new Tensor(n, d);
        int rank = 24;
        var basis = new float[rank * d];
        random.FillNormal(basis, 0f, 1f);
        for (int r = 0; r < n; r++)
        {
            var row = x.Row(r);
            for (int c = 0; c < rank; c++)
            {
                float w = (float)(random.NextNormal() * Math.Pow(0.8, c));
                for (int j = 0; j < d; j++)
                {
                    row[j] += w * basis[(c * d) + j];
                }
            }

            for (int j = 0; j < d; j++)
            {
                row[j] += 0.3f + (0.01f * (float)random.NextNormal());
            }
        }

        return x;
    }

    private static (double[] Variance, Matrix<double> Axes) Reference(Tensor x)
    {
        var m = Matrix<double>.Build.Dense(x.Rows, x.RowLength, (i, j) => x[i, j]);
        var centred = m - Matrix<double>.Build.Dense(m.RowCount, m.ColumnCount, (_, j) => m.Column(j).Average());
        var svd = centred.Svd(computeVectors: true);
        return (svd.S.Select(s => s * s / (x.Rows - 1)).ToArray(), svd.VT);
    }

    [Fact]
    public void Variances_and_subspace_match_a_full_svd()
    {
        var x = Data(600, 96, seed: 1);
        var pca = Pca.Fit(x, 12, new PcaOptions { Seed = 2 });
        var (variance, axes) = Reference(x);
        for (int c = 0; c < 12; c++)
        {
            Assert.Equal(variance[c], pca.ExplainedVariance[c], variance[c] * 1e-4);

            // Same axis up to sign: |⟨ours, reference⟩| = 1.
            double dot = 0;
            for (int j = 0; j < 96; j++)
            {
                dot += pca.Components[c, j] * axes[c, j];
            }

            Assert.Equal(1.0, Math.Abs(dot), 1e-4);
        }
    }

    [Fact]
    public void Components_are_orthonormal_with_full_rank()
    {
        var pca = Pca.Fit(Data(500, 64, seed: 3), 16);
        var gram = new Tensor(16, 16);
        Gemm.MatMul(pca.Components, pca.Components, gram, transposeB: true);
        for (int i = 0; i < 16; i++)
        {
            for (int j = 0; j < 16; j++)
            {
                Assert.Equal(i == j ? 1f : 0f, gram[i, j], 1e-4f);
            }
        }

        Assert.Equal(16, pca.Rank());
        Assert.Equal(16 * 64, pca.ParameterCount);
    }

    [Fact]
    public void Reconstruction_error_equals_the_discarded_variance()
    {
        var x = Data(800, 80, seed: 4);
        var pca = Pca.Fit(x, 10);
        var back = pca.Reconstruct(pca.Project(x));
        double sse = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double e = x.Span[i] - back.Span[i];
            sse += e * e;
        }

        var (variance, _) = Reference(x);
        double discarded = variance.Skip(10).Sum() * (x.Rows - 1);
        Assert.Equal(discarded, sse, discarded * 2e-3);
    }

    [Fact]
    public void The_same_seed_gives_the_same_components_and_bad_k_is_rejected()
    {
        var x = Data(300, 40, seed: 5);
        var a = Pca.Fit(x, 5, new PcaOptions { Seed = 9 });
        var b = Pca.Fit(x, 5, new PcaOptions { Seed = 9 });
        Assert.True(a.Components.Span.SequenceEqual(b.Components.Span));
        Assert.Throws<ArgumentOutOfRangeException>(() => Pca.Fit(x, 41));
        Assert.Throws<ArgumentOutOfRangeException>(() => Pca.Fit(x, 0));
    }
}
