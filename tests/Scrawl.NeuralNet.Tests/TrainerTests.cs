using Scrawl.NeuralNet.Benchmarks;
using Scrawl.NeuralNet.Losses;
using Scrawl.NeuralNet.Optimizers;
using Scrawl.NeuralNet.Training;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Tests;

public class TrainerTests
{
    private static (Tensor X, Tensor Y, Tensor VX, Tensor VY) SmallData()
    {
        var (tx, ty, vx, vy) = SyntheticNist36.Generate(trainPerClass: 20, validPerClass: 10, seed: 5);
        return (tx, Labels.OneHot(ty, 36), vx, Labels.OneHot(vy, 36));
    }

    private static (IReadOnlyList<EpochMetrics> History, Sequential Net) Train(long seed, int epochs, IOptimizer? optimizer = null)
    {
        var (x, y, vx, vy) = SmallData();
        var net = Sequential.Mlp(1024, 32, 36, seed);
        var trainer = new Trainer(net, new SoftmaxCrossEntropy(), optimizer ?? new Sgd(0.02f), new TrainingOptions { Epochs = epochs, Seed = seed });
        return (trainer.Fit(x, y, vx, vy), net);
    }

    [Fact]
    public void Training_learns_the_synthetic_classes()
    {
        var (history, _) = Train(seed: 1, epochs: 40);
        Assert.True(history[^1].TrainLoss < history[0].TrainLoss / 2, $"{history[0].TrainLoss} → {history[^1].TrainLoss}");
        Assert.True(history[^1].TrainAccuracy > 0.9, $"train accuracy {history[^1].TrainAccuracy}");
        Assert.True(history[^1].ValidAccuracy > 0.3, $"valid accuracy {history[^1].ValidAccuracy}");
    }

    [Fact]
    public void The_same_seed_gives_bit_identical_weights()
    {
        var (h1, n1) = Train(seed: 3, epochs: 3);
        var (h2, n2) = Train(seed: 3, epochs: 3);
        var (_, n3) = Train(seed: 4, epochs: 3);
        Assert.Equal(h1.Select(m => m.TrainLoss), h2.Select(m => m.TrainLoss));
        for (int i = 0; i < n1.Parameters.Count; i++)
        {
            Assert.True(n1.Parameters[i].Value.Span.SequenceEqual(n2.Parameters[i].Value.Span));
        }

        Assert.False(n1.Parameters[0].Value.Span.SequenceEqual(n3.Parameters[0].Value.Span));
    }

    [Fact]
    public void Momentum_follows_the_seed_update_rule()
    {
        var net = Sequential.Mlp(4, 3, 2, seed: 1);
        var p = net.Parameters[0];
        var w0 = p.Value.Clone();
        var g = TestData.Uniform(2, -1f, 1f, 4, 3);
        g.CopyTo(p.Gradient);
        var momentum = new Momentum(0.1f, 0.9f);
        momentum.Step([p]);
        momentum.Step([p]);
        // M1 = −lr·g; W1 = W0 + M1; M2 = 0.9·M1 − lr·g; W2 = W1 + M2 = W0 − 2.9·lr·g.
        for (int i = 0; i < w0.Length; i++)
        {
            Assert.Equal(w0.Span[i] - (0.29f * g.Span[i]), p.Value.Span[i], 1e-6f);
        }
    }

    [Fact]
    public void Mean_reduction_scales_the_gradient_by_one_over_batch()
    {
        var output = TestData.Uniform(1, -2f, 2f, 8, 5);
        var target = TestData.OneHot(2, 8, 5);
        var sum = new Tensor(1, 1);
        var mean = new Tensor(1, 1);
        var loss = new SoftmaxCrossEntropy();
        double l1 = loss.Compute(output, target, sum, Reduction.Sum);
        double l2 = loss.Compute(output, target, mean, Reduction.Mean);
        Assert.Equal(l1, l2);
        for (int i = 0; i < sum.Length; i++)
        {
            Assert.Equal(sum.Span[i] / 8, mean.Span[i], 1e-7f);
        }
    }

    [Fact]
    public void Divergence_stops_the_run_naming_the_epoch()
    {
        var (x, y, _, _) = SmallData();
        var net = Sequential.Mlp(1024, 8, 36, seed: 1);
        net.Parameters[0].Value.Span[0] = float.NaN;
        var trainer = new Trainer(net, new SoftmaxCrossEntropy(), new Sgd(0.02f), new TrainingOptions { Epochs = 3 });
        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(x, y));
        Assert.Equal(1, e.Epoch);
        Assert.Contains("epoch 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mismatched_targets_are_rejected()
    {
        var net = Sequential.Mlp(4, 3, 2, seed: 1);
        var trainer = new Trainer(net, new SoftmaxCrossEntropy(), new Sgd(0.1f), new TrainingOptions { Epochs = 1 });
        var e = Assert.Throws<ArgumentException>(() => trainer.Fit(new Tensor(5, 4), new Tensor(4, 2)));
        Assert.Contains("[5, 2]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xavier_init_stays_within_its_bound_and_fills_it()
    {
        var net = Sequential.Mlp(1024, 64, 36, seed: 9);
        var w = net.Parameters[0].Value.Span;
        float a = MathF.Sqrt(6f / (1024 + 64));
        float max = 0;
        foreach (float v in w)
        {
            Assert.InRange(v, -a, a);
            max = MathF.Max(max, MathF.Abs(v));
        }

        Assert.True(max > 0.99f * a);
        Assert.All(net.Parameters[1].Value.Span.ToArray(), b => Assert.Equal(0f, b));
    }
}
