namespace Scrawl.Numerics.Tests;

public class ParallelWorkTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(1000)]
    public void EveryIndexRunsExactlyOnce(int count)
    {
        var hits = new int[count];
        ParallelWork.For(count, i => Interlocked.Increment(ref hits[i]));
        Assert.All(hits, h => Assert.Equal(1, h));
    }

    [Fact]
    public void TheFirstExceptionReachesTheCaller_AndThePoolStaysUsable()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ParallelWork.For(8, i =>
        {
            if (i == 5)
            {
                throw new InvalidOperationException("chunk 5");
            }
        }));
        Assert.Equal("chunk 5", error.Message);
        int sum = 0;
        ParallelWork.For(4, i => Interlocked.Add(ref sum, i));
        Assert.Equal(6, sum);
    }

    [Fact]
    public void NestedCallsRunOnTheCallingThread()
    {
        var hits = new int[4 * 4];
        ParallelWork.For(4, i => ParallelWork.For(4, j => Interlocked.Increment(ref hits[(i * 4) + j])));
        Assert.All(hits, h => Assert.Equal(1, h));
    }

    [Fact]
    public void GemmOnTheCallingThreadMatchesTheThreadedGemm()
    {
        var random = new SeededRandom(3);
        const int M = 70, N = 90, K = 130;
        var a = new float[M * K];
        var b = new float[K * N];
        random.FillUniform(a, -1, 1);
        random.FillUniform(b, -1, 1);
        var c1 = new float[M * N];
        var c2 = new float[M * N];
        Gemm.Multiply(false, false, M, N, K, 1f, a, K, b, N, 0f, c1, N);
        Gemm.MultiplyOnCallingThread(false, false, M, N, K, 1f, a, K, b, N, 0f, c2, N);
        Assert.Equal(c1, c2);
    }

    [Theory]
    [InlineData(0, 1, true)]
    [InlineData(1, 64, true)]
    [InlineData(1000, 64, true)]
    [InlineData(1001, 1, true)]
    [InlineData(1000, 64, false)]
    public void ForRanges_covers_every_item_once_in_aligned_ranges(int count, int align, bool parallel)
    {
        var seen = new int[count];
        var starts = new System.Collections.Concurrent.ConcurrentBag<int>();
        ParallelWork.ForRanges(count, align, parallel, (first, end) =>
        {
            starts.Add(first);
            for (int i = first; i < end; i++)
            {
                Interlocked.Increment(ref seen[i]);
            }
        });
        Assert.All(seen, n => Assert.Equal(1, n));
        Assert.All(starts, s => Assert.Equal(0, s % align));
        Assert.Equal(parallel && count > 1 && ParallelWork.Parallelism > 1 ? Math.Min(ParallelWork.Parallelism, count) : 1, starts.Count);
    }
}
