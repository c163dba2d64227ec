using Scrawl.Deep.Training;
using static TorchSharp.torch;

namespace Scrawl.Deep.Tests;

/// <summary>The fitted class-prior correction: it undoes a known prior shift and lands in the output layer's bias.</summary>
public sealed class OutputBiasTests
{
    [Fact]
    public void Fit_undoes_a_constant_shift_of_the_logits()
    {
        using var testScope = NewDisposeScope(); // no tensor left to the finalizer (TorchRuntime's remarks)
        // Logits that are right up to a per-class shift (class 0 pushed up by 2, class 2 down by 1): the fitted bias takes the shift back.
        var random = new Numerics.SeededRandom(3);
        int n = 600, c = 3;
        var values = new float[n * c];
        var labels = new long[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % c;
            for (int k = 0; k < c; k++)
            {
                values[(i * c) + k] = (k == labels[i] ? 2f : 0f) + (float)random.NextNormal() + (k == 0 ? 2f : k == 2 ? -1f : 0f);
            }
        }

        using var logits = tensor(values, [n, c]);
        using var target = tensor(labels);
        float[] bias = OutputBias.Fit(logits, target);
        Assert.Equal(0, bias.Sum(), 1e-4); // centred
        Assert.InRange(bias[0] - bias[1], -2.5, -1.5);
        Assert.InRange(bias[2] - bias[1], 0.5, 1.5);
        using var before = nn.functional.cross_entropy(logits, target);
        using var shift = tensor(bias);
        using var after = nn.functional.cross_entropy(logits.add(shift), target);
        Assert.True(after.item<float>() < before.item<float>());
    }

    [Fact]
    public void AddToOutput_moves_the_logits_by_the_bias()
    {
        using var testScope = NewDisposeScope(); // no tensor left to the finalizer (TorchRuntime's remarks)
        TorchRuntime.Seed(1);
        using var model = Models.ModelFactory.Create("mlp", 1, 4, 4, 3, 8);
        using var x = randn(5, 1, 4, 4);
        using var before = OutputBias.Logits(model, CPU, x);
        OutputBias.AddToOutput(model, [0.5f, -1f, 0.25f]);
        using var after = OutputBias.Logits(model, CPU, x);
        float[] delta = after.sub(before).data<float>().ToArray();
        for (int i = 0; i < delta.Length; i++)
        {
            Assert.Equal(new[] { 0.5f, -1f, 0.25f }[i % 3], delta[i], 1e-5);
        }

        Assert.Throws<ArgumentException>(() => OutputBias.AddToOutput(model, [1f, 2f]));
    }
}
