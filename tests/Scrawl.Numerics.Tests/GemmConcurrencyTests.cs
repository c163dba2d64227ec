using Scrawl.Numerics;

namespace Scrawl.Numerics.Tests;

/// <summary>Several threads multiplying at once, and the worker pool that splits one product.</summary>
public unsafe class GemmConcurrencyTests
{
    [Fact]
    public void Concurrent_callers_all_get_correct_results()
    {
        // Shapes above and below the threading threshold, so callers race for the worker pool.
        (int M, int N, int K, bool TA, bool TB)[] shapes =
        [
            (64, 64, 1024, false, false), (1024, 64, 64, true, false), (64, 36, 64, false, false),
            (64, 64, 36, false, true), (150, 70, 200, true, true), (9, 5, 3, false, false),
        ];
        var cases = shapes.Select((s, i) => new GemmCase(s.M, s.N, s.K, s.TA, s.TB, seed: 100 + i, padC: 1)).ToArray();
        double[][] products = cases.Select(c => c.Product()).ToArray();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var threads = new Thread[6];
        for (int t = 0; t < threads.Length; t++)
        {
            int id = t;
            threads[t] = new Thread(() =>
            {
                try
                {
                    for (int iteration = 0; iteration < 30; iteration++)
                    {
                        int which = (id + iteration) % cases.Length;
                        GemmCase gemm = cases[which];
                        gemm.AssertMatches(gemm.Run(1f, 0.5f, Gemm.BestPath), products[which], 1f, 0.5f, context: $"thread {id}");
                    }
                }
                catch (Exception ex) when (ex is Xunit.Sdk.XunitException)
                {
                    failures.Enqueue(ex.Message);
                }
            });
            threads[t].Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        Assert.Empty(failures);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(100)]
    public void WorkerPool_runs_every_chunk_exactly_once(int count)
    {
        // Many back-to-back jobs: a worker finishing job G races the caller publishing job G + 1.
        for (int round = 0; round < 3000; round++)
        {
            var hits = new int[count];
            fixed (int* p = hits)
            {
                if (!WorkerPool.TryRun(count, &Hit, p))
                {
                    for (int i = 0; i < count; i++)
                    {
                        Hit(p, i);
                    }
                }
            }

            Assert.All(hits, h => Assert.Equal(1, h));
        }
    }

    [Fact]
    public void WorkerPool_declines_trivial_jobs()
    {
        int hit = 0;
        Assert.False(WorkerPool.TryRun(1, &Hit, &hit));
        Assert.Equal(0, hit);
    }

    private static void Hit(void* state, int index) => Interlocked.Increment(ref ((int*)state)[index]);
}
