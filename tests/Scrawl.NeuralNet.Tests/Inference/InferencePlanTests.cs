using Scrawl.NeuralNet.Inference;
using Scrawl.NeuralNet.Layers;
using Scrawl.NeuralNet.Serialization;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Tests.Inference;

/// <summary>The fused inference plan returns the same values as the layers one by one (<see cref="Sequential.Predict"/>).</summary>
public class InferencePlanTests
{
    /// <summary>Every fusion the plan makes: conv+BN+ReLU+pool, conv+ReLU without pool, a strided conv, a pool over odd sides, dense+sigmoid, dropout.</summary>
    private static Sequential Network(long seed)
    {
        var random = new SeededRandom(seed);
        var conv1 = new Conv2D(new ImageShape(1, 18, 18), 4, 3, 1, 1, random);
        var norm = new BatchNorm2D(conv1.Output);
        random.FillUniform(norm.RunningMean.Span, -0.5f, 0.5f);
        random.FillUniform(norm.RunningVariance.Span, 0.2f, 2f);
        random.FillUniform(norm.Gamma.Value.Span, -1.5f, 1.5f); // negative scales too
        random.FillUniform(norm.Beta.Value.Span, -0.3f, 0.3f);
        random.FillUniform(conv1.Bias.Value.Span, -0.2f, 0.2f);
        var pool1 = new MaxPool2D(conv1.Output, 2);                          // 4×9×9
        var conv2 = new Conv2D(pool1.Output, 6, 3, 1, 1, random);           // 6×9×9, ReLU, no pool
        var conv3 = new Conv2D(conv2.Output, 5, 3, 2, 1, random);           // 5×5×5
        var pool3 = new MaxPool2D(conv3.Output, 2);                          // 5×2×2 (odd side: last row and column dropped)
        var dense1 = new Dense(pool3.Output.Features, 12, random);
        var dense2 = new Dense(12, 7, random);
        var network = new Sequential(18 * 18, conv1, norm, new Relu(), pool1, conv2, new Relu(), conv3, pool3,
            dense1, new Sigmoid(), new Dropout(0.3, seed), dense2);
        network.SetTraining(false);
        return network;
    }

    private static void AssertSame(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.Shape.ToArray(), actual.Shape.ToArray());
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected.Span[i], actual.Span[i]); // exact
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(16)]
    [InlineData(37)]
    [InlineData(100)]
    public void Fused_plan_gives_the_layers_values_exactly(int rows)
    {
        var network = Network(seed: rows);
        var plan = InferencePlan.TryCreate(network);
        Assert.NotNull(plan);
        var x = new Tensor(rows, 18 * 18);
        new SeededRandom(7).FillUniform(x.Span, -1, 1);
        AssertSame(network.Predict(x), plan.Predict(x));
    }

    [Fact]
    public void Shipped_character_model_gives_the_same_probabilities()
    {
        var network = ModelFile.Load(ModelPath("charmodel.scrawl")).Network;
        network.SetTraining(false);
        var plan = InferencePlan.TryCreate(network);
        Assert.NotNull(plan);
        var x = new Tensor(300, 1024);
        new SeededRandom(3).FillUniform(x.Span, 0, 1);
        AssertSame(network.Predict(x), plan.Predict(x));
    }

    [Fact]
    public void Networks_with_other_layers_are_left_to_the_layers()
    {
        var random = new SeededRandom(1);
        var conv = new Conv2D(new ImageShape(1, 8, 8), 3, 3, 1, 1, random);
        var network = new Sequential(64, conv, new GlobalAveragePool(conv.Output), new Dense(3, 2, random));
        Assert.Null(InferencePlan.TryCreate(network));
        var plan = InferencePlan.TryCreate(new Sequential(4, new Dense(4, 2, random)))!;
        Assert.Throws<ArgumentException>(() => plan.Predict(new Tensor(3, 5)));
    }

    private static string ModelPath(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Scrawl.slnx")))
            {
                return Path.Combine(dir.FullName, "models", name);
            }
        }

        throw new DirectoryNotFoundException($"Scrawl.slnx not found above {AppContext.BaseDirectory}");
    }
}
