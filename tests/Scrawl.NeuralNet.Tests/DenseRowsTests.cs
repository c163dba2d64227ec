using Scrawl.NeuralNet.Benchmarks;
using Scrawl.NeuralNet.Layers;
using Scrawl.NeuralNet.Losses;
using Scrawl.NeuralNet.Optimizers;
using Scrawl.NeuralNet.Training;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Tests;

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
