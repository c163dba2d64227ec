using Scrawl.NeuralNet.Layers;
using Scrawl.NeuralNet.Tests.Serialization;
using Scrawl.Numerics;
using Scrawl.Numerics.Formats;

namespace Scrawl.NeuralNet.Tests.Layers;

/// <summary>
/// The image layers against PyTorch (float64 autograd on float32-exact inputs; see
/// Fixtures/conv/make_conv_fixtures.py → conv_reference.npz), N = 2, C = 2, 5×6 images, k = 3.
/// We compute in float32. Convolutions sum up to 60 products per value, so each value must agree
/// within |ours − torch| ≤ 1e-5 + 1e-5·|torch|; pooling only selects or averages, within 1e-6 + 1e-6·|torch|.
/// </summary>
public class ImageLayerReferenceTests
{
    private static readonly ImageShape Small = new(2, 5, 6);

    private static readonly Lazy<IReadOnlyDictionary<string, NpyArray>> Reference =
        new(() => NpzReader.Read(TestFiles.Fixture(Path.Combine("conv", "conv_reference.npz"))));

    internal static Tensor Get(string key) => Reference.Value[key].ToTensor();

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 0)]
    [InlineData(2, 1)]
    public void Conv2D_matches_torch(int stride, int padding)
    {
        string name = $"conv_s{stride}_p{padding}";
        var conv = new Conv2D(Small, 3, 3, stride, padding);
        Get($"{name}_w").CopyTo(conv.Weight.Value);
        Get($"{name}_b").CopyTo(conv.Bias.Value);
        AssertClose($"{name} y", Get($"{name}_y"), conv.Forward(Get($"{name}_x")), 1e-5);
        var dx = conv.Backward(Get($"{name}_g"), needInputGradient: true)!;
        AssertClose($"{name} dx", Get($"{name}_dx"), dx, 1e-5);
        AssertClose($"{name} dW", Get($"{name}_dw"), conv.Weight.Gradient, 1e-5);
        AssertClose($"{name} db", Get($"{name}_db"), conv.Bias.Gradient, 1e-5);
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(3, 1)]
    [InlineData(3, 2)]
    public void MaxPool2D_matches_torch(int kernel, int stride)
    {
        string name = $"maxpool_k{kernel}_s{stride}";
        var pool = new MaxPool2D(Small, kernel, stride);
        AssertClose($"{name} y", Get($"{name}_y"), pool.Forward(Get($"{name}_x")), 1e-6);
        AssertClose($"{name} dx", Get($"{name}_dx"), pool.Backward(Get($"{name}_g"), needInputGradient: true)!, 1e-6);
    }

    [Fact]
    public void GlobalAveragePool_matches_torch()
    {
        var pool = new GlobalAveragePool(new ImageShape(3, 5, 6));
        AssertClose("gap y", Get("gap_y"), pool.Forward(Get("gap_x")), 1e-6);
        AssertClose("gap dx", Get("gap_dx"), pool.Backward(Get("gap_g"), needInputGradient: true)!, 1e-6);
    }

    /// <summary>Each value within tolerance + tolerance·|expected|; shapes equal.</summary>
    internal static void AssertClose(string what, Tensor expected, Tensor actual, double tolerance)
    {
        Assert.Equal(expected.Shape.ToArray(), actual.Shape.ToArray());
        var e = expected.Span;
        var a = actual.Span;
        for (int i = 0; i < e.Length; i++)
        {
            double allowed = tolerance * (1 + Math.Abs(e[i]));
            Assert.True(Math.Abs(a[i] - e[i]) <= allowed, $"{what}[{i}]: ours {a[i]:R}, torch {e[i]:R}, |diff| {Math.Abs(a[i] - e[i]):E2} > {allowed:E2}");
        }
    }
}
