using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using Scrawl.Numerics;

namespace Scrawl.Numerics.Tests;

/// <summary>One GEMM test case: operands with padded leading dimensions, filled from a fixed seed.</summary>
internal sealed class GemmCase
{
    public GemmCase(int m, int n, int k, bool transposeA, bool transposeB, long seed, int padA = 0, int padB = 0, int padC = 0)
    {
        M = m;
        N = n;
        K = k;
        TransposeA = transposeA;
        TransposeB = transposeB;
        Lda = (transposeA ? m : k) + padA;
        Ldb = (transposeB ? k : n) + padB;
        Ldc = n + padC;
        A = new float[(transposeA ? k : m) * Lda];
        B = new float[(transposeB ? n : k) * Ldb];
        C = new float[m * Ldc];
        var random = new SeededRandom(seed);
        random.FillUniform(A, -1f, 1f);
        random.FillUniform(B, -1f, 1f);
        random.FillUniform(C, -1f, 1f);
    }

    public int M { get; }

    public int N { get; }

    public int K { get; }

    public bool TransposeA { get; }

    public bool TransposeB { get; }

    public int Lda { get; }

    public int Ldb { get; }

    public int Ldc { get; }

    public float[] A { get; }

    public float[] B { get; }

    public float[] C { get; }

    public string Describe => $"m={M} n={N} k={K} tA={TransposeA} tB={TransposeB} lda={Lda} ldb={Ldb} ldc={Ldc}";

    /// <summary>Runs the GEMM under test into a copy of C (optionally pre-filled) and returns it.</summary>
    public float[] Run(float alpha, float beta, GemmPath path, bool threads = true, float? fillC = null)
    {
        float[] c = (float[])C.Clone();
        if (fillC is float fill)
        {
            c.AsSpan().Fill(fill);
        }

        Gemm.MultiplyCore(TransposeA, TransposeB, M, N, K, alpha, A, Lda, B, Ldb, beta, c, Ldc, path, threads);
        return c;
    }

    /// <summary>
    /// op(A)·op(B) in double precision (m×n, dense): the float operands are widened (their products are
    /// exact in double) and each element is one double dot product.
    /// </summary>
    public double[] Product()
    {
        int m = M, n = N, k = K, lda = Lda, ldb = Ldb;
        bool transposeA = TransposeA, transposeB = TransposeB;
        float[] a = A, b = B;
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

        var product = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<double> row = rows.AsSpan(i * k, k);
            for (int j = 0; j < n; j++)
            {
                product[(i * n) + j] = TensorPrimitives.Dot(row, cols.AsSpan(j * k, k));
            }
        }

        return product;
    }

    /// <summary>
    /// Asserts got = alpha·product + beta·C (C's original contents; ignored when beta = 0) within
    /// |diff| ≤ 1e-5·k·|alpha|·max|a|·max|b| + 1e-5·|beta|·|c| + 1e-6 (all data lies in [−1, 1)),
    /// and that the padding columns of C kept their values (or <paramref name="padding"/>, when given).
    /// </summary>
    public void AssertMatches(float[] got, double[] product, float alpha, float beta, float? padding = null, string context = "")
    {
        int m = M, n = N, ldc = Ldc, k = K;
        float[] c = C;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < ldc; j++)
            {
                int at = (i * ldc) + j;
                if (j >= n)
                {
                    float keep = padding ?? c[at];
                    if (BitConverter.SingleToInt32Bits(got[at]) != BitConverter.SingleToInt32Bits(keep))
                    {
                        Assert.Fail($"{context} {Describe}: padding C[{i},{j}] changed to {got[at]}");
                    }

                    continue;
                }

                double old = beta == 0f ? 0 : c[at];
                double expected = (alpha * product[(i * n) + j]) + (beta * old);
                double tolerance = (1e-5 * k * Math.Abs(alpha)) + (1e-5 * Math.Abs(beta * old)) + 1e-6;
                if (!(Math.Abs(got[at] - expected) <= tolerance))
                {
                    Assert.Fail($"{context} {Describe} alpha={alpha} beta={beta}: C[{i},{j}] = {got[at]}, expected {expected} (tolerance {tolerance:G3})");
                }
            }
        }
    }

    /// <summary>The paths this machine supports, for MemberData filters.</summary>
    public static IEnumerable<GemmPath> SupportedPaths()
    {
        yield return GemmPath.Scalar;
        if (Vector256.IsHardwareAccelerated)
        {
            yield return GemmPath.Vector256;
        }

        if (Vector512.IsHardwareAccelerated)
        {
            yield return GemmPath.Vector512;
        }
    }
}
