namespace Scrawl.Numerics;

/// <summary>Which micro-kernel a GEMM call runs.</summary>
public enum GemmPath
{
    /// <summary>Portable scalar loops (always available).</summary>
    Scalar,

    /// <summary>256-bit vectors (AVX2/FMA class hardware).</summary>
    Vector256,

    /// <summary>512-bit vectors (AVX-512 class hardware).</summary>
    Vector512,
}

/// <summary>
/// Single-precision general matrix multiply on row-major spans:
/// C = alpha·op(A)·op(B) + beta·C, with op(X) = X or Xᵀ.
/// </summary>
public static class Gemm
{
    /// <summary>The fastest path this machine supports (what the path-less Multiply uses).</summary>
    public static GemmPath BestPath => GemmPath.Scalar;

    /// <summary>
    /// C[m×n] = alpha·op(A)·op(B) + beta·C. A is m×k (k×m when <paramref name="transposeA"/>), B is k×n
    /// (n×k when <paramref name="transposeB"/>), all row-major with leading dimensions lda/ldb/ldc
    /// (≥ the row length). m, n, k ≥ 0. When beta is 0, C's old contents are ignored (NaN-safe).
    /// </summary>
    public static void Multiply(
        bool transposeA, bool transposeB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc)
        => Multiply(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, BestPath);

    /// <summary>As <see cref="Multiply(bool, bool, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int)"/>, forcing a kernel path (must be supported).</summary>
    public static void Multiply(
        bool transposeA, bool transposeB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc, GemmPath path)
    {
        _ = path;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float s = 0;
                for (int p = 0; p < k; p++)
                {
                    float x = transposeA ? a[(p * lda) + i] : a[(i * lda) + p];
                    float y = transposeB ? b[(j * ldb) + p] : b[(p * ldb) + j];
                    s += x * y;
                }

                ref float dst = ref c[(i * ldc) + j];
                dst = beta == 0 ? alpha * s : (alpha * s) + (beta * dst);
            }
        }
    }

    /// <summary>
    /// Tensor form: c = alpha·op(a)·op(b) + beta·c for rank-2 tensors; shapes are checked and
    /// <paramref name="c"/> must already have the result shape.
    /// </summary>
    public static void MatMul(Tensor a, Tensor b, Tensor c, bool transposeA = false, bool transposeB = false, float alpha = 1f, float beta = 0f)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        if (a.Rank != 2 || b.Rank != 2 || c.Rank != 2)
        {
            throw new ArgumentException($"MatMul needs rank-2 tensors, got [{a.ShapeText}], [{b.ShapeText}], [{c.ShapeText}].");
        }

        int m = transposeA ? a.Dim(1) : a.Dim(0);
        int k = transposeA ? a.Dim(0) : a.Dim(1);
        int kb = transposeB ? b.Dim(1) : b.Dim(0);
        int n = transposeB ? b.Dim(0) : b.Dim(1);
        if (k != kb || c.Dim(0) != m || c.Dim(1) != n)
        {
            throw new ArgumentException(
                $"MatMul shapes do not fit: op(A) {m}×{k}, op(B) {kb}×{n}, C [{c.ShapeText}].");
        }

        Multiply(transposeA, transposeB, m, n, k, alpha, a.Span, a.Dim(1), b.Span, b.Dim(1), beta, c.Span, n);
    }
}
