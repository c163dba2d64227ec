using System.Runtime.Intrinsics;

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
public static partial class Gemm
{
    /// <summary>
    /// The fastest path this machine supports (what the path-less Multiply uses): Vector512 when 512-bit
    /// vectors are hardware accelerated, else Vector256 when 256-bit ones are, else Scalar.
    /// </summary>
    public static GemmPath BestPath { get; } =
        Vector512.IsHardwareAccelerated ? GemmPath.Vector512
        : Vector256.IsHardwareAccelerated ? GemmPath.Vector256
        : GemmPath.Scalar;

    /// <summary>Whether <paramref name="path"/> can run on this machine (Scalar always can).</summary>
    public static bool IsSupported(GemmPath path) => path switch
    {
        GemmPath.Scalar => true,
        GemmPath.Vector256 => Vector256.IsHardwareAccelerated,
        GemmPath.Vector512 => Vector512.IsHardwareAccelerated,
        _ => false,
    };

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
        => MultiplyCore(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, path, allowThreads: true);

    /// <summary>
    /// As the first Multiply overload, always on the calling thread: for callers that already split their work
    /// across cores (e.g. with <see cref="ParallelWork"/>).
    /// </summary>
    public static void MultiplyOnCallingThread(
        bool transposeA, bool transposeB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc)
        => MultiplyCore(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, BestPath, allowThreads: false);

    /// <summary>
    /// The Multiply body; <paramref name="allowThreads"/> = false keeps the call on the calling thread.
    /// With <paramref name="gatherA"/>, row r of the stored A (m×k, or k×m when transposed) is row
    /// aRows[r] of <paramref name="a"/>.
    /// </summary>
    internal static unsafe void MultiplyCore(
        bool transposeA, bool transposeB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc, GemmPath path, bool allowThreads,
        ReadOnlySpan<int> aRows = default, bool gatherA = false)
    {
        if (!IsSupported(path))
        {
            throw new ArgumentException($"GEMM path {path} is not supported on this machine (best is {BestPath}).", nameof(path));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        int storedRowsA = transposeA ? k : m;
        if (gatherA)
        {
            storedRowsA = CheckRowIndices(aRows, storedRowsA);
        }

        CheckMatrix(a.Length, storedRowsA, transposeA ? m : k, lda, "A", nameof(a), nameof(lda));
        CheckMatrix(b.Length, transposeB ? n : k, transposeB ? k : n, ldb, "B", nameof(b), nameof(ldb));
        CheckMatrix(c.Length, m, n, ldc, "C", nameof(c), nameof(ldc));
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0 || alpha == 0f)
        {
            GemmDriver.ScaleC(c, m, n, ldc, beta);
            return;
        }

        fixed (float* pa = a, pb = b, pc = c)
        fixed (int* rows = aRows)
        {
            var job = new GemmJob
            {
                A = pa, ARows = gatherA ? rows : null, B = pb, C = pc, Lda = lda, Ldb = ldb, Ldc = ldc, M = m, N = n, K = k,
                TransposeA = transposeA, TransposeB = transposeB, Alpha = alpha, Beta = beta,
            };
            GemmDriver.Run(ref job, path, allowThreads);
        }
    }

    private static void CheckMatrix(int length, int rows, int cols, int ld, string matrix, string spanName, string ldName)
    {
        if (ld < cols)
        {
            throw new ArgumentException($"Leading dimension of {matrix} ({ld}) is smaller than its row length {cols}.", ldName);
        }

        long needed = rows == 0 || cols == 0 ? 0 : ((long)(rows - 1) * ld) + cols;
        if (length < needed)
        {
            throw new ArgumentException(
                $"{matrix} is stored as {rows}×{cols} with leading dimension {ld} and needs {needed} elements, but the span has {length}.",
                spanName);
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
