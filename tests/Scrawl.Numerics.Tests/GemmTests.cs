using System.Runtime.Intrinsics;
using Scrawl.Numerics;

namespace Scrawl.Numerics.Tests;

/// <summary>GEMM correctness on large and odd shapes, scaling factors, empty sizes and the self-check.</summary>
public class GemmTests
{
    public static TheoryData<GemmPath, bool, bool> PathsAndTransposes()
    {
        var data = new TheoryData<GemmPath, bool, bool>();
        foreach (GemmPath path in GemmCase.SupportedPaths())
        {
            for (int t = 0; t < 4; t++)
            {
                data.Add(path, (t & 1) != 0, (t & 2) != 0);
            }
        }

        return data;
    }

    public static TheoryData<bool, bool> Transposes() => new() { { false, false }, { true, false }, { false, true }, { true, true } };

    [Fact]
    public void BestPath_follows_the_hardware()
    {
        GemmPath expected = Vector512.IsHardwareAccelerated ? GemmPath.Vector512
            : Vector256.IsHardwareAccelerated ? GemmPath.Vector256 : GemmPath.Scalar;
        Assert.Equal(expected, Gemm.BestPath);
        Assert.True(Gemm.IsSupported(GemmPath.Scalar));
        Assert.True(Gemm.IsSupported(Gemm.BestPath));
    }

    [Theory]
    [MemberData(nameof(PathsAndTransposes))]
    public void Large_odd_shapes_with_padding_single_and_multi_threaded(GemmPath path, bool transposeA, bool transposeB)
    {
        foreach ((int m, int n, int k) in new[] { (257, 129, 1031), (1000, 37, 513), (37, 300, 260) })
        {
            var gemm = new GemmCase(m, n, k, transposeA, transposeB, seed: m + n + k, padA: 5, padB: 3, padC: 7);
            double[] product = gemm.Product();
            foreach (bool threads in new[] { false, true })
            {
                gemm.AssertMatches(gemm.Run(1.25f, -0.5f, path, threads), product, 1.25f, -0.5f, context: $"{path} threads={threads}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Transposes))]
    public void Hot_training_shapes_match_reference(bool transposeA, bool transposeB)
    {
        foreach ((int m, int n, int k) in new[] { (64, 64, 1024), (1024, 64, 64), (64, 36, 64), (64, 64, 36), (64, 1024, 64) })
        {
            var gemm = new GemmCase(m, n, k, transposeA, transposeB, seed: 11);
            gemm.AssertMatches(gemm.Run(1f, 0f, Gemm.BestPath), gemm.Product(), 1f, 0f);
        }
    }

    [Theory]
    [MemberData(nameof(PathsAndTransposes))]
    public void Beta_zero_ignores_NaN_in_C(GemmPath path, bool transposeA, bool transposeB)
    {
        foreach ((int m, int n, int k) in new[] { (13, 45, 29), (200, 70, 300) })
        {
            var gemm = new GemmCase(m, n, k, transposeA, transposeB, seed: 3, padC: 2);
            float[] got = gemm.Run(2f, 0f, path, fillC: float.NaN);
            gemm.AssertMatches(got, gemm.Product(), 2f, 0f, padding: float.NaN);
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    Assert.True(float.IsFinite(got[(i * gemm.Ldc) + j]));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(PathsAndTransposes))]
    public void Beta_one_accumulates(GemmPath path, bool transposeA, bool transposeB)
    {
        var gemm = new GemmCase(70, 40, 300, transposeA, transposeB, seed: 5, padC: 1);
        float[] once = gemm.Run(1f, 0f, path);
        var twice = (float[])once.Clone();
        Gemm.Multiply(transposeA, transposeB, gemm.M, gemm.N, gemm.K, 1f, gemm.A, gemm.Lda, gemm.B, gemm.Ldb, 1f, twice, gemm.Ldc, path);
        double[] product = gemm.Product();
        for (int i = 0; i < product.Length; i++)
        {
            product[i] *= 2;
        }

        gemm.AssertMatches(twice, product, 1f, 0f, padding: null);
    }

    [Theory]
    [InlineData(0.5f)]
    [InlineData(0f)]
    [InlineData(1f)]
    public void Zero_k_or_zero_alpha_scales_C_by_beta(float beta)
    {
        var c = new float[] { 1, 2, float.NaN, 4, 5, 6 };
        float[] expected = beta == 0f ? [0, 0, float.NaN, 0, 0, 6] : [beta, 2 * beta, float.NaN, 4 * beta, 5 * beta, 6];
        if (beta == 1f)
        {
            expected = [1, 2, float.NaN, 4, 5, 6];
        }

        var k0 = (float[])c.Clone();
        Gemm.Multiply(false, false, 2, 2, 0, 1f, [], 0, [], 2, beta, k0, 3);
        Assert.Equal(expected, k0);

        var alpha0 = (float[])c.Clone();
        float[] a = [float.NaN, 1, 1, 1];
        Gemm.Multiply(false, true, 2, 2, 2, 0f, a, 2, a, 2, beta, alpha0, 3);
        Assert.Equal(expected, alpha0);
    }

    [Fact]
    public void Zero_m_or_n_leaves_C_alone()
    {
        float[] c = [1, 2, 3];
        Gemm.Multiply(false, false, 0, 3, 4, 1f, [], 4, new float[12], 3, 0f, c, 3);
        Gemm.Multiply(true, true, 1, 0, 4, 1f, new float[4], 1, [], 4, 0f, c, 3);
        Gemm.Multiply(false, false, 0, 0, 0, 1f, [], 0, [], 0, 0f, [], 0);
        Assert.Equal([1f, 2f, 3f], c);
    }

    [Fact]
    public void Tensor_MatMul_checks_shapes_and_multiplies()
    {
        Tensor a = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3);
        Tensor b = Tensor.FromArray([1, 0, 0, 1, 1, 1], 3, 2);
        var c = new Tensor(2, 2);
        Gemm.MatMul(a, b, c);
        Assert.Equal([4f, 5f, 10f, 11f], c.Span.ToArray());
        var ct = new Tensor(3, 3);
        Gemm.MatMul(a, a, ct, transposeA: true);
        Assert.Equal(17f, ct.Span[0]);
        Assert.Throws<ArgumentException>(() => Gemm.MatMul(a, a, c));
    }

    [Fact]
    public void Hot_shape_does_not_allocate()
    {
        var gemm = new GemmCase(64, 64, 1024, false, false, seed: 9);
        var c = new float[64 * 64];
        for (int i = 0; i < 5; i++)
        {
            Gemm.Multiply(false, false, 64, 64, 1024, 1f, gemm.A, 1024, gemm.B, 64, 0f, c, 64);
            Gemm.Multiply(true, false, 1024, 64, 64, 1f, gemm.A, 1024, c, 64, 0f, new float[1024 * 64], 64);
        }

        var big = new float[1024 * 64];
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++)
        {
            Gemm.Multiply(false, false, 64, 64, 1024, 1f, gemm.A, 1024, gemm.B, 64, 0f, c, 64);
            Gemm.Multiply(true, false, 1024, 64, 64, 1f, gemm.A, 1024, c, 64, 0f, big, 64);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20240601)]
    public void SelfCheck_passes(int seed)
    {
        GemmSelfCheckResult result = Gemm.SelfCheck(seed);
        Assert.True(result.Passed, result.FirstFailure);
        Assert.Null(result.FirstFailure);
        Assert.Equal(Gemm.BestPath, result.Path);
        Assert.True(result.ShapesChecked >= 100);
        Assert.InRange(result.MaxRelativeError, 0, 1e-4);
    }
}
