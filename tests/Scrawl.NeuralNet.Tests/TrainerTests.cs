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

public class FusedUpdateTests
{
    private static Sequential TrainOnce(bool fuse, Func<IOptimizer> optimizer)
    {
        var (tx, ty, _, _) = SyntheticNist36.Generate(trainPerClass: 10, validPerClass: 1, seed: 8);
        var net = Sequential.Mlp(1024, 16, 36, seed: 2);
        var options = new TrainingOptions { Epochs = 3, Seed = 5, FuseUpdates = fuse };
        new Trainer(net, new SoftmaxCrossEntropy(), optimizer(), options).Fit(tx, Labels.OneHot(ty, 36));
        return net;
    }

    public static TheoryData<string> Optimizers => ["sgd", "momentum"];

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Fused_and_unfused_updates_train_the_same_network(string kind)
    {
        Func<IOptimizer> make = kind == "sgd" ? () => new Sgd(0.01f) : () => new Momentum(0.005f, 0.9f);
        var fused = TrainOnce(true, make);
        var plain = TrainOnce(false, make);
        for (int i = 0; i < fused.Parameters.Count; i++)
        {
            // Only float rounding differs (alpha applied inside vs after the GEMM).
            float diff = fused.Parameters[i].Value.MaxAbsDifference(plain.Parameters[i].Value);
            Assert.True(diff < 1e-4f, $"parameter {i}: max diff {diff}");
            Assert.False(fused.Parameters[i].StepApplied);
            Assert.Null(fused.Parameters[i].FusedStep);
        }

        Assert.False(fused.Parameters[0].Value.Span.SequenceEqual(Sequential.Mlp(1024, 16, 36, seed: 2).Parameters[0].Value.Span));
    }
}

public class AdamTests
{
    [Fact]
    public void Adam_matches_the_textbook_update_for_three_steps()
    {
        var p = new Scrawl.NeuralNet.Layers.Parameter("w", Tensor.FromArray([0.5f, -1f, 2f], 3));
        var adam = new Adam(0.1f, 0.9f, 0.999f, 1e-8f);
        double[] w = [0.5, -1, 2], m = new double[3], v = new double[3];
        float[][] grads = [[0.2f, -0.4f, 1f], [0.1f, 0.3f, -2f], [-0.5f, 0.0f, 0.7f]];
        for (int t = 1; t <= 3; t++)
        {
            grads[t - 1].CopyTo(p.Gradient.Span);
            adam.Step([p]);
            for (int i = 0; i < 3; i++)
            {
                double g = grads[t - 1][i];
                m[i] = (0.9 * m[i]) + (0.1 * g);
                v[i] = (0.999 * v[i]) + (0.001 * g * g);
                double mHat = m[i] / (1 - Math.Pow(0.9, t));
                double vHat = v[i] / (1 - Math.Pow(0.999, t));
                w[i] -= 0.1 * mHat / (Math.Sqrt(vHat) + 1e-8);
                Assert.Equal(w[i], p.Value.Span[i], 1e-5);
            }
        }

        Assert.Equal(3, adam.Steps);
    }

    [Fact]
    public void Adam_trains_a_network()
    {
        var (tx, ty, _, _) = SyntheticNist36.Generate(trainPerClass: 10, validPerClass: 1, seed: 8);
        var net = Sequential.Mlp(1024, 16, 36, seed: 2);
        var history = new Trainer(net, new SoftmaxCrossEntropy(), new Adam(1e-2f), new TrainingOptions { Epochs = 20, Reduction = Reduction.Mean, Seed = 1 })
            .Fit(tx, Labels.OneHot(ty, 36));
        Assert.True(history[^1].TrainLoss < 0.9 * history[0].TrainLoss, $"{history[0].TrainLoss} → {history[^1].TrainLoss}");
    }
}

public class DenseRowsTests
{
    public static TheoryData<string> Steps => ["none", "sgd", "momentum", "adam"];

    [Theory]
    [MemberData(nameof(Steps))]
    public void Row_selected_forward_and_backward_equal_the_gathered_batch(string step)
    {
        var source = TestData.Uniform(1, 0f, 1f, 20, 6);
        int[] rows = [3, 17, 3, 0, 9];
        var gathered = new Tensor(rows.Length, 6);
        RowGather.Gather(source, rows, gathered);
        var a = new Scrawl.NeuralNet.Layers.Dense(6, 4, new SeededRandom(2));
        var b = new Scrawl.NeuralNet.Layers.Dense(6, 4, new SeededRandom(2));
        IOptimizer? Make() => step switch { "sgd" => new Sgd(0.1f), "momentum" => new Momentum(0.1f), "adam" => new Adam(0.1f), _ => null };
        var optA = Make();
        var optB = Make();
        foreach (var (layer, opt) in new[] { (a, optA), (b, optB) })
        {
            foreach (var p in layer.Parameters)
            {
                p.FusedStep = opt as IProductStep;
            }
        }

        var ya = a.ForwardRows(source, rows).Clone();
        var yb = b.Forward(gathered).Clone();
        Assert.True(ya.Span.SequenceEqual(yb.Span));
        var dy = TestData.Uniform(3, -1f, 1f, rows.Length, 4);
        a.Backward(dy, needInputGradient: false);
        b.Backward(dy, needInputGradient: false);
        optA?.Step(a.Parameters);
        optB?.Step(b.Parameters);
        Assert.True(a.Weight.Value.Span.SequenceEqual(b.Weight.Value.Span), "weights differ after the step");
        Assert.True(a.Weight.Gradient.Span.SequenceEqual(b.Weight.Gradient.Span));
        Assert.True(a.Bias.Value.Span.SequenceEqual(b.Bias.Value.Span));
    }
}

public class TrainingModeTests
{
    [Fact]
    public void Dropout_is_active_while_training_and_off_for_validation_and_after()
    {
        var random = new SeededRandom(1);
        var dropout = new Scrawl.NeuralNet.Layers.Dropout(0.5, seed: 3);
        var net = new Sequential(8, new Scrawl.NeuralNet.Layers.Dense(8, 6, random), dropout, new Scrawl.NeuralNet.Layers.Dense(6, 3, random));
        var x = TestData.Uniform(2, 0f, 1f, 12, 8);
        var y = TestData.OneHot(3, 12, 3);
        bool sawTraining = false;
        var trainer = new Trainer(net, new SoftmaxCrossEntropy(), new Sgd(0.01f), new TrainingOptions { Epochs = 2, BatchSize = 4 });
        var history = trainer.Fit(x, y, x, y, _ => sawTraining |= dropout.Training);
        Assert.False(dropout.Training); // off after Fit, and Evaluate ran in inference mode
        Assert.False(sawTraining);      // the callback runs after validation, in inference mode
        var again = trainer.Evaluate(x, y);
        Assert.Equal(history[^1].ValidLoss, again.Loss, 1e-9); // inference is deterministic
    }
}
