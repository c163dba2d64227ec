using System.Numerics.Tensors;

namespace Scrawl.Numerics;

/// <summary>
/// Outcome of <see cref="Gemm.SelfCheck"/>: the path checked, how many products were compared, the
/// largest error relative to the magnitude of the summed terms, and the first failing case (or null).
/// </summary>
/// <param name="Path">The kernel path that ran (<see cref="Gemm.BestPath"/>).</param>
/// <param name="ShapesChecked">Number of (shape, transpose, threading) products compared (≥ 0).</param>
/// <param name="MaxRelativeError">Largest |C − reference| / (|alpha|·Σ|a·b| + |beta·c| + tiny) seen (≥ 0, or ∞ for NaN).</param>
/// <param name="Passed">True when every product was within the tolerance.</param>
/// <param name="FirstFailure">Description of the first product out of tolerance, or null.</param>
public sealed record GemmSelfCheckResult(GemmPath Path, int ShapesChecked, double MaxRelativeError, bool Passed, string? FirstFailure);

/// <content>The built-in GEMM self-check (usable in a child process, e.g. with hardware intrinsics disabled).</content>
public static partial class Gemm
{
    private static readonly (int M, int N, int K)[] SelfCheckShapes =
    [
        (1, 1, 1), (2, 3, 4), (3, 1, 7), (5, 7, 3), (7, 5, 9), (8, 8, 8), (9, 17, 16), (15, 16, 17),
        (16, 33, 31), (17, 31, 33), (31, 32, 1), (32, 36, 64), (33, 64, 36), (36, 47, 48), (47, 48, 65),
        (48, 63, 70), (63, 65, 2), (64, 64, 64), (65, 1, 69), (1, 70, 13), (70, 70, 70), (13, 37, 70),
        (100, 45, 130), (130, 97, 53), (200, 65, 300),
    ];

    /// <summary>
    /// Multiplies a fixed list of shapes (sizes 1–300, odd and even, all four transpose combinations,
    /// single-threaded and with the worker threads, padded leading dimensions, alpha = 1.5, beta = 0.5
    /// and beta = 0 over NaN) with <see cref="BestPath"/> and compares each against a double-precision
    /// reference; any seed is valid. A product fails when its relative error exceeds 2·(k + 8)·2⁻²⁴.
    /// </summary>
    public static GemmSelfCheckResult SelfCheck(int seed)
    {
        var random = new SeededRandom(seed);
        int checkedCount = 0;
        double maxError = 0;
        string? firstFailure = null;
        foreach ((int m, int n, int k) in SelfCheckShapes)
        {
            for (int variant = 0; variant < 8; variant++)
            {
                bool transposeA = (variant & 1) != 0, transposeB = (variant & 2) != 0, threads = (variant & 4) != 0;
                float beta = variant % 3 == 0 ? 0f : 0.5f;
                double error = CheckOne(random, m, n, k, transposeA, transposeB, 1.5f, beta, threads);
                checkedCount++;
                maxError = Math.Max(maxError, error);
                double tolerance = 2.0 * (k + 8) * Math.ScaleB(1.0, -24);
                if (firstFailure is null && !(error <= tolerance))
                {
                    firstFailure = $"m={m} n={n} k={k} transposeA={transposeA} transposeB={transposeB} " +
                        $"beta={beta} threads={threads}: relative error {error:G3} > {tolerance:G3}";
                }
            }
        }

        return new GemmSelfCheckResult(BestPath, checkedCount, maxError, firstFailure is null, firstFailure);
    }

    /// <summary>One product with random data and padded leading dimensions; returns its max relative error (∞ for NaN).</summary>
    private static double CheckOne(SeededRandom random, int m, int n, int k, bool transposeA, bool transposeB, float alpha, float beta, bool threads)
    {
        int lda = (transposeA ? m : k) + 3, ldb = (transposeB ? k : n) + 1, ldc = n + 2;
        var a = new float[(transposeA ? k : m) * lda];
        var b = new float[(transposeB ? n : k) * ldb];
        var c = new float[m * ldc];
        random.FillUniform(a, -1f, 1f);
        random.FillUniform(b, -1f, 1f);
        random.FillUniform(c, -1f, 1f);
        float[] before = (float[])c.Clone();
        if (beta == 0f)
        {
            c.AsSpan().Fill(float.NaN);
        }

        MultiplyCore(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, BestPath, threads);

        // Reference: op(A) rows and op(B) columns widened to double (products are then exact).
        var rows = new double[m * k];
        var cols = new double[n * k];
        for (int p = 0; p < k; p++)
        {
            for (int i = 0; i < m; i++)
            {
                rows[(i * k) + p] = transposeA ? a[(p * lda) + i] : a[(i * lda) + p];
            }

            for (int j = 0; j < n; j++)
            {
                cols[(j * k) + p] = transposeB ? b[(j * ldb) + p] : b[(p * ldb) + j];
            }
        }

        double[] absRows = Array.ConvertAll(rows, Math.Abs), absCols = Array.ConvertAll(cols, Math.Abs);
        double worst = 0;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = TensorPrimitives.Dot(rows.AsSpan(i * k, k), cols.AsSpan(j * k, k));
                double magnitude = TensorPrimitives.Dot(absRows.AsSpan(i * k, k), absCols.AsSpan(j * k, k));
                double old = beta == 0f ? 0 : before[(i * ldc) + j];
                double expected = (alpha * sum) + (beta * old);
                double scale = (Math.Abs(alpha) * magnitude) + Math.Abs(beta * old) + 1e-30;
                double error = Math.Abs(c[(i * ldc) + j] - expected) / scale;
                worst = double.IsNaN(error) ? double.PositiveInfinity : Math.Max(worst, error);
            }

            for (int j = n; j < ldc; j++)
            {
                if (BitConverter.SingleToInt32Bits(c[(i * ldc) + j]) != BitConverter.SingleToInt32Bits(beta == 0f ? float.NaN : before[(i * ldc) + j]))
                {
                    worst = double.PositiveInfinity; // a padding column was written
                }
            }
        }

        return worst;
    }
}
