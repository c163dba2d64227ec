using Scrawl.NeuralNet.Layers;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Tests.Layers;

/// <summary>
/// A batch big enough to be cut into several L2-sized tiles and spread over the cores must give what the
/// samples give one at one time (a single tile): outputs, the weight and bias gradients summed over samples,
/// and the input gradients.
/// </summary>
public class Conv2DTilingTests
{
    [Theory]
    [InlineData(4, 16, 1, 1, 23)] // 9,216 column floats per sample → 7 samples per tile, 4 tiles
    [InlineData(1, 32, 1, 1, 9)] // 9,216 per sample as well, a single input channel
    [InlineData(8, 12, 2, 0, 37)] // stride 2, no padding, an uneven last tile
    public void TiledBatchEqualsSampleBySample(int channels, int side, int stride, int padding, int batch)
    {
        var random = new SeededRandom(channels * 1000 + side);
        var conv = new Conv2D(new ImageShape(channels, side, side), 6, 3, stride, padding, random);
        random.FillUniform(conv.Bias.Value.Span, -0.5f, 0.5f);
        var x = new Tensor(batch, conv.Input.Features);
        random.FillUniform(x.Span, -1, 1);
        var dy = new Tensor(batch, conv.Output.Features);
        random.FillUniform(dy.Span, -1, 1);

        var y = conv.Forward(x).Clone();
        var dx = conv.Backward(dy, needInputGradient: true)!.Clone();
        var dw = conv.Weight.Gradient.Clone();
        var db = conv.Bias.Gradient.Clone();

        var sumW = new double[dw.Length];
        var sumB = new double[db.Length];
        for (int n = 0; n < batch; n++)
        {
            var xn = Tensor.FromSpan(x.Row(n), 1, x.Dim(1));
            var yn = conv.Forward(xn);
            AssertClose(yn.Row(0), y.Row(n), 1e-5f);
            var dxn = conv.Backward(Tensor.FromSpan(dy.Row(n), 1, dy.Dim(1)), needInputGradient: true)!;
            AssertClose(dxn.Row(0), dx.Row(n), 1e-5f);
            for (int i = 0; i < sumW.Length; i++)
            {
                sumW[i] += conv.Weight.Gradient.Span[i];
            }

            for (int i = 0; i < sumB.Length; i++)
            {
                sumB[i] += conv.Bias.Gradient.Span[i];
            }
        }

        AssertClose([.. sumW.Select(v => (float)v)], dw.Span, 1e-4f);
        AssertClose([.. sumB.Select(v => (float)v)], db.Span, 1e-4f);
    }

    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            float bound = tolerance * Math.Max(1f, Math.Abs(expected[i]));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= bound, $"[{i}]: expected {expected[i]}, got {actual[i]}");
        }
    }
}
