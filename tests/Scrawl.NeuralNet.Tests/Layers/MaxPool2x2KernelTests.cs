using Scrawl.NeuralNet.Layers;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Tests.Layers;

/// <summary>The 2×2 pooling row kernel: the Vector256 path equals the scalar path (values and winners) at every output count 1..64.</summary>
public class MaxPool2x2KernelTests
{
    /// <summary>Rows like ReLU output: many exact zeros and repeated values, so ties are common; a NaN now and then.</summary>
    private static float[] Row(SeededRandom random, int length)
    {
        var row = new float[length];
        for (int i = 0; i < length; i++)
        {
            int kind = random.NextInt(10);
            row[i] = kind < 4 ? 0f : kind < 6 ? 0.5f : kind == 9 && random.NextInt(20) == 0 ? float.NaN : random.NextSingle();
        }

        return row;
    }

    [Fact]
    public void The_vector_path_gives_the_scalar_paths_values_and_winners_at_every_length()
    {
        var random = new SeededRandom(2024);
        for (int count = 1; count <= 64; count++)
        {
            int width = (2 * count) + random.NextInt(3); // odd widths leave a column out, as pooling does
            float[] top = Row(random, width), bottom = Row(random, width);
            int first = random.NextInt(1000);
            var (expected, expectedWinners) = (new float[count], new int[count]);
            MaxPool2x2Kernel.Scalar(top, bottom, first, width, expected, expectedWinners);
            var (actual, actualWinners) = (new float[count], new int[count]);
            MaxPool2x2Kernel.Row(top, bottom, first, width, actual, actualWinners);
            Assert.Equal(expectedWinners, actualWinners);
            Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), actual.Select(BitConverter.SingleToInt32Bits));
            if (System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated)
            {
                Assert.Equal(count / 8 * 8, MaxPool2x2Kernel.Vector256Path(top, bottom, first, width, new float[count], new int[count]));
            }
        }
    }

    [Fact]
    public void Rows_that_run_on_give_the_scalar_paths_values_and_winners_at_every_length()
    {
        // The spans continue past the row (as the image's next rows do): the last outputs come from one more vector step.
        var random = new SeededRandom(7);
        for (int count = 1; count <= 64; count++)
        {
            int width = (2 * count) + random.NextInt(3);
            float[] top = Row(random, width + 16), bottom = Row(random, width + 16 + random.NextInt(3));
            int first = random.NextInt(1000);
            var (expected, expectedWinners) = (new float[count], new int[count]);
            MaxPool2x2Kernel.Scalar(top, bottom, first, width, expected, expectedWinners);
            var (actual, actualWinners) = (new float[count + 3], new int[count + 3]);
            MaxPool2x2Kernel.Row(top, bottom, first, width, actual.AsSpan(0, count), actualWinners.AsSpan(0, count));
            Assert.Equal(expectedWinners, actualWinners[..count]);
            Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), actual[..count].Select(BitConverter.SingleToInt32Bits));
            Assert.Equal([0, 0, 0], actualWinners[count..]); // nothing written past the outputs
        }
    }

    [Fact]
    public void Ties_go_to_the_first_maximum_in_reading_order()
    {
        float[] top = [1, 1, 0, 2, 3, 0, 0, 0, 5, 5, 5, 5, 0, 0, 0, 0];
        float[] bottom = [1, 1, 2, 0, 3, 3, 0, 7, 5, 5, 6, 5, 0, 0, 0, 0];
        var values = new float[8];
        var winners = new int[8];
        MaxPool2x2Kernel.Row(top, bottom, 100, 16, values, winners);
        Assert.Equal([1, 2, 3, 7, 5, 6, 0, 0], values);
        Assert.Equal([100, 103, 104, 100 + 16 + 7, 108, 100 + 16 + 10, 112, 114], winners);
    }

    [Fact]
    public void Short_rows_are_refused()
    {
        Assert.Throws<ArgumentException>(() => MaxPool2x2Kernel.Row(new float[3], new float[4], 0, 4, new float[2], new int[2]));
    }
}
