using Scrawl.NeuralNet.Checking;
using Scrawl.NeuralNet.Layers;
using Scrawl.NeuralNet.Losses;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Tests;

/// <summary>Every layer and loss against central differences, at the checker's documented tolerance.</summary>
public class GradientCheckTests
{
    private static readonly GradientCheckOptions Options = new();

    public static TheoryData<string> LayerKinds => ["dense", "sigmoid", "tanh", "relu", "softmax"];

    private static ILayer MakeLayer(string kind) => kind switch
    {
        "dense" => WithBias(new Dense(7, 5, new SeededRandom(3))),
        "sigmoid" => new Sigmoid(),
        "tanh" => new Tanh(),
        "relu" => new Relu(),
        "softmax" => new Softmax(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static Dense WithBias(Dense dense)
    {
        new SeededRandom(4).FillUniform(dense.Bias.Value.Span, -0.5f, 0.5f);
        return dense;
    }

    [Theory]
    [MemberData(nameof(LayerKinds))]
    public void Every_layer_passes_the_gradient_check(string kind)
    {
        var layer = MakeLayer(kind);
        int features = kind == "dense" ? 7 : 6;
        var input = TestData.AwayFromZero(11, 0.1f, 2f, 4, features);
        var result = GradientChecker.CheckLayer(layer, input, Options);
        Assert.True(result.Passed, Describe(result));
        Assert.Contains(result.Entries, e => e.Name == "input");
        Assert.Equal(layer.Parameters.Count + 1, result.Entries.Count);
    }

    [Fact]
    public void Softmax_cross_entropy_passes_through_a_network()
    {
        var net = Sequential.Mlp(10, 6, 4, seed: 5);
        var x = TestData.Uniform(1, 0f, 1f, 5, 10);
        var y = TestData.OneHot(2, 5, 4);
        var result = GradientChecker.Check(net, new SoftmaxCrossEntropy(), x, y, Options);
        Assert.True(result.Passed, Describe(result));
        Assert.Equal(5, result.Entries.Count); // 2 weights, 2 biases, input
    }

    [Fact]
    public void Squared_error_passes_through_a_deep_network()
    {
        var random = new SeededRandom(9);
        var net = new Sequential(8, new Dense(8, 6, random), new Tanh(), new Dense(6, 5, random), new Sigmoid(), new Dense(5, 8, random), new Sigmoid());
        var x = TestData.Uniform(3, 0f, 1f, 4, 8);
        var t = TestData.Uniform(4, 0f, 1f, 4, 8);
        var result = GradientChecker.Check(net, new SquaredError(), x, t, Options);
        Assert.True(result.Passed, Describe(result));
    }

    [Fact]
    public void The_check_is_tight_enough_to_catch_a_one_percent_error()
    {
        var input = TestData.AwayFromZero(11, 0.1f, 2f, 4, 6);
        var good = GradientChecker.CheckLayer(new Sigmoid(), input, Options);
        var bad = GradientChecker.CheckLayer(new SkewedSigmoid(1.01f), input, Options);
        Assert.True(good.Passed, Describe(good));
        Assert.False(bad.Passed, Describe(bad));
        Assert.True(bad.WorstRelativeError > 100 * good.WorstRelativeError, $"bad {bad.WorstRelativeError:E2} vs good {good.WorstRelativeError:E2}");
    }

    [Fact]
    public void A_wrong_weight_gradient_is_reported_by_name()
    {
        var layer = new BrokenDense(new Dense(3, 2, new SeededRandom(1)));
        var result = GradientChecker.CheckLayer(layer, TestData.Uniform(2, -1f, 1f, 4, 3), Options);
        Assert.False(result.Passed);
        var worst = result.Entries.MaxBy(e => e.RelativeError)!;
        Assert.Equal("dense.weight", worst.Name);
    }

    [Fact]
    public void Networks_check_far_inside_the_bound_because_the_numerical_side_is_float64()
    {
        var random = new SeededRandom(21);
        var net = new Sequential(8, new Dense(8, 6, random), new Tanh(), new Dense(6, 5, random), new Sigmoid(), new Dense(5, 8, random), new Sigmoid());
        var result = GradientChecker.Check(net, new SquaredError(), TestData.Uniform(5, 0f, 1f, 4, 8), TestData.Uniform(6, 0f, 1f, 4, 8), Options);
        Assert.True(result.WorstRelativeError < Options.Tolerance / 20, Describe(result));
    }

    [Fact]
    public void A_layer_without_a_float64_forward_cannot_be_checked()
    {
        var layer = new NoReference();
        var e = Assert.Throws<NotSupportedException>(() => GradientChecker.CheckLayer(layer, new Tensor(2, 3), Options));
        Assert.Contains("no-reference", e.Message, StringComparison.Ordinal);
    }

    private sealed class NoReference : ILayer
    {
        private readonly Relu _inner = new();

        public string Kind => "no-reference";

        public IReadOnlyList<Parameter> Parameters => [];

        public int OutputFeatures(int inputFeatures) => inputFeatures;

        public Tensor Forward(Tensor input) => _inner.Forward(input);

        public Tensor? Backward(Tensor outputGradient, bool needInputGradient) => _inner.Backward(outputGradient, needInputGradient);
    }

    private static string Describe(GradientCheckResult r) =>
        string.Join("; ", r.Entries.Select(e => $"{e.Name}: rel {e.RelativeError:E2} abs {e.MaxAbsoluteError:E2}"));

    /// <summary>A sigmoid whose derivative is scaled by a factor: a deliberately wrong layer.</summary>
    private sealed class SkewedSigmoid(float factor) : Activation
    {
        public override string Kind => "skewed-sigmoid";

        public override void Apply(ReadOnlySpan<float> x, Span<float> y) => new Sigmoid().Apply(x, y);

        public override double ApplyFloat64(double x) => new Sigmoid().ApplyFloat64(x);

        protected override void Derivative(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
        {
            for (int i = 0; i < x.Length; i++)
            {
                dx[i] = factor * dy[i] * y[i] * (1 - y[i]);
            }
        }
    }

    /// <summary>A dense layer whose weight gradient has one entry corrupted.</summary>
    private sealed class BrokenDense(Dense inner) : ILayer, IFloat64Forward
    {
        public void ForwardFloat64(ReadOnlySpan<double> input, int rows, int inputFeatures, Span<double> output) =>
            inner.ForwardFloat64(input, rows, inputFeatures, output);

        public string Kind => inner.Kind;

        public IReadOnlyList<Parameter> Parameters => inner.Parameters;

        public int OutputFeatures(int inputFeatures) => inner.OutputFeatures(inputFeatures);

        public Tensor Forward(Tensor input) => inner.Forward(input);

        public Tensor? Backward(Tensor outputGradient, bool needInputGradient)
        {
            var g = inner.Backward(outputGradient, needInputGradient);
            inner.Weight.Gradient.Span[0] += 0.5f;
            return g;
        }
    }
}
