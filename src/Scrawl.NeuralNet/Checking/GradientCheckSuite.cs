using Scrawl.NeuralNet.Layers;
using Scrawl.NeuralNet.Losses;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Checking;

/// <summary>One named gradient check of the suite: run it with the options to get its result.</summary>
/// <param name="Name">What is checked, e.g. "layer dense 7→5".</param>
/// <param name="Run">Runs the check with the given options.</param>
public sealed record GradientCheckCase(string Name, Func<GradientCheckOptions, GradientCheckResult> Run);

/// <summary>The gradient checks of every layer and loss (what <c>scrawl gradcheck</c> runs), with seeded inputs and weights.</summary>
public static class GradientCheckSuite
{
    /// <summary>Every layer and loss check, in a fixed order; <paramref name="seed"/> draws the inputs and weights.</summary>
    public static IEnumerable<GradientCheckCase> Cases(long seed)
    {
        yield return new("layer dense 7→5", o => GradientChecker.CheckLayer(new Dense(7, 5, new SeededRandom(seed)), Inputs(4, 7, seed + 1), o));
        yield return new("layer sigmoid", o => GradientChecker.CheckLayer(new Sigmoid(), Inputs(4, 6, seed + 2), o));
        yield return new("layer tanh", o => GradientChecker.CheckLayer(new Tanh(), Inputs(4, 6, seed + 3), o));
        yield return new("layer relu", o => GradientChecker.CheckLayer(new Relu(), Inputs(4, 6, seed + 4), o));
        yield return new("layer softmax", o => GradientChecker.CheckLayer(new Softmax(), Inputs(4, 6, seed + 5), o));
        var image = new ImageShape(2, 5, 6);
        yield return new("layer conv2d 3×3 stride 2 pad 1", o => GradientChecker.CheckLayer(new Conv2D(image, 3, 3, 2, 1, new SeededRandom(seed)), Inputs(2, image.Features, seed + 11), o));
        yield return new("layer maxpool2d 2×2", o => GradientChecker.CheckLayer(new MaxPool2D(image, 2), Distinct(2, image.Features, seed + 12), o));
        yield return new("layer global average pool", o => GradientChecker.CheckLayer(new GlobalAveragePool(image), Inputs(2, image.Features, seed + 13), o));
        yield return new("layer batchnorm2d (training)", o => GradientChecker.CheckLayer(new BatchNorm2D(image) { Training = true }, Inputs(3, image.Features, seed + 14), o));
        yield return new("mlp 12-8-5 + softmax cross-entropy", o =>
        {
            var x = Inputs(6, 12, seed + 6);
            var y = OneHot(6, 5, seed + 7);
            return GradientChecker.Check(Sequential.Mlp(12, 8, 5, seed), new SoftmaxCrossEntropy(), x, y, o);
        });
        yield return new("tanh/sigmoid net + squared error", o =>
        {
            var random = new SeededRandom(seed + 8);
            var net = new Sequential(8, new Dense(8, 6, random), new Tanh(), new Dense(6, 8, random), new Sigmoid());
            var target = new Tensor(5, 8);
            new SeededRandom(seed + 9).FillUniform(target.Span, 0f, 1f);
            return GradientChecker.Check(net, new SquaredError(), Inputs(5, 8, seed + 10), target, o);
        });
    }

    /// <summary>Magnitudes in [0.1, 2] with random signs: keeps ReLU away from its kink.</summary>
    private static Tensor Inputs(int rows, int cols, long seed)
    {
        var t = new Tensor(rows, cols);
        var random = new SeededRandom(seed);
        var span = t.Span;
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = (float)random.Uniform(0.1, 2.0) * (random.NextDouble() < 0.5 ? -1 : 1);
        }

        return t;
    }

    /// <summary>Distinct values 1/8 apart in a seeded order, so max-pooling winners never tie or swap under the checker's steps.</summary>
    private static Tensor Distinct(int rows, int cols, long seed)
    {
        var order = new SeededRandom(seed).Permutation(rows * cols);
        return Tensor.FromArray([.. order.Select(i => i / 8f)], rows, cols);
    }

    private static Tensor OneHot(int rows, int classes, long seed)
    {
        var random = new SeededRandom(seed);
        var labels = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            labels[i] = random.NextInt(classes);
        }

        return Training.Labels.OneHot(labels, classes);
    }
}
