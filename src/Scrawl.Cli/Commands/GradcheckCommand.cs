using System.CommandLine;
using System.Globalization;
using Scrawl.NeuralNet;
using Scrawl.NeuralNet.Checking;
using Scrawl.NeuralNet.Layers;
using Scrawl.NeuralNet.Losses;
using Scrawl.Numerics;

namespace Scrawl.Cli.Commands;

/// <summary><c>scrawl gradcheck</c>: numerical gradient check of every layer and loss.</summary>
internal static class GradcheckCommand
{
    public static Command Create(CliOutput io)
    {
        var tolerance = new Option<double>("--tolerance")
        {
            Description = "Bound on each tensor's relative gradient error ‖num − ana‖/(‖num‖ + ‖ana‖)",
            DefaultValueFactory = _ => new GradientCheckOptions().Tolerance,
        };
        var seed = new Option<long>("--seed") { Description = "Seed for the random inputs and weights", DefaultValueFactory = _ => 1 };
        var command = new Command("gradcheck", "Check every layer's and loss's gradients against central differences; exits 1 above the tolerance.")
        {
            tolerance, seed,
        };
        command.SetAction(r => Run(io, r.GetValue(tolerance), r.GetValue(seed)));
        return command;
    }

    private static int Run(CliOutput io, double tolerance, long seed)
    {
        if (!(tolerance > 0))
        {
            throw new CliException($"--tolerance must be > 0, got {tolerance}.");
        }

        var options = new GradientCheckOptions { Tolerance = tolerance, Seed = seed };
        var checks = Cases(seed).Select(c => (c.Name, Result: c.Run(options))).ToList();
        io.Out.WriteLine($"{"check",-34} {"tensor",-28} {"entries",7} {"rel-error",10} {"max-abs",10}");
        bool passed = true;
        double worst = 0;
        foreach (var (name, result) in checks)
        {
            foreach (var e in result.Entries)
            {
                string flag = e.RelativeError <= tolerance ? "" : "  FAIL";
                io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-34} {e.Name,-28} {e.EntriesChecked,7} {e.RelativeError,10:E2} {e.MaxAbsoluteError,10:E2}{flag}"));
            }

            passed &= result.Passed;
            worst = Math.Max(worst, result.WorstRelativeError);
        }

        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"worst relative error: {worst:E2} (tolerance {tolerance:E2})"));
        io.Out.WriteLine(passed ? "gradcheck: passed" : "gradcheck: FAILED");
        return passed ? ExitCodes.Ok : ExitCodes.CheckFailed;
    }

    private static IEnumerable<(string Name, Func<GradientCheckOptions, GradientCheckResult> Run)> Cases(long seed)
    {
        Tensor Inputs(int rows, int cols, long s)
        {
            // Magnitudes in [0.1, 2] with random signs keep ReLU away from its kink.
            var t = new Tensor(rows, cols);
            var random = new SeededRandom(s);
            var span = t.Span;
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = (float)random.Uniform(0.1, 2.0) * (random.NextDouble() < 0.5 ? -1 : 1);
            }

            return t;
        }

        yield return ("layer dense 7→5", o => GradientChecker.CheckLayer(new Dense(7, 5, new SeededRandom(seed)), Inputs(4, 7, seed + 1), o));
        yield return ("layer sigmoid", o => GradientChecker.CheckLayer(new Sigmoid(), Inputs(4, 6, seed + 2), o));
        yield return ("layer tanh", o => GradientChecker.CheckLayer(new Tanh(), Inputs(4, 6, seed + 3), o));
        yield return ("layer relu", o => GradientChecker.CheckLayer(new Relu(), Inputs(4, 6, seed + 4), o));
        yield return ("layer softmax", o => GradientChecker.CheckLayer(new Softmax(), Inputs(4, 6, seed + 5), o));
        var image = new ImageShape(2, 5, 6);
        yield return ("layer conv2d 3×3 stride 2 pad 1", o => GradientChecker.CheckLayer(new Conv2D(image, 3, 3, 2, 1, new SeededRandom(seed)), Inputs(2, image.Features, seed + 11), o));
        yield return ("layer maxpool2d 2×2", o => GradientChecker.CheckLayer(new MaxPool2D(image, 2), Distinct(2, image.Features, seed + 12), o));
        yield return ("layer global average pool", o => GradientChecker.CheckLayer(new GlobalAveragePool(image), Inputs(2, image.Features, seed + 13), o));
        yield return ("layer batchnorm2d (training)", o => GradientChecker.CheckLayer(new BatchNorm2D(image) { Training = true }, Inputs(3, image.Features, seed + 14), o));
        yield return ("mlp 12-8-5 + softmax cross-entropy", o =>
        {
            var x = Inputs(6, 12, seed + 6);
            var y = OneHot(6, 5, seed + 7);
            return GradientChecker.Check(Sequential.Mlp(12, 8, 5, seed), new SoftmaxCrossEntropy(), x, y, o);
        });
        yield return ("tanh/sigmoid net + squared error", o =>
        {
            var random = new SeededRandom(seed + 8);
            var net = new Sequential(8, new Dense(8, 6, random), new Tanh(), new Dense(6, 8, random), new Sigmoid());
            var target = new Tensor(5, 8);
            new SeededRandom(seed + 9).FillUniform(target.Span, 0f, 1f);
            return GradientChecker.Check(net, new SquaredError(), Inputs(5, 8, seed + 10), target, o);
        });
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

        return Scrawl.NeuralNet.Training.Labels.OneHot(labels, classes);
    }
}
