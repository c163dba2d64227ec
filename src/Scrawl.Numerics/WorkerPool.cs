using System.Diagnostics;

namespace Scrawl.Numerics;

/// <summary>
/// A tiny persistent thread pool for splitting one short compute job (tens of microseconds) over the
/// machine's cores without per-call thread start-up or allocation.
/// </summary>
/// <remarks>
/// <para>
/// One dedicated background thread per extra core (ProcessorCount − 1, at most 7). A job is a count of
/// independent chunks plus an unmanaged function pointer and a state pointer; the caller and every
/// worker claim chunks from one shared ticket until none are left, so a worker that wakes late simply
/// finds less (or nothing) to do and the caller never waits for a sleeping thread to start.
/// </para>
/// <para>
/// The ticket packs generation (24 bits) | chunk count (20 bits) | next chunk index (20 bits) into one
/// 64-bit word, so "is a chunk left?" is answered by the same atomic word that is claimed: a claim is a
/// compare-exchange of the whole ticket, and succeeds only on the live job with a chunk left. The
/// claimer reads the job's function and state after its claim, and the caller does not return (its
/// stack holds the state) or start another job until every chunk has completed, so what it reads is
/// that job's.
/// </para>
/// <para>
/// Idle workers spin for <see cref="SpinMicroseconds"/> after their last job (the training loop issues
/// GEMMs back to back) and then block on a monitor. Only one job runs at a time: a concurrent caller
/// that finds the pool busy gets <c>false</c> from <see cref="TryRun"/> and runs its work itself.
/// </para>
/// </remarks>
internal static unsafe class WorkerPool
{
    /// <summary>Most chunks one job may have (the ticket's 20-bit fields).</summary>
    internal const int MaxChunks = (1 << FieldBits) - 1;

    private const int FieldBits = 20;
    private const long FieldMask = (1L << FieldBits) - 1;
    private const int GenerationMask = (1 << 24) - 1;

    /// <summary>How long an idle worker spins before blocking (microseconds).</summary>
    internal const int SpinMicroseconds = 200;

    private static readonly object Gate = new();
    private static readonly int WorkerCount = Math.Clamp(Environment.ProcessorCount - 1, 0, 7);
    private static int _started;
    private static int _busy;
    private static int _sleepers;

    // The current job (valid while _busy is held by its caller).
    private static delegate*<void*, int, void> _body;
    private static void* _state;
    private static int _completed;
    private static long _ticket;

    /// <summary>Threads that can work on one job at once: the caller plus the workers (1–8).</summary>
    internal static int Parallelism => WorkerCount + 1;

    /// <summary>
    /// Runs body(state, i) for every i in [0, count) on the caller and the workers, returning when all
    /// are done; returns false without running anything when there are no workers, count &lt; 2, count &gt;
    /// <see cref="MaxChunks"/>, or the pool is already running another caller's job. body must not throw.
    /// </summary>
    internal static bool TryRun(int count, delegate*<void*, int, void> body, void* state)
    {
        if (WorkerCount == 0 || count < 2 || count > MaxChunks || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            return false;
        }

        try
        {
            EnsureStarted();
            _body = body;
            _state = state;
            _completed = 0;
            int generation = (Generation(Volatile.Read(ref _ticket)) + 1) & GenerationMask; // wraps harmlessly
            long ticket = ((long)generation << (2 * FieldBits)) | ((long)count << FieldBits);
            Interlocked.Exchange(ref _ticket, ticket); // publishes the fields above (full fence)
            if (Volatile.Read(ref _sleepers) > 0)
            {
                lock (Gate)
                {
                    Monitor.PulseAll(Gate);
                }
            }

            Participate(generation);
            var spinner = default(SpinWait);
            while (Volatile.Read(ref _completed) < count)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }

        return true;
    }

    private static void Participate(int generation)
    {
        while (true)
        {
            long ticket = Volatile.Read(ref _ticket);
            int index = (int)(ticket & FieldMask);
            if (Generation(ticket) != generation || index >= (int)((ticket >> FieldBits) & FieldMask))
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _ticket, ticket + 1, ticket) != ticket)
            {
                continue;
            }

            _body(_state, index);
            Interlocked.Increment(ref _completed);
        }
    }

    private static void EnsureStarted()
    {
        if (Volatile.Read(ref _started) != 0)
        {
            return;
        }

        lock (Gate)
        {
            if (_started != 0)
            {
                return;
            }

            for (int w = 0; w < WorkerCount; w++)
            {
                var thread = new Thread(WorkerMain, maxStackSize: 256 * 1024)
                {
                    IsBackground = true,
                    Name = $"Scrawl GEMM worker {w + 1}",
                };
                thread.Start();
            }

            Volatile.Write(ref _started, 1);
        }
    }

    private static void WorkerMain()
    {
        int seen = Generation(Volatile.Read(ref _ticket));
        long spinTicks = Stopwatch.Frequency * SpinMicroseconds / 1_000_000;
        while (true)
        {
            int generation = WaitForJob(seen, spinTicks);
            Participate(generation);
            seen = generation;
        }
    }

    private static int WaitForJob(int seen, long spinTicks)
    {
        long deadline = Stopwatch.GetTimestamp() + spinTicks;
        while (true)
        {
            for (int i = 0; i < 32; i++)
            {
                int generation = Generation(Volatile.Read(ref _ticket));
                if (generation != seen)
                {
                    return generation;
                }

                Thread.SpinWait(8);
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                break;
            }
        }

        lock (Gate)
        {
            Interlocked.Increment(ref _sleepers); // full fence: pairs with the caller's publish
            try
            {
                while (Generation(Volatile.Read(ref _ticket)) == seen)
                {
                    Monitor.Wait(Gate);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _sleepers);
            }
        }

        return Generation(Volatile.Read(ref _ticket));
    }

    private static int Generation(long ticket) => (int)(ticket >> (2 * FieldBits)) & GenerationMask;
}
