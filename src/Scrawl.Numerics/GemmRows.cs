namespace Scrawl.Numerics;

/// <content>GEMM with a row-gathered A: the packing reads the selected rows in place (no separate gather).</content>
public static partial class Gemm
{
    /// <summary>
    /// As <see cref="Multiply(bool, bool, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int)"/>,
    /// with A given as selected rows of a larger row-major matrix: row r of the stored A (m×k, or k×m
    /// when <paramref name="transposeA"/>) is row <paramref name="aRows"/>[r] of <paramref name="a"/>, so
    /// aRows has m entries (k when transposed), each ≥ 0 and inside <paramref name="a"/>. The result is
    /// bit-identical to gathering those rows into a contiguous matrix first and calling Multiply on it.
    /// </summary>
    public static void MultiplyGathered(
        bool transposeA, bool transposeB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<int> aRows, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc)
        => MultiplyCore(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, BestPath, allowThreads: true, aRows, gatherA: true);

    /// <summary>
    /// Tensor form of <see cref="MultiplyGathered"/>: c = alpha·op(A)·op(b) + beta·c where A is the rank-2
    /// tensor made of rows <paramref name="aRows"/> of <paramref name="aSource"/> (in that order);
    /// shapes are checked and <paramref name="c"/> must already have the result shape.
    /// </summary>
    public static void MatMulGathered(
        Tensor aSource, ReadOnlySpan<int> aRows, Tensor b, Tensor c,
        bool transposeA = false, bool transposeB = false, float alpha = 1f, float beta = 0f)
    {
        ArgumentNullException.ThrowIfNull(aSource);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        if (aSource.Rank != 2 || b.Rank != 2 || c.Rank != 2)
        {
            throw new ArgumentException($"MatMulGathered needs rank-2 tensors, got [{aSource.ShapeText}], [{b.ShapeText}], [{c.ShapeText}].");
        }

        int m = transposeA ? aSource.Dim(1) : aRows.Length;
        int k = transposeA ? aRows.Length : aSource.Dim(1);
        int kb = transposeB ? b.Dim(1) : b.Dim(0);
        int n = transposeB ? b.Dim(0) : b.Dim(1);
        if (k != kb || c.Dim(0) != m || c.Dim(1) != n)
        {
            throw new ArgumentException(
                $"MatMulGathered shapes do not fit: op(A) {m}×{k} ({aRows.Length} rows of [{aSource.ShapeText}]), op(B) {kb}×{n}, C [{c.ShapeText}].");
        }

        CheckRowIndices(aRows, aRows.Length, aSource.Dim(0));
        MultiplyGathered(transposeA, transposeB, m, n, k, alpha, aSource.Span, aSource.Dim(1), aRows, b.Span, b.Dim(1), beta, c.Span, n);
    }

    /// <summary>
    /// Checks that <paramref name="aRows"/> has <paramref name="expected"/> entries, all ≥ 0 and below
    /// <paramref name="limit"/>; returns how many rows the source must have (largest index + 1, 0 when empty).
    /// </summary>
    private static int CheckRowIndices(ReadOnlySpan<int> aRows, int expected, int limit = int.MaxValue)
    {
        if (aRows.Length != expected)
        {
            throw new ArgumentException($"The row list of A has {aRows.Length} entries but A has {expected} stored rows.", nameof(aRows));
        }

        int max = -1;
        foreach (int row in aRows)
        {
            if (row < 0 || row >= limit)
            {
                throw new ArgumentOutOfRangeException(nameof(aRows), row, limit == int.MaxValue
                    ? "Row indices of A must be ≥ 0."
                    : $"Row index outside 0..{limit - 1}.");
            }

            max = Math.Max(max, row);
        }

        return max + 1;
    }
}
