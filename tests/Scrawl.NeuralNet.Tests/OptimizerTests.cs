using Scrawl.NeuralNet.Benchmarks;
using Scrawl.NeuralNet.Losses;
using Scrawl.NeuralNet.Optimizers;
using Scrawl.NeuralNet.Training;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Tests;

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
