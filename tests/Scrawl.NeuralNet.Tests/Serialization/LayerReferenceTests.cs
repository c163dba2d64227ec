using Scrawl.NeuralNet.Layers;
using Scrawl.NeuralNet.Losses;
using Scrawl.Numerics;
using Scrawl.Numerics.Formats;

namespace Scrawl.NeuralNet.Tests.Serialization;

/// <summary>
/// Our layers and losses against PyTorch (float64 autograd on float32-exact inputs; see
/// Fixtures/make_fixtures.py → layer_reference.npz). We compute in float32, so each value must agree
/// within |ours − torch| ≤ 1e-6 + 1e-5·|torch|.
/// </summary>
public class LayerReferenceTests
{
    private const double Absolute = 1e-6;
    private const double Relative = 1e-5;

    private static readonly Lazy<IReadOnlyDictionary<string, NpyArray>> Reference =
        new(() => NpzReader.Read(TestFiles.Fixture("layer_reference.npz")));

    private static Tensor Get(string key) => Reference.Value[key].ToTensor();

    [Fact]
    public void Dense_matches_torch()
    {
        var w = Get("dense_w");
        var dense = new Dense(w.Dim(0), w.Dim(1));
        w.CopyTo(dense.Weight.Value);
        Get("dense_b").CopyTo(dense.Bias.Value);
        AssertClose("dense y", Get("dense_y"), dense.Forward(Get("dense_x")));
        var dx = dense.Backward(Get("dense_g"), needInputGradient: true)!;
        AssertClose("dense dx", Get("dense_dx"), dx);
        AssertClose("dense dW", Get("dense_dw"), dense.Weight.Gradient);
        AssertClose("dense db", Get("dense_db"), dense.Bias.Gradient);
    }

    [Theory]
    [InlineData("sigmoid")]
    [InlineData("tanh")]
    [InlineData("relu")]
    [InlineData("softmax")]
    public void Activation_matches_torch(string kind)
    {
        ILayer layer = kind switch
        {
            "sigmoid" => new Sigmoid(),
            "tanh" => new Tanh(),
            "relu" => new Relu(),
            _ => new Softmax(),
        };
        Assert.Equal(kind, layer.Kind);
        AssertClose($"{kind} y", Get($"{kind}_y"), layer.Forward(Get($"{kind}_x")));
        AssertClose($"{kind} dx", Get($"{kind}_dx"), layer.Backward(Get($"{kind}_g"), needInputGradient: true)!);
    }

    [Fact]
    public void Softmax_cross_entropy_matches_torch()
    {
        var gradient = new Tensor(1, 1);
        double loss = new SoftmaxCrossEntropy().Compute(Get("xent_z"), Get("xent_t"), gradient, Reduction.Sum);
        AssertClose("cross-entropy loss", Reference.Value["xent_loss"].Data[0], loss);
        AssertClose("cross-entropy dz", Get("xent_dz"), gradient);
    }

    [Fact]
    public void Squared_error_matches_torch()
    {
        var gradient = new Tensor(1, 1);
        double loss = new SquaredError().Compute(Get("sq_o"), Get("sq_t"), gradient, Reduction.Sum);
        AssertClose("squared-error loss", Reference.Value["sq_loss"].Data[0], loss);
        AssertClose("squared-error do", Get("sq_do"), gradient);
    }

    private static void AssertClose(string what, Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.Shape.ToArray(), actual.Shape.ToArray());
        var e = expected.Span;
        var a = actual.Span;
        for (int i = 0; i < e.Length; i++)
        {
            AssertClose($"{what}[{i}]", e[i], a[i]);
        }
    }

    private static void AssertClose(string what, double expected, double actual)
    {
        double allowed = Absolute + (Relative * Math.Abs(expected));
        Assert.True(Math.Abs(actual - expected) <= allowed, $"{what}: ours {actual:R}, torch {expected:R}, |diff| {Math.Abs(actual - expected):E2} > {allowed:E2}");
    }
}
