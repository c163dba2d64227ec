using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Scrawl.Numerics;

/// <summary>
/// Copies blocks of op(A) and op(B) into the contiguous panel layouts the micro-kernels stream through.
/// </summary>
/// <remarks>
/// Packed A panel (mr rows × kc): element (r, p) at dst[p·mr + r], so each k step reads mr consecutive
/// floats. Packed B panel (kc × nr): element (p, j) at dst[p·nr + j], so each k step reads nr
/// consecutive floats. Rows (A) or columns (B) past the matrix edge are zero-filled so edge tiles can
/// run the full kernel into a scratch tile. The four op() cases become four routines: "rows" layouts
/// (A as stored, Bᵀ as stored) need a transpose, done 8×8 at a time with AVX shuffles when allowed;
/// the other two are row copies.
/// </remarks>
internal static unsafe class GemmPacking
{
    /// <summary>How many rows ahead CopyRows prefetches when rows are far apart.</summary>
    internal const int PrefetchRows = 8;

    /// <summary>
    /// Packs op(A) = A (row-major): element (i, p) at src[R(i)·lda + p], where R(i) = rowIndex[i] when
    /// <paramref name="rowIndex"/> is not null (a gathered A) and i otherwise; rows ≤ mr valid rows, kc ≥ 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void PackA(float* src, nint lda, int* rowIndex, int rows, int kc, int mr, float* dst, bool simd)
    {
        int p = 0;
        if (simd && mr == 8 && rows == 8 && Avx.IsSupported)
        {
            float* r0 = Row(src, lda, rowIndex, 0), r1 = Row(src, lda, rowIndex, 1);
            float* r2 = Row(src, lda, rowIndex, 2), r3 = Row(src, lda, rowIndex, 3);
            float* r4 = Row(src, lda, rowIndex, 4), r5 = Row(src, lda, rowIndex, 5);
            float* r6 = Row(src, lda, rowIndex, 6), r7 = Row(src, lda, rowIndex, 7);
            for (; p + 8 <= kc; p += 8)
            {
                Transpose8x8(
                    Avx.LoadVector256(r0 + p), Avx.LoadVector256(r1 + p), Avx.LoadVector256(r2 + p), Avx.LoadVector256(r3 + p),
                    Avx.LoadVector256(r4 + p), Avx.LoadVector256(r5 + p), Avx.LoadVector256(r6 + p), Avx.LoadVector256(r7 + p),
                    dst + (p * 8), 8);
            }
        }

        TransposeTail(src, lda, rowIndex, rows, p, kc, mr, dst);
    }

    /// <summary>
    /// Packs rows [0, rows) of op(A) = Aᵀ (A stored k×m, element (i, p) at src[R(p)·lda + i], R as in
    /// <see cref="PackA"/>) into ceil(rows / mr) consecutive panels of mr·kc floats; kc ≥ 1.
    /// </summary>
    internal static void PackATransposed(float* src, nint lda, int* rowIndex, int rows, int kc, int mr, float* dst, bool simd)
        => CopyRows(src, lda, rowIndex, rows, kc, mr, dst, simd);

    /// <summary>
    /// Packs columns [0, cols) of op(B) = B (row-major, element (p, j) at src[p·ldb + j]) into
    /// ceil(cols / nr) consecutive panels of nr·kc floats; kc ≥ 1.
    /// </summary>
    internal static void PackB(float* src, nint ldb, int cols, int kc, int nr, float* dst, bool simd)
        => CopyRows(src, ldb, null, cols, kc, nr, dst, simd);

    /// <summary>Packs op(B) = Bᵀ (B stored n×k, element (p, j) at src[j·ldb + p]); cols ≤ nr, kc ≥ 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void PackBTransposed(float* src, nint ldb, int cols, int kc, int nr, float* dst, bool simd)
    {
        int p = 0;
        if (simd && cols == nr && (nr & 7) == 0 && Avx.IsSupported)
        {
            // 16 k values at a time so each source row is read a whole 64-byte line at once.
            for (; p + 16 <= kc; p += 16)
            {
                for (int g = 0; g < nr; g += 8)
                {
                    Transpose8x8(src + (g * ldb) + p, ldb, dst + (p * nr) + g, nr);
                    Transpose8x8(src + (g * ldb) + p + 8, ldb, dst + ((p + 8) * nr) + g, nr);
                }
            }

            for (; p + 8 <= kc; p += 8)
            {
                for (int g = 0; g < nr; g += 8)
                {
                    Transpose8x8(src + (g * ldb) + p, ldb, dst + (p * nr) + g, nr);
                }
            }
        }

        TransposeTail(src, ldb, null, cols, p, kc, nr, dst);
    }

    /// <summary>Start of source row r: src + R(r)·stride with R(r) = rowIndex[r], or r when rowIndex is null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float* Row(float* src, nint stride, int* rowIndex, int r)
        => src + ((rowIndex == null ? r : rowIndex[r]) * stride);

    /// <summary>dst[p·width + r] = Row(r)[p] for p in [p0, kc), r &lt; valid; zero for valid ≤ r &lt; width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransposeTail(float* src, nint stride, int* rowIndex, int valid, int p0, int kc, int width, float* dst)
    {
        for (int r = 0; r < valid; r++)
        {
            float* s = Row(src, stride, rowIndex, r);
            float* d = dst + r;
            for (int p = p0; p < kc; p++)
            {
                d[p * width] = s[p];
            }
        }

        for (int p = p0; p < kc; p++)
        {
            for (int r = valid; r < width; r++)
            {
                dst[(p * width) + r] = 0f;
            }
        }
    }

    /// <summary>
    /// Splits each source row p (Row(p), <paramref name="valid"/> floats) into width-wide pieces,
    /// piece q going to panel q at dst + q·width·kc + p·width; the last piece is zero-padded. Walking
    /// whole source rows keeps the reads sequential even when the stride is a multiple of 4 KiB.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CopyRows(float* src, nint stride, int* rowIndex, int valid, int kc, int width, float* dst, bool simd)
    {
        int full = valid / width, rest = valid - (full * width);
        nint panelSize = (nint)width * kc;
        bool vector = simd && (width & 7) == 0 && Vector256.IsHardwareAccelerated;
        bool prefetch = simd && Sse.IsSupported && (stride >= 256 || rowIndex != null);
        for (int p = 0; p < kc; p++)
        {
            float* s = Row(src, stride, rowIndex, p);
            float* d = dst + (p * width);
            if (prefetch && p + PrefetchRows < kc)
            {
                // Far-apart (or gathered) rows defeat the hardware prefetchers; fetch a few rows ahead ourselves.
                float* ahead = Row(src, stride, rowIndex, p + PrefetchRows);
                for (int x = 0; x < valid; x += 16)
                {
                    Sse.Prefetch0(ahead + x);
                }
            }

            for (int q = 0; q < full; q++, s += width, d += panelSize)
            {
                if (vector)
                {
                    for (int j = 0; j < width; j += 8)
                    {
                        Vector256.Store(Vector256.Load(s + j), d + j);
                    }
                }
                else
                {
                    new ReadOnlySpan<float>(s, width).CopyTo(new Span<float>(d, width));
                }
            }

            if (rest > 0)
            {
                int j = 0;
                for (; j < rest; j++)
                {
                    d[j] = s[j];
                }

                for (; j < width; j++)
                {
                    d[j] = 0f;
                }
            }
        }
    }

    /// <summary>Transposes the 8×8 block whose row r starts at src + r·srcStride (see the register overload).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float* src, nint srcStride, float* dst, nint dstStride) => Transpose8x8(
        Avx.LoadVector256(src), Avx.LoadVector256(src + srcStride), Avx.LoadVector256(src + (2 * srcStride)), Avx.LoadVector256(src + (3 * srcStride)),
        Avx.LoadVector256(src + (4 * srcStride)), Avx.LoadVector256(src + (5 * srcStride)), Avx.LoadVector256(src + (6 * srcStride)), Avx.LoadVector256(src + (7 * srcStride)),
        dst, dstStride);

    /// <summary>
    /// Stores the transpose of the 8×8 block with rows r0..r7 into dst (row q at dst + q·dstStride)
    /// with AVX unpack/shuffle/permute (24 shuffles for 64 elements). Requires Avx.IsSupported.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(
        Vector256<float> r0, Vector256<float> r1, Vector256<float> r2, Vector256<float> r3,
        Vector256<float> r4, Vector256<float> r5, Vector256<float> r6, Vector256<float> r7, float* dst, nint dstStride)
    {
        // Pairs: t0 = r0[0] r1[0] r0[1] r1[1] | r0[4] r1[4] r0[5] r1[5], and so on.
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);

        // Quads: s0 = rows 0–3 of columns 0 | 4, s1 = columns 1 | 5, s2 = 2 | 6, s3 = 3 | 7.
        Vector256<float> s0 = Avx.Shuffle(t0, t2, 0x44), s1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> s2 = Avx.Shuffle(t1, t3, 0x44), s3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> s4 = Avx.Shuffle(t4, t6, 0x44), s5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> s6 = Avx.Shuffle(t5, t7, 0x44), s7 = Avx.Shuffle(t5, t7, 0xEE);

        // Halves: low 128 bits of rows 0–3 with rows 4–7 give columns 0–3, high halves columns 4–7.
        Avx.Store(dst, Avx.Permute2x128(s0, s4, 0x20));
        Avx.Store(dst + dstStride, Avx.Permute2x128(s1, s5, 0x20));
        Avx.Store(dst + (2 * dstStride), Avx.Permute2x128(s2, s6, 0x20));
        Avx.Store(dst + (3 * dstStride), Avx.Permute2x128(s3, s7, 0x20));
        Avx.Store(dst + (4 * dstStride), Avx.Permute2x128(s0, s4, 0x31));
        Avx.Store(dst + (5 * dstStride), Avx.Permute2x128(s1, s5, 0x31));
        Avx.Store(dst + (6 * dstStride), Avx.Permute2x128(s2, s6, 0x31));
        Avx.Store(dst + (7 * dstStride), Avx.Permute2x128(s3, s7, 0x31));
    }
}
