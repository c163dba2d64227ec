using System.Collections.Concurrent;
using System.Diagnostics;
using Scrawl.Ocr;

namespace Scrawl.Server;

/// <summary>
/// A fixed number of worker threads (each with its own classifiers) behind a bounded queue. A request takes a slot
/// (<see cref="TryAdmit"/>) before its body is read; at most workers + queue length slots exist, so memory is bounded by that many
/// uploads and excess requests are refused at once. The slot is held until the work is finished or skipped, even when the client has left.
/// </summary>
internal sealed class WorkQueue : IDisposable
{
    private readonly BlockingCollection<Job> jobs = [];
    private readonly Thread[] threads;
    private readonly Func<Task>? beforeEachJob;
    private int admitted;
    private int busy;
    private long served;
    private long rejected;
    private long skipped;
    private double meanJobSeconds = 0.1;

    /// <summary>A queue with <paramref name="workers"/> (≥ 1) threads, each given the classifiers <paramref name="openClassifiers"/> makes, and <paramref name="queueLength"/> (≥ 0) waiting slots.</summary>
    public WorkQueue(int workers, int queueLength, Func<Dictionary<string, ICharacterClassifier>> openClassifiers, Func<Task>? beforeEachJob = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(queueLength);
        Workers = workers;
        QueueLength = queueLength;
        this.beforeEachJob = beforeEachJob;
        var states = new List<Dictionary<string, ICharacterClassifier>>();
        try
        {
            for (int i = 0; i < workers; i++)
            {
                states.Add(openClassifiers());
            }
        }
        catch
        {
            states.ForEach(ModelCatalog.Close);
            throw;
        }

        threads = [.. states.Select((state, i) => new Thread(() => Work(state)) { IsBackground = true, Name = $"scrawl-worker-{i + 1}" })];
        foreach (var thread in threads)
        {
            thread.Start();
        }
    }

    /// <summary>The number of workers.</summary>
    public int Workers { get; }

    /// <summary>The number of waiting slots beyond the workers.</summary>
    public int QueueLength { get; }

    /// <summary>Jobs running now.</summary>
    public int Busy => Volatile.Read(ref busy);

    /// <summary>Admitted requests not running: uploading, or queued for a worker.</summary>
    public int Waiting => Math.Max(0, Volatile.Read(ref admitted) - Busy);

    /// <summary>Jobs finished (successfully or with an error) since start.</summary>
    public long Served => Interlocked.Read(ref served);

    /// <summary>Requests refused because every slot was taken.</summary>
    public long Rejected => Interlocked.Read(ref rejected);

    /// <summary>Jobs skipped because their request was cancelled (client gone or time limit) before a worker took them.</summary>
    public long Skipped => Interlocked.Read(ref skipped);

    /// <summary>Seconds a refused client should wait: the time the workers need for a full queue at the recent mean job time (1–60).</summary>
    public int RetryAfterSeconds => (int)Math.Clamp(Math.Ceiling((Workers + QueueLength) * Volatile.Read(ref meanJobSeconds) / Workers), 1, 60);

    /// <summary>A slot for one request, or null (counted as rejected) when workers and queue are all taken.</summary>
    public Slot? TryAdmit()
    {
        int limit = Workers + QueueLength;
        for (int now = Volatile.Read(ref admitted); now < limit; now = Volatile.Read(ref admitted))
        {
            if (Interlocked.CompareExchange(ref admitted, now + 1, now) == now)
            {
                return new Slot(this);
            }
        }

        Interlocked.Increment(ref rejected);
        return null;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a worker with its classifiers; the slot passes to the job and is freed when the job ends. A job whose
    /// <paramref name="cancel"/> fires before a worker takes it is skipped (the task is cancelled); a running job finishes (reading has no cancellation points) and its result is dropped.
    /// </summary>
    public Task<T> RunAsync<T>(Slot slot, Func<IReadOnlyDictionary<string, ICharacterClassifier>, T> work, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(slot);
        var job = new Job<T>(slot, work, cancel);
        slot.Transfer();
        try
        {
            jobs.Add(job, CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            slot.Release();
            throw new ApiException(503, "the server is shutting down; try another instance or again shortly.", 5);
        }

        return job.Completion.Task;
    }

    /// <summary>Stops taking jobs, lets the workers finish the queued ones and waits for them.</summary>
    public void Dispose()
    {
        jobs.CompleteAdding();
        foreach (var thread in threads)
        {
            thread.Join();
        }

        jobs.Dispose();
    }

    private void Work(Dictionary<string, ICharacterClassifier> classifiers)
    {
        try
        {
            foreach (var job in jobs.GetConsumingEnumerable())
            {
                if (job.Cancelled)
                {
                    Interlocked.Increment(ref skipped);
                    job.Skip();
                    job.Slot.Release();
                    continue;
                }

                Interlocked.Increment(ref busy);
                var watch = Stopwatch.StartNew();
                try
                {
                    job.Run(classifiers, beforeEachJob);
                }
                finally
                {
                    Interlocked.Decrement(ref busy);
                    Interlocked.Increment(ref served);
                    double seconds = watch.Elapsed.TotalSeconds, mean = Volatile.Read(ref meanJobSeconds);
                    Volatile.Write(ref meanJobSeconds, (0.9 * mean) + (0.1 * seconds));
                    job.Slot.Release();

                    // Only now does the client get its answer, so /v1/health asked after a response already counts that job.
                    job.Complete();
                }
            }
        }
        finally
        {
            ModelCatalog.Close(classifiers);
        }
    }

    private void Released() => Interlocked.Decrement(ref admitted);

    /// <summary>One admitted request's place in the queue: freed when disposed, unless it was passed to a job (<see cref="RunAsync"/>), which frees it when the job ends.</summary>
    public sealed class Slot : IDisposable
    {
        private WorkQueue? owner;
        private bool transferred;

        internal Slot(WorkQueue owner) => this.owner = owner;

        /// <summary>Frees the slot unless a job holds it.</summary>
        public void Dispose()
        {
            if (!transferred)
            {
                Release();
            }
        }

        internal void Transfer() => transferred = true;

        internal void Release() => Interlocked.Exchange(ref owner, null)?.Released();
    }

    private abstract class Job(Slot slot, CancellationToken cancel)
    {
        public Slot Slot { get; } = slot;

        public bool Cancelled => Cancel.IsCancellationRequested;

        protected CancellationToken Cancel { get; } = cancel;

        /// <summary>Does the work and keeps its result or exception; the waiting request sees it only at <see cref="Complete"/>.</summary>
        public abstract void Run(IReadOnlyDictionary<string, ICharacterClassifier> classifiers, Func<Task>? before);

        /// <summary>Hands the kept result or exception to the waiting request.</summary>
        public abstract void Complete();

        public abstract void Skip();
    }

    private sealed class Job<T>(Slot slot, Func<IReadOnlyDictionary<string, ICharacterClassifier>, T> work, CancellationToken cancel) : Job(slot, cancel)
    {
        private T? result;
        private Exception? failure;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Run(IReadOnlyDictionary<string, ICharacterClassifier> classifiers, Func<Task>? before)
        {
            try
            {
                before?.Invoke().GetAwaiter().GetResult();
                result = work(classifiers);
            }
            catch (Exception e)
            {
                failure = e;
            }
        }

        public override void Complete()
        {
            if (failure is not null)
            {
                Completion.TrySetException(failure);
            }
            else
            {
                Completion.TrySetResult(result!);
            }
        }

        public override void Skip() => Completion.TrySetCanceled(Cancel);
    }
}
