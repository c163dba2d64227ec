using Scrawl.NeuralNet.Checking;
using Scrawl.NeuralNet.Layers;
using Scrawl.NeuralNet.Serialization;
using Scrawl.NeuralNet.Tests.Serialization;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Tests.Layers;

/// <summary>
/// BatchNorm2D: gradient check in both modes (1e-5), PyTorch's BatchNorm2d (one training step, then
/// eval; conv_reference.npz) within 1e-5 + 1e-5·|torch|, and the running statistics in model files.
/// </summary>
public class BatchNorm2DTests
{
    private static readonly ImageShape Shape = new(3, 4, 5);

    private static BatchNorm2D Randomized(bool training)
    {
        var norm = new BatchNorm2D(Shape) { Training = training };
        var random = new SeededRandom(31);
        random.FillUniform(norm.Gamma.Value.Span, 0.5f, 1.5f);
        random.FillUniform(norm.Beta.Value.Span, -0.5f, 0.5f);
        random.FillUniform(norm.RunningMean.Span, -0.5f, 0.5f);
        random.FillUniform(norm.RunningVariance.Span, 0.5f, 2f);
        return norm;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void BatchNorm2D_passes_the_gradient_check(bool training)
    {
        var result = GradientChecker.CheckLayer(Randomized(training), TestData.Uniform(32, -2f, 3f, 3, Shape.Features));
        Assert.True(result.Passed, string.Join("; ", result.Entries.Select(e => $"{e.Name}: {e.RelativeError:E2}")));
        Assert.Equal(3, result.Entries.Count);
    }

    [Fact]
    public void BatchNorm2D_matches_torch_in_training_and_eval()
    {
        static Tensor Get(string key) => ImageLayerReferenceTests.Get(key);
        var norm = new BatchNorm2D(new ImageShape(3, 4, 5)) { Training = true };
        Get("bn_gamma").CopyTo(norm.Gamma.Value);
        Get("bn_beta").CopyTo(norm.Beta.Value);
        ImageLayerReferenceTests.AssertClose("bn y", Get("bn_y"), norm.Forward(Get("bn_x")), 1e-5);
        ImageLayerReferenceTests.AssertClose("bn dx", Get("bn_dx"), norm.Backward(Get("bn_g"), needInputGradient: true)!, 1e-5);
        ImageLayerReferenceTests.AssertClose("bn dgamma", Get("bn_dgamma"), norm.Gamma.Gradient, 1e-5);
        ImageLayerReferenceTests.AssertClose("bn dbeta", Get("bn_dbeta"), norm.Beta.Gradient, 1e-5);
        ImageLayerReferenceTests.AssertClose("bn running mean", Get("bn_running_mean"), norm.RunningMean, 1e-5);
        ImageLayerReferenceTests.AssertClose("bn running var", Get("bn_running_var"), norm.RunningVariance, 1e-5);
        norm.Training = false;
        ImageLayerReferenceTests.AssertClose("bn eval y", Get("bn_y_eval"), norm.Forward(Get("bn_x")), 1e-5);
    }

    [Fact]
    public void Running_statistics_round_trip_through_a_model_file()
    {
        var random = new SeededRandom(33);
        var conv = new Conv2D(Shape, 2, 3, 1, 1, random);
        var norm = Randomized(training: false);
        var network = new Sequential(Shape.Features, norm, conv, new BatchNorm2D(conv.Output, 1e-3, 0.2), new GlobalAveragePool(conv.Output));
        using var dir = TestFiles.TempDirectory();
        ModelFile.Save(new Model(network, ModelHead.Identity), dir.File("bn.scrawl"));
        var loaded = ModelFile.Load(dir.File("bn.scrawl")).Network;

        var first = (BatchNorm2D)loaded.Layers[0];
        Assert.Equal(norm.RunningMean.Span.ToArray(), first.RunningMean.Span.ToArray());
        Assert.Equal(norm.RunningVariance.Span.ToArray(), first.RunningVariance.Span.ToArray());
        Assert.Equal(norm.Gamma.Value.Span.ToArray(), first.Gamma.Value.Span.ToArray());
        var second = (BatchNorm2D)loaded.Layers[2];
        Assert.Equal((1e-3, 0.2, false), (second.Epsilon, second.Momentum, second.Training));
        var x = TestData.Uniform(34, 0f, 1f, 2, Shape.Features);
        Assert.Equal(network.Forward(x).Span.ToArray(), loaded.Forward(x).Span.ToArray());
    }
}
