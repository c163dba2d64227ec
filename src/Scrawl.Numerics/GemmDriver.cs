using System.Runtime.CompilerServices;

namespace Scrawl.Numerics;

/// <summary>
/// The blocked GEMM driver (GotoBLAS/BLIS loop nest) behind <see cref="Gemm.Multiply(bool, bool, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int, GemmPath)"/>.
/// </summary>
/// <remarks>
/// C is cut into chunks of at most <see cref="MC"/> rows × <see cref="NC"/> columns. Each chunk is
/// computed start to finish by one thread with its own thread-static pack buffers:
/// <code>
///   for pc in K step KC:                 (KC = 256: a B micro-panel of 256×32 floats is 32 KiB)
///     pack the chunk's rows of op(A)[·, pc..] into MR-row panels      (L2-resident, ≤ MC×KC)
///     pack the chunk's cols of op(B)[pc.., ·] into NR-column panels   (≤ KC×NC)
///     for jr in chunk cols step NR:  for ir in chunk rows step MR:  micro-kernel(kc)
/// </code>
/// Panels whose layout is already what the kernel reads (full panels of a transposed A or of a
/// row-major B with a small leading dimension) are read in place instead of packed. Edge tiles run the
/// kernel (or, at most half a tile wide, its narrow variant) into a scratch tile that is then merged. Large products are split into more, smaller
/// chunks that the caller and <see cref="WorkerPool"/> threads claim dynamically.
/// </remarks>
internal static unsafe class GemmDriver
{
    /// <summary>Depth of one rank-KC update.</summary>
    internal const int KC = 256;

    /// <summary>Most rows of C in one chunk.</summary>
    internal const int MC = 128;

    /// <summary>Most columns of C in one chunk.</summary>
    internal const int NC = 1024;

    /// <summary>
    /// m·n·k (multiply-adds) from which a call is split over the worker threads. The MLP's small
    /// products (64×36×64, 64×64×36: a few microseconds) ran slower threaded than on one core.
    /// </summary>
    internal const long ParallelThreshold = 1L << 19;

    /// <summary>
    /// Panels already laid out as the kernel reads them (Aᵀ, B) are used in place when their rows are at
    /// most this many floats apart (the hardware prefetchers follow them) ...
    /// </summary>
    internal const int DirectMaxStride = 256;

    /// <summary>... or when k is at most this (few rows, so far-apart rows cost little).</summary>
    internal const int DirectMaxDepth = 128;

    /// <summary>Chunks per thread when splitting duplicates no packing (dynamic claiming evens out late starts).</summary>
    internal const int ChunksPerThread = 2;

    [ThreadStatic]
    private static GemmPackBuffer? _buffer;

    /// <summary>Runs C = alpha·op(A)·op(B) + beta·C for validated arguments with m, n, k ≥ 1 and alpha ≠ 0.</summary>
    internal static void Run(ref GemmJob job, GemmPath path, bool allowThreads)
    {
        switch (path)
        {
            case GemmPath.Vector512:
                job.MR = GemmKernel512.MR;
                job.NR = GemmKernel512.NR;
                job.Kernel = &GemmKernel512.Kernel;
                job.NarrowKernel = &GemmKernel512.KernelNarrow;
                job.NarrowNR = GemmKernel512.NR / 2;
                break;
            case GemmPath.Vector256:
                job.MR = GemmKernel256.MR;
                job.NR = GemmKernel256.NR;
                job.Kernel = &GemmKernel256.Kernel;
                break;
            default:
                job.MR = GemmKernelScalar.MR;
                job.NR = GemmKernelScalar.NR;
                job.Kernel = &GemmKernelScalar.Kernel;
                break;
        }

        job.Simd = path != GemmPath.Scalar;
        job.KC = Math.Min(KC, job.K);
        job.DirectA = job.TransposeA && job.ARows == null && (job.Lda <= DirectMaxStride || job.K <= DirectMaxDepth);
        job.DirectB = !job.TransposeB && (job.Ldb <= DirectMaxStride || job.K <= DirectMaxDepth);
        int threads = WorkerPool.Parallelism;
        bool parallel = allowThreads && threads > 1 && (long)job.M * job.N * job.K >= ParallelThreshold;
        Plan(ref job, parallel ? threads : 1);
        fixed (GemmJob* p = &job)
        {
            if (job.ChunkCount > 1 && parallel && WorkerPool.TryRun(job.ChunkCount, &RunChunk, p))
            {
                return;
            }

            for (int i = 0; i < job.ChunkCount; i++)
            {
                RunChunk(p, i);
            }
        }
    }

    /// <summary>Scales C by beta (beta == 0 stores zeros, ignoring NaN/∞ already there).</summary>
    internal static void ScaleC(Span<float> c, int m, int n, int ldc, float beta)
    {
        for (int i = 0; i < m; i++)
        {
            Span<float> row = c.Slice(i * ldc, n);
            if (beta == 0f)
            {
                row.Clear();
            }
            else if (beta != 1f)
            {
                System.Numerics.Tensors.TensorPrimitives.Multiply(row, beta, row);
            }
        }
    }

    /// <summary>
    /// Cuts C into chunks. Single-threaded: MC×NC blocks. Multi-threaded: split the dimension whose
    /// extra chunks duplicate the least packing (each row chunk re-packs its columns of op(B), each column
    /// chunk its rows of op(A)); when that duplicates nothing, make <see cref="ChunksPerThread"/> chunks per thread.
    /// </summary>
    private static void Plan(ref GemmJob job, int threads)
    {
        int mr = job.MR, nr = job.NR;
        int rowPanels = DivUp(job.M, mr), colPanels = DivUp(job.N, nr);
        int rowsPer = Math.Min(rowPanels, Math.Max(1, MC / mr));
        int colsPer = Math.Min(colPanels, Math.Max(1, NC / nr));
        if (threads > 1)
        {
            long dupA = job.DirectA ? 0 : (long)job.M * job.K;
            long dupB = job.DirectB && !job.TransposeB ? 0 : (long)job.N * job.K;
            bool splitRows = colPanels < 2 || (rowPanels >= 2 && dupB <= dupA);
            int target = (splitRows ? dupB : dupA) == 0 ? threads * ChunksPerThread : threads;
            if (splitRows)
            {
                rowsPer = Math.Min(rowsPer, DivUp(rowPanels, target));
            }
            else
            {
                colsPer = Math.Min(colsPer, DivUp(colPanels, target));
            }
        }

        job.ChunkRows = rowsPer * mr;
        job.ChunkCols = colsPer * nr;
        job.ChunksN = DivUp(job.N, job.ChunkCols);
        job.ChunkCount = DivUp(job.M, job.ChunkRows) * job.ChunksN;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunChunk(void* state, int index)
    {
        GemmJob* job = (GemmJob*)state;
        int mr = job->MR, nr = job->NR, kcMax = job->KC;
        int i0 = index / job->ChunksN * job->ChunkRows;
        int j0 = index % job->ChunksN * job->ChunkCols;
        int i1 = Math.Min(job->M, i0 + job->ChunkRows);
        int j1 = Math.Min(job->N, j0 + job->ChunkCols);
        int panelsA = DivUp(i1 - i0, mr), panelsB = DivUp(j1 - j0, nr);
        GemmPackBuffer buffer = _buffer ??= new GemmPackBuffer();
        float* packA = buffer.Reserve((panelsA * mr * kcMax) + (panelsB * nr * kcMax) + (mr * nr) + 32);
        float* packB = packA + (panelsA * mr * kcMax);
        float* tile = packB + (panelsB * nr * kcMax);
        nint lda = job->Lda, ldb = job->Ldb, ldc = job->Ldc;
        for (int pc = 0; pc < job->K; pc += kcMax)
        {
            int kc = Math.Min(kcMax, job->K - pc);
            float beta = pc == 0 ? job->Beta : 1f;
            PackChunk(job, i0, i1, j0, j1, pc, kc, packA, packB);
            for (int jp = 0; jp < panelsB; jp++)
            {
                int j = j0 + (jp * nr), cols = Math.Min(nr, j1 - j);
                bool directB = job->DirectB && cols == nr;
                float* bp = directB ? job->B + (pc * ldb) + j : packB + (jp * nr * kc);
                nint bs = directB ? ldb : cols == nr ? nr : EdgeWidth(job, cols);
                for (int ip = 0; ip < panelsA; ip++)
                {
                    int i = i0 + (ip * mr), rows = Math.Min(mr, i1 - i);
                    bool directA = job->DirectA && rows == mr;
                    float* ap = directA ? job->A + (pc * lda) + i : packA + (ip * mr * kc);
                    nint aStride = directA ? lda : mr;
                    float* cp = job->C + (i * ldc) + j;
                    if (rows == mr && cols == nr)
                    {
                        job->Kernel(kc, ap, aStride, bp, bs, cp, ldc, job->Alpha, beta);
                    }
                    else if (cols <= job->NarrowNR)
                    {
                        // At most half a tile wide: the narrow variant does half the work.
                        if (rows == mr && cols == job->NarrowNR)
                        {
                            job->NarrowKernel(kc, ap, aStride, bp, bs, cp, ldc, job->Alpha, beta);
                        }
                        else
                        {
                            job->NarrowKernel(kc, ap, aStride, bp, bs, tile, nr, 1f, 0f);
                            MergeTile(tile, nr, cp, ldc, rows, cols, job->Alpha, beta);
                        }
                    }
                    else
                    {
                        job->Kernel(kc, ap, aStride, bp, bs, tile, nr, 1f, 0f);
                        MergeTile(tile, nr, cp, ldc, rows, cols, job->Alpha, beta);
                    }
                }
            }
        }
    }

    /// <summary>Packs the chunk's rows of op(A) and columns of op(B) for k in [pc, pc + kc), skipping in-place panels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackChunk(GemmJob* job, int i0, int i1, int j0, int j1, int pc, int kc, float* packA, float* packB)
    {
        int mr = job->MR, nr = job->NR;
        nint lda = job->Lda, ldb = job->Ldb;
        if (!job->TransposeA)
        {
            for (int i = i0, ip = 0; i < i1; i += mr, ip++)
            {
                int* index = job->ARows == null ? null : job->ARows + i;
                float* src = job->A + (index == null ? i * lda : 0) + pc;
                GemmPacking.PackA(src, lda, index, Math.Min(mr, i1 - i), kc, mr, packA + (ip * mr * kc), job->Simd);
            }
        }
        else
        {
            // In place, only a trailing partial panel needs packing.
            int first = job->DirectA ? (i1 - i0) / mr * mr : 0;
            if (first < i1 - i0)
            {
                int* index = job->ARows == null ? null : job->ARows + pc;
                float* src = job->A + (index == null ? pc * lda : 0) + i0 + first;
                GemmPacking.PackATransposed(src, lda, index, i1 - i0 - first, kc, mr, packA + (first * kc), job->Simd);
            }
        }

        int fullCols = (j1 - j0) / nr * nr, edgeCols = j1 - j0 - fullCols;
        if (job->TransposeB)
        {
            for (int j = 0; j < fullCols; j += nr)
            {
                GemmPacking.PackBTransposed(job->B + ((j0 + j) * ldb) + pc, ldb, nr, kc, nr, packB + (j * kc), job->Simd);
            }

            if (edgeCols > 0)
            {
                GemmPacking.PackBTransposed(job->B + ((j0 + fullCols) * ldb) + pc, ldb, edgeCols, kc, EdgeWidth(job, edgeCols), packB + (fullCols * kc), job->Simd);
            }
        }
        else
        {
            if (!job->DirectB && fullCols > 0)
            {
                GemmPacking.PackB(job->B + (pc * ldb) + j0, ldb, fullCols, kc, nr, packB, job->Simd);
            }

            if (edgeCols > 0)
            {
                GemmPacking.PackB(job->B + (pc * ldb) + j0 + fullCols, ldb, edgeCols, kc, EdgeWidth(job, edgeCols), packB + (fullCols * kc), job->Simd);
            }
        }
    }

    /// <summary>Packed width of a partial B panel: half width when the narrow kernel will read it.</summary>
    private static int EdgeWidth(GemmJob* job, int cols) => cols <= job->NarrowNR ? job->NarrowNR : job->NR;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MergeTile(float* tile, int nr, float* c, nint ldc, int rows, int cols, float alpha, float beta)
    {
        for (int r = 0; r < rows; r++)
        {
            float* t = tile + (r * nr);
            float* d = c + (r * ldc);
            for (int j = 0; j < cols; j++)
            {
                d[j] = beta == 0f ? alpha * t[j] : (alpha * t[j]) + (beta * d[j]);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DivUp(int x, int y) => (x + y - 1) / y;
}
