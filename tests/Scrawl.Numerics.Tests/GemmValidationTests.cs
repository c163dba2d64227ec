using Scrawl.Numerics;

namespace Scrawl.Numerics.Tests;

/// <summary>Argument checking of <see cref="Gemm.Multiply(bool, bool, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int)"/>.</summary>
public class GemmValidationTests
{
    private static readonly float[] A = new float[6 * 5];
    private static readonly float[] B = new float[5 * 4];
    private static readonly float[] C = new float[6 * 4];

    [Theory]
    [InlineData(-1, 4, 5)]
    [InlineData(6, -1, 5)]
    [InlineData(6, 4, -1)]
    public void Negative_sizes_throw(int m, int n, int k)
    {
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => Gemm.Multiply(false, false, m, n, k, 1f, A, 5, B, 4, 0f, C, 4));
    }

    [Fact]
    public void Leading_dimension_smaller_than_row_throws_naming_it()
    {
        Assert.Equal("lda", Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, false, 6, 4, 5, 1f, A, 4, B, 4, 0f, C, 4)).ParamName);
        Assert.Equal("ldb", Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, false, 6, 4, 5, 1f, A, 5, B, 3, 0f, C, 4)).ParamName);
        Assert.Equal("ldc", Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, false, 6, 4, 5, 1f, A, 5, B, 4, 0f, C, 3)).ParamName);

        // Transposed: A is stored k×m (rows of m = 6), B is stored n×k (rows of k = 5).
        Assert.Equal("lda", Assert.Throws<ArgumentException>(() => Gemm.Multiply(true, false, 6, 4, 5, 1f, A, 5, B, 4, 0f, C, 4)).ParamName);
        Assert.Equal("ldb", Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, true, 6, 4, 5, 1f, A, 5, B, 4, 0f, C, 4)).ParamName);
    }

    [Fact]
    public void Spans_too_short_throw_naming_them()
    {
        var ex = Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, false, 6, 4, 5, 1f, A.AsSpan(1), 5, B, 4, 0f, C, 4));
        Assert.Equal("a", ex.ParamName);
        Assert.Contains("30", ex.Message, StringComparison.Ordinal);
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, false, 6, 4, 5, 1f, A, 5, B.AsSpan(1), 4, 0f, C, 4)).ParamName);
        Assert.Equal("c", Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, false, 6, 4, 5, 1f, A, 5, B, 4, 0f, C.AsSpan(1), 4)).ParamName);

        // A larger leading dimension needs (rows − 1)·ld + cols elements.
        Assert.Equal("c", Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, false, 6, 4, 5, 1f, A, 5, B, 4, 0f, C, 5)).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentException>(() => Gemm.Multiply(true, false, 6, 4, 5, 1f, A, 7, B, 4, 0f, C, 4)).ParamName);
    }

    [Fact]
    public void Exactly_long_enough_spans_are_accepted()
    {
        // (rows − 1)·ld + cols: the last row may end short of a full leading dimension.
        var a = new float[(5 * 9) + 5];
        var c = new float[(5 * 6) + 4];
        Gemm.Multiply(false, false, 6, 4, 5, 1f, a, 9, B, 4, 0f, c, 6);
    }

    [Fact]
    public void Unsupported_or_unknown_path_throws()
    {
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, false, 6, 4, 5, 1f, A, 5, B, 4, 0f, C, 4, (GemmPath)42)).ParamName);
        foreach (GemmPath path in Enum.GetValues<GemmPath>())
        {
            if (!Gemm.IsSupported(path))
            {
                Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, false, 6, 4, 5, 1f, A, 5, B, 4, 0f, C, 4, path));
            }
        }
    }

    [Fact]
    public void MatMul_rejects_non_matrices_and_nulls()
    {
        var v = new Tensor(4);
        var m = new Tensor(2, 2);
        Assert.Throws<ArgumentException>(() => Gemm.MatMul(v, m, m));
        Assert.Throws<ArgumentNullException>(() => Gemm.MatMul(null!, m, m));
    }
}
