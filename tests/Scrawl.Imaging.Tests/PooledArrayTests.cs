namespace Scrawl.Imaging.Tests;

public class PooledArrayTests
{
    [Fact]
    public void The_span_is_exactly_the_length_asked_for_and_the_array_at_least_as_long()
    {
        foreach (int length in new[] { 0, 1, 17, 4096, 1_700_000 })
        {
            using var pooled = new PooledArray<float>(length);
            Assert.Equal(length, pooled.Length);
            Assert.Equal(length, pooled.Span.Length);
            Assert.True(pooled.Array.Length >= length);
        }
    }

    [Fact]
    public void Clear_zeroes_what_the_last_user_left()
    {
        // Dirty an array of one size class and give it back; a cleared rental of that size reads zero whichever array it gets.
        using (var dirty = new PooledArray<int>(5000))
        {
            dirty.Span.Fill(-7);
        }

        using var clean = new PooledArray<int>(5000, clear: true);
        Assert.All(clean.Span.ToArray(), v => Assert.Equal(0, v));
    }

    [Fact]
    public void Disposing_gives_the_array_back_once_and_then_refuses_access()
    {
        var pooled = new PooledArray<byte>(100);
        pooled.Dispose();
        pooled.Dispose(); // a second call does nothing (a second Return would hand one array to two renters)
        Assert.Throws<ObjectDisposedException>(() => pooled.Array);
        Assert.Throws<ObjectDisposedException>(() => pooled.Span.Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PooledArray<byte>(-1));
    }

    [Fact]
    public void Arrays_of_references_come_back_cleared_so_the_pool_keeps_nothing_alive()
    {
        string[] array;
        using (var pooled = new PooledArray<string>(3))
        {
            array = pooled.Array;
            pooled.Span.Fill("kept?");
        }

        Assert.All(array, s => Assert.Null(s));
    }
}
