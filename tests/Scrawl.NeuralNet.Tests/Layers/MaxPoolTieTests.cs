using Scrawl.NeuralNet.Layers;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Tests.Layers;

/// <summary>The 2×2 fast path against a naive reference, on data full of ties (first maximum in reading order wins).</summary>
public class MaxPoolTieTests
{
    [Theory]
    [InlineData(2, 6, 8)]
    [InlineData(3, 7, 5)] // odd sizes: the last row/column is dropped
    public void Two_by_two_pooling_picks_the_first_maximum(int channels, int height, int width)
    {
        var shape = new ImageShape(channels, height, width);
        var random = new SeededRandom(height * width);
        var input = new Tensor(2, shape.Features);
        var span = input.Span;
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = random.NextInt(3); // values 0, 1, 2: many ties
        }

        var pool = new MaxPool2D(shape, 2);
        var output = pool.Forward(input).Clone();
        var ones = new Tensor(2, output.RowLength);
        ones.Fill(1f);
        var gradient = pool.Backward(ones, needInputGradient: true)!;
        int oh = height / 2, ow = width / 2;
        for (int n = 0; n < 2; n++)
        {
            var expected = new float[shape.Features];
            for (int c = 0; c < channels; c++)
            {
                for (int oy = 0; oy < oh; oy++)
                {
                    for (int ox = 0; ox < ow; ox++)
                    {
                        int best = -1;
                        float max = float.NegativeInfinity;
                        foreach (var (dy, dx) in new[] { (0, 0), (0, 1), (1, 0), (1, 1) })
                        {
                            int i = (c * height * width) + (((2 * oy) + dy) * width) + (2 * ox) + dx;
                            if (input[n, i] > max)
                            {
                                max = input[n, i];
                                best = i;
                            }
                        }

                        Assert.Equal(max, output[n, (c * oh * ow) + (oy * ow) + ox]);
                        expected[best] += 1f;
                    }
                }
            }

            Assert.Equal(expected, gradient.Row(n).ToArray());
        }
    }
}
