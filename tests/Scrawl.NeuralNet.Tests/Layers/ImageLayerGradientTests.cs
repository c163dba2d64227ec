using Scrawl.NeuralNet.Checking;
using Scrawl.NeuralNet.Layers;
using Scrawl.NeuralNet.Losses;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Tests.Layers;

/// <summary>The image layers against central differences, at the checker's documented tolerance (1e-5).</summary>
public class ImageLayerGradientTests
{
    private static readonly GradientCheckOptions Options = new();
    private static readonly ImageShape Small = new(2, 5, 6);

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 0)]
    [InlineData(2, 1)]
    public void Conv2D_passes_the_gradient_check(int stride, int padding)
    {
        var conv = new Conv2D(Small, 3, 3, stride, padding, new SeededRandom(5));
        new SeededRandom(6).FillUniform(conv.Bias.Value.Span, -0.5f, 0.5f);
        var result = GradientChecker.CheckLayer(conv, TestData.Uniform(7, -1f, 1f, 2, Small.Features), Options);
        Assert.True(result.Passed, Describe(result));
        Assert.Equal(3, result.Entries.Count); // weight, bias, input
    }

    [Fact]
    public void Conv2D_with_a_1x1_kernel_and_one_channel_passes_the_gradient_check()
    {
        var conv = new Conv2D(new ImageShape(1, 3, 4), 2, 1, 1, 0, new SeededRandom(8));
        var result = GradientChecker.CheckLayer(conv, TestData.Uniform(9, -1f, 1f, 3, 12), Options);
        Assert.True(result.Passed, Describe(result));
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(3, 1)]
    [InlineData(3, 2)]
    public void MaxPool2D_passes_the_gradient_check(int kernel, int stride)
    {
        // Distinct values 1/8 apart: the checker's steps (≤ 1/64) never change which input wins a window.
        var input = Distinct(10, 2, Small.Features);
        var result = GradientChecker.CheckLayer(new MaxPool2D(Small, kernel, stride), input, Options);
        Assert.True(result.Passed, Describe(result));
    }

    [Fact]
    public void GlobalAveragePool_passes_the_gradient_check()
    {
        var result = GradientChecker.CheckLayer(new GlobalAveragePool(Small), TestData.Uniform(11, -1f, 1f, 2, Small.Features), Options);
        Assert.True(result.Passed, Describe(result));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Dropout_passes_the_gradient_check_in_both_modes(bool training)
    {
        var dropout = new Dropout(0.4, seed: 12) { Training = training };
        var result = GradientChecker.CheckLayer(dropout, TestData.Uniform(13, -1f, 1f, 3, 10), Options);
        Assert.True(result.Passed, Describe(result));
    }

    [Fact]
    public void A_small_convolutional_network_passes_the_gradient_check()
    {
        var random = new SeededRandom(14);
        var conv1 = new Conv2D(Small, 3, 3, 1, 1, random);
        var conv2 = new Conv2D(conv1.Output, 4, 3, 2, 1, random);
        var net = new Sequential(Small.Features, conv1, new Tanh(), conv2, new Tanh(), new GlobalAveragePool(conv2.Output), new Dense(4, 3, random));
        var x = TestData.Uniform(15, 0f, 1f, 2, Small.Features);
        var result = GradientChecker.Check(net, new SoftmaxCrossEntropy(), x, TestData.OneHot(16, 2, 3), Options);
        Assert.True(result.Passed, Describe(result));
        Assert.Equal(7, result.Entries.Count); // 3 weights, 3 biases, input
    }

    /// <summary>A [rows × features] tensor of distinct values spaced 1/8 apart, in random order.</summary>
    internal static Tensor Distinct(long seed, int rows, int features)
    {
        var order = new SeededRandom(seed).Permutation(rows * features);
        var t = new Tensor(rows, features);
        for (int i = 0; i < order.Length; i++)
        {
            t.Span[i] = (order[i] - (order.Length / 2)) * 0.125f;
        }

        return t;
    }

    private static string Describe(GradientCheckResult result) =>
        string.Join("; ", result.Entries.Select(e => $"{e.Name}: {e.RelativeError:E2}"));
}
