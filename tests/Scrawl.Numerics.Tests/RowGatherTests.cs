using Scrawl.Numerics;

namespace Scrawl.Numerics.Tests;

public class RowGatherTests
{
    [Theory]
    [InlineData(10, 3, 4)]      // tiny: single-threaded
    [InlineData(500, 1024, 64)] // a training batch: split over the cores
    [InlineData(300, 36, 299)]
    public void Gathered_rows_equal_the_selected_source_rows(int rows, int cols, int picks)
    {
        var source = new Tensor(rows, cols);
        var random = new SeededRandom(rows);
        random.FillUniform(source.Span, -1f, 1f);
        var indices = new int[picks];
        for (int i = 0; i < picks; i++)
        {
            indices[i] = random.NextInt(rows);
        }

        var destination = new Tensor(picks, cols);
        RowGather.Gather(source, indices, destination);
        for (int i = 0; i < picks; i++)
        {
            Assert.True(source.Row(indices[i]).SequenceEqual(destination.Row(i)), $"row {i}");
        }
    }

    [Fact]
    public void Bad_indices_and_shapes_are_rejected()
    {
        var source = new Tensor(4, 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => RowGather.Gather(source, [0, 4], new Tensor(2, 3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => RowGather.Gather(source, [-1], new Tensor(1, 3)));
        Assert.Throws<ArgumentException>(() => RowGather.Gather(source, [0, 1], new Tensor(2, 4)));
        Assert.Throws<ArgumentException>(() => RowGather.Gather(source, [0, 1], new Tensor(3, 3)));
    }
}
