using Scrawl.NeuralNet.Layers;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Tests;

public class PredictTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(1000)]
    public void ChunkedPredictionEqualsOneBatch(int chunk)
    {
        var random = new SeededRandom(4);
        var shape = new ImageShape(1, 8, 8);
        var conv = new Conv2D(shape, 4, 3, 1, 1, random);
        var pool = new MaxPool2D(conv.Output, 2);
        var network = new Sequential(64, conv, new Relu(), pool, new Dense(pool.Output.Features, 5, random));
        var x = new Tensor(37, 64);
        random.FillUniform(x.Span, 0, 1);
        var expected = network.Forward(x).Clone();
        var actual = network.Predict(x, chunk);
        Assert.Equal(expected.Shape.ToArray(), actual.Shape.ToArray());
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected.Span[i], actual.Span[i], 1e-5f);
        }
    }

    [Fact]
    public void ChunkMustBePositive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sequential(2, new Dense(2, 2)).Predict(new Tensor(3, 2), 0));
}
