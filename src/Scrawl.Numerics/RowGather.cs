using System.Runtime.CompilerServices;

namespace Scrawl.Numerics;

/// <summary>
/// Copies selected rows of a matrix into a contiguous destination (the mini-batch gather), split over
/// the cores for large copies: the training loop gathers ~44 MB of shuffled rows per epoch, which is
/// bound by memory latency, so two cores fetching at once nearly halve its cost.
/// </summary>
public static unsafe class RowGather
{
    /// <summary>Copies smaller than this many floats run on the calling thread only.</summary>
    private const int ParallelThreshold = 16 * 1024;

    private struct Job
    {
        public float* Source;
        public float* Destination;
        public int* Indices;
        public int RowLength;
        public int Rows;
        public int Chunks;
    }

    /// <summary>
    /// destination row i ← source row indices[i] for every i. Both tensors have rank ≥ 2 with the same
    /// row length; destination has indices.Length rows; every index is in [0, source.Rows).
    /// </summary>
    public static void Gather(Tensor source, ReadOnlySpan<int> indices, Tensor destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        int rowLength = source.RowLength;
        if (destination.RowLength != rowLength || destination.Rows != indices.Length)
        {
            throw new ArgumentException(
                $"Gather needs a destination of {indices.Length} rows × {rowLength}, got [{destination.ShapeText}].", nameof(destination));
        }

        int rows = source.Rows;
        foreach (int index in indices)
        {
            if ((uint)index >= (uint)rows)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), index, $"Row index outside 0..{rows - 1}.");
            }
        }

        fixed (float* src = source.Span)
        fixed (float* dst = destination.Span)
        fixed (int* idx = indices)
        {
            var job = new Job { Source = src, Destination = dst, Indices = idx, RowLength = rowLength, Rows = indices.Length };
            long total = (long)indices.Length * rowLength;
            job.Chunks = Math.Min(indices.Length, 2 * WorkerPool.Parallelism);
            if (total < ParallelThreshold || job.Chunks < 2 || !WorkerPool.TryRun(job.Chunks, &CopyChunk, &job))
            {
                job.Chunks = 1;
                CopyChunk(&job, 0);
            }
        }
    }

    private static void CopyChunk(void* state, int chunk)
    {
        var job = (Job*)state;
        int start = (int)((long)job->Rows * chunk / job->Chunks);
        int end = (int)((long)job->Rows * (chunk + 1) / job->Chunks);
        nuint bytes = (nuint)job->RowLength * sizeof(float);
        for (int i = start; i < end; i++)
        {
            Unsafe.CopyBlockUnaligned(job->Destination + ((nint)i * job->RowLength), job->Source + ((nint)job->Indices[i] * job->RowLength), (uint)bytes);
        }
    }
}
