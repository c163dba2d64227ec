using System.Runtime.InteropServices;

namespace Scrawl.Numerics;

/// <summary>
/// Splits a short job into independent chunks run on the caller and the GEMM worker threads (see the
/// internal worker pool): no thread start-up, so it pays off for jobs of tens of microseconds. Inside a
/// chunk, call <see cref="Gemm.MultiplyOnCallingThread"/> rather than the threaded GEMM.
/// </summary>
public static unsafe class ParallelWork
{
    /// <summary>Threads one job can use at once (the caller plus the workers, 1–8).</summary>
    public static int Parallelism => WorkerPool.Parallelism;

    /// <summary>
    /// Runs <paramref name="body"/>(i) for every i in [0, <paramref name="count"/>), in parallel when the pool
    /// is free, else in order on the caller. Returns when all are done; the first exception is rethrown.
    /// </summary>
    public static void For(int count, Action<int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var job = new Job(body);
        var handle = GCHandle.Alloc(job);
        try
        {
            if (!WorkerPool.TryRun(count, &RunChunk, (void*)GCHandle.ToIntPtr(handle)))
            {
                for (int i = 0; i < count; i++)
                {
                    body(i);
                }

                return;
            }
        }
        finally
        {
            handle.Free();
        }

        if (job.Error is { } error)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }
    }

    /// <summary>
    /// Runs <paramref name="body"/>(first, end) over contiguous ranges covering [0, <paramref name="count"/>) (≥ 0), one per thread of
    /// <see cref="Parallelism"/>, each range's start a multiple of <paramref name="align"/> (≥ 1); on the caller alone when
    /// <paramref name="parallel"/> is false (too little work to split). For independent items the result is the same on any core count.
    /// </summary>
    public static void ForRanges(int count, int align, bool parallel, Action<int, int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(align, 1);
        int ranges = Math.Min(Math.Max(1, Parallelism), Math.Max(1, count));
        if (!parallel || ranges <= 1)
        {
            body(0, count);
            return;
        }

        int step = (((count + ranges - 1) / ranges) + align - 1) / align * align;
        For(ranges, r =>
        {
            int first = Math.Min(count, r * step), end = r == ranges - 1 ? count : Math.Min(count, (r + 1) * step);
            if (end > first)
            {
                body(first, end);
            }
        });
    }

    private static void RunChunk(void* state, int index)
    {
        var job = (Job)GCHandle.FromIntPtr((nint)state).Target!;
        try
        {
            job.Body(index);
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref job.Error, e, null); // the pool's bodies must not throw
        }
    }

    private sealed class Job(Action<int> body)
    {
        public readonly Action<int> Body = body;
        public Exception? Error;
    }
}
