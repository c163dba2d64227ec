using Scrawl.Deep.Models;
using Scrawl.NeuralNet;
using Scrawl.NeuralNet.Layers;
using Scrawl.NeuralNet.Losses;
using Scrawl.NeuralNet.Training;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;
using ScrawlTensor = Scrawl.Numerics.Tensor;

namespace Scrawl.Deep.Tests;

/// <summary>
/// The seed's FC net 1024-64-36 (sigmoid, softmax cross-entropy) in TorchSharp against the own engine, same initial
/// weights, same NIST36-layout batch of 64. Tolerance (float32 throughout): ≤ 1e-5 relative on the loss and
/// max |Δ| ≤ 1e-5·(1 + max |g|) on every gradient and, after 20 SGD steps (lr 0.02, summed), on the weights.
/// Measured: loss equal to 5e-9 relative; gradients within 5e-7 (sum) and 8e-9 (mean); weights within 6e-8.
/// </summary>
public class ParityTests(ITestOutputHelper log)
{
    private const int Hidden = 64;

    [Theory]
    [InlineData(Reduction.Sum)]
    [InlineData(Reduction.Mean)]
    public void Same_weights_in_same_loss_and_gradients_out(Reduction reduction)
    {
        using var testScope = NewDisposeScope(); // every tensor made here is held until the test ends (TorchRuntime's remarks)
        TorchRuntime.EnsureLoaded();
        var train = TestData.Nist36().Train;
        var x = Rows(train.Features(), 64);
        var labels = train.Labels[..64];
        var engine = Sequential.Mlp(train.FeatureCount, Hidden, 36, seed: 7);
        using var net = new MlpNet(train.FeatureCount, Hidden, 36);
        CopyWeights(engine, net);

        var oneHot = Labels.OneHot(labels, 36);
        var output = engine.Forward(x);
        var gradient = new ScrawlTensor(64, 36);
        // The engine returns the summed loss either way; the reduction scales its gradient.
        double engineLoss = new SoftmaxCrossEntropy().Compute(output, oneHot, gradient, reduction) / (reduction == Reduction.Mean ? 64 : 1);
        engine.Backward(gradient);

        using var tx = ImageTensors.From(x);
        using var ty = tensor(labels.Select(l => (long)l).ToArray());
        using var logits = net.forward(tx);
        using var loss = nn.functional.cross_entropy(logits, ty, reduction: reduction == Reduction.Sum ? nn.Reduction.Sum : nn.Reduction.Mean);
        loss.backward();

        log.WriteLine($"loss torch {loss.item<float>():R} engine {engineLoss:R}");
        Assert.True(Math.Abs(loss.item<float>() - engineLoss) <= 1e-5 * Math.Abs(engineLoss), $"loss torch {loss.item<float>()} vs engine {engineLoss}");
        var (w1, b1, w2, b2) = Dense(engine);
        AssertClose(w1.Weight.Gradient, net.Hidden.weight!.grad!, transpose: true);
        AssertClose(w1.Bias.Gradient, net.Hidden.bias!.grad!, transpose: false);
        AssertClose(w2.Weight.Gradient, net.Output.weight!.grad!, transpose: true);
        AssertClose(w2.Bias.Gradient, net.Output.bias!.grad!, transpose: false);
        _ = (b1, b2);
    }

    [Fact]
    public void Twenty_sgd_steps_end_at_the_same_weights()
    {
        using var testScope = NewDisposeScope(); // every tensor made here is held until the test ends (TorchRuntime's remarks)
        TorchRuntime.EnsureLoaded();
        var train = TestData.Nist36().Train;
        var engine = Sequential.Mlp(train.FeatureCount, Hidden, 36, seed: 3);
        using var net = new MlpNet(train.FeatureCount, Hidden, 36);
        CopyWeights(engine, net);
        var loss = new SoftmaxCrossEntropy();
        using var sgd = optim.SGD(net.parameters(), 0.02);
        var gradient = new ScrawlTensor(36, 36);
        for (int step = 0; step < 20; step++)
        {
            int start = (step * 36) % (train.Count - 36);
            var x = ScrawlTensor.FromSpan(train.Features().Span.Slice(start * train.FeatureCount, 36 * train.FeatureCount), 36, train.FeatureCount);
            var labels = train.Labels[start..(start + 36)];
            loss.Compute(engine.Forward(x), Labels.OneHot(labels, 36), gradient, Reduction.Sum);
            engine.Backward(gradient);
            foreach (var p in engine.Parameters)
            {
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(p.Gradient.Span, -0.02f, p.Value.Span, p.Value.Span);
            }

            using var scope = NewDisposeScope();
            sgd.zero_grad();
            nn.functional.cross_entropy(net.forward(ImageTensors.From(x)), tensor(labels.Select(l => (long)l).ToArray()), reduction: nn.Reduction.Sum).backward();
            sgd.step();
        }

        var (w1, _, w2, _) = Dense(engine);
        AssertClose(w1.Weight.Value, net.Hidden.weight!, transpose: true);
        AssertClose(w2.Weight.Value, net.Output.weight!, transpose: true);
        AssertClose(w2.Bias.Value, net.Output.bias!, transpose: false);
    }

    /// <summary>Own engine Dense weights are [inputs × units]; TorchSharp's Linear weights are [units × inputs].</summary>
    internal static void CopyWeights(Sequential engine, MlpNet net)
    {
        var (d1, _, d2, _) = Dense(engine);
        using var scope = NewDisposeScope();
        using (no_grad())
        {
            net.Hidden.weight!.copy_(ImageTensors.From(d1.Weight.Value).t());
            net.Hidden.bias!.copy_(ImageTensors.From(d1.Bias.Value));
            net.Output.weight!.copy_(ImageTensors.From(d2.Weight.Value).t());
            net.Output.bias!.copy_(ImageTensors.From(d2.Bias.Value));
        }
    }

    private static (Dense, Dense, Dense, Dense) Dense(Sequential engine)
    {
        var dense = engine.Layers.OfType<Dense>().ToList();
        Assert.Equal(2, dense.Count);
        Assert.IsType<Sigmoid>(engine.Layers[1]);
        return (dense[0], dense[0], dense[1], dense[1]);
    }

    private static ScrawlTensor Rows(ScrawlTensor features, int rows) =>
        ScrawlTensor.FromSpan(features.Span[..(rows * features.RowLength)], rows, features.RowLength);

    private void AssertClose(ScrawlTensor expected, Tensor actual, bool transpose)
    {
        using var t = transpose ? actual.t() : actual.alias();
        var got = ImageTensors.To(t);
        Assert.Equal(expected.Shape.ToArray(), got.Shape.ToArray());
        float scale = 1 + System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(expected.Span);
        float difference = expected.MaxAbsDifference(got);
        log.WriteLine($"[{expected.ShapeText}] max |Δ| {difference:E2}, max |value| {scale - 1:E2}");
        Assert.True(difference <= 1e-5f * scale, $"max |Δ| {difference} (scale {scale})");
    }
}
