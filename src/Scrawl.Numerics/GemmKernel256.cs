using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Scrawl.Numerics;

/// <summary>
/// The 256-bit micro-kernel: one 6×16 tile of C per call (MR = 6 rows, NR = 16 columns).
/// </summary>
/// <remarks>
/// Register layout (ymm = Vector256&lt;float&gt;, 8 lanes), sized for AVX2's 16 ymm registers:
/// <code>
///   accumulators  cR0 = C[R, 0..7], cR1 = C[R, 8..15]   for R = 0..5  → 12 ymm
///   per k step    b0 = B[p, 0..7], b1 = B[p, 8..15]                  →  2 ymm
///                 a = broadcast A[R, p] (vbroadcastss), reused for 2 FMAs → 1 ymm
/// </code>
/// 15 registers live, 12 independent FMAs per k step (two FMA ports × 4–5 cycles latency need ≥ 8–10).
/// Operand addressing by stride as in <see cref="GemmKernel512"/>: A[R, p] = a[p·aStride + R],
/// B[p, j] = b[p·bStride + j].
/// </remarks>
internal static unsafe class GemmKernel256
{
    /// <summary>Rows of C per tile.</summary>
    internal const int MR = 6;

    /// <summary>Columns of C per tile.</summary>
    internal const int NR = 16;

    /// <summary>
    /// C[0..6, 0..16] = alpha·Σₚ A[·,p]·B[p,·] + beta·C over kc ≥ 1 steps (beta == 0 ignores C's old values).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Kernel(int kc, float* a, nint aStride, float* b, nint bStride, float* c, nint ldc, float alpha, float beta)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector256<float> c20 = default, c21 = default, c30 = default, c31 = default;
        Vector256<float> c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Vector256.Load(b);
            Vector256<float> b1 = Vector256.Load(b + 8);
            Vector256<float> ar = Vector256.Create(a[0]);
            c00 = Vector256.FusedMultiplyAdd(ar, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(ar, b1, c01);
            ar = Vector256.Create(a[1]);
            c10 = Vector256.FusedMultiplyAdd(ar, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(ar, b1, c11);
            ar = Vector256.Create(a[2]);
            c20 = Vector256.FusedMultiplyAdd(ar, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(ar, b1, c21);
            ar = Vector256.Create(a[3]);
            c30 = Vector256.FusedMultiplyAdd(ar, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(ar, b1, c31);
            ar = Vector256.Create(a[4]);
            c40 = Vector256.FusedMultiplyAdd(ar, b0, c40);
            c41 = Vector256.FusedMultiplyAdd(ar, b1, c41);
            ar = Vector256.Create(a[5]);
            c50 = Vector256.FusedMultiplyAdd(ar, b0, c50);
            c51 = Vector256.FusedMultiplyAdd(ar, b1, c51);
            a += aStride;
            b += bStride;
        }

        var va = Vector256.Create(alpha);
        StoreRow(c, c00, c01, va, beta);
        StoreRow(c + ldc, c10, c11, va, beta);
        StoreRow(c + (2 * ldc), c20, c21, va, beta);
        StoreRow(c + (3 * ldc), c30, c31, va, beta);
        StoreRow(c + (4 * ldc), c40, c41, va, beta);
        StoreRow(c + (5 * ldc), c50, c51, va, beta);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(float* c, Vector256<float> x0, Vector256<float> x1, Vector256<float> va, float beta)
    {
        if (beta == 0f)
        {
            (va * x0).Store(c);
            (va * x1).Store(c + 8);
        }
        else
        {
            var vb = Vector256.Create(beta);
            Vector256.FusedMultiplyAdd(va, x0, vb * Vector256.Load(c)).Store(c);
            Vector256.FusedMultiplyAdd(va, x1, vb * Vector256.Load(c + 8)).Store(c + 8);
        }
    }
}
