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
