using Scrawl.NeuralNet.Layers;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Tests.Layers;

/// <summary>The padded-plane im2col/col2im against the general clipped one: the same matrices, bit for bit.</summary>
public class PaddedIm2ColTests
{
    [Theory]
    [InlineData(1, 32, 32, 3, 1, 3)]
    [InlineData(16, 14, 14, 3, 1, 2)]
    [InlineData(3, 9, 7, 3, 1, 1)]
    [InlineData(2, 5, 5, 5, 2, 2)]
    [InlineData(4, 6, 6, 2, 0, 3)]
    [InlineData(1, 1, 1, 3, 1, 1)]
    public void Expand_and_collapse_match_the_general_path(int channels, int height, int width, int kernel, int padding, int batch)
    {
        var g = new WindowGeometry(new ImageShape(channels, height, width), kernel, 1, padding);
        var random = new SeededRandom(channels + height + kernel);
        var input = new float[batch * g.Input.Features];
        random.FillUniform(input, -1, 1);
        var padded = new float[PaddedIm2Col.PaddedLength(g)];
        random.FillUniform(padded, -5, 5); // stale scratch must not leak into the results
        var expected = new float[g.PatchSize * batch * g.OutPlane];
        var actual = new float[expected.Length];
        Im2Col.Expand(g, input, batch, expected);
        PaddedIm2Col.Expand(g, input, batch, actual, padded);
        Assert.Equal(expected, actual);

        var columns = new float[expected.Length];
        random.FillUniform(columns, -1, 1);
        var gradient = new float[input.Length];
        var padGradient = new float[input.Length];
        random.FillUniform(padGradient, -5, 5);
        Im2Col.Collapse(g, columns, batch, gradient);
        PaddedIm2Col.Collapse(g, columns, batch, padGradient, padded);
        Assert.Equal(gradient, padGradient);
        Assert.True(PaddedIm2Col.Covers(g));
        Assert.False(PaddedIm2Col.Covers(g with { Stride = 2 }));
    }
}
