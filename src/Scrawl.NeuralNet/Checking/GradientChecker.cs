using Scrawl.NeuralNet.Layers;
using Scrawl.NeuralNet.Losses;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Checking;

/// <summary>
/// Compares analytic gradients (Backward) with central differences of the loss. Float32 rounding
/// is kept out of the estimate three ways: the loss is summed in double; each step is the one the
/// float32 weight actually took ((float)(w + h) − w); and Richardson extrapolation
/// on steps h, h/2, h/4 cancels the O(h²) and O(h⁴) truncation errors, so a step large enough to swamp
/// rounding noise (h = 1/16) still gives an accurate estimate. Keep ReLU inputs farther than h from 0.
/// </summary>
public static class GradientChecker
{
    /// <summary>Checks every parameter of <paramref name="network"/> and its input gradient under <paramref name="loss"/>.</summary>
    public static GradientCheckResult Check(Sequential network, ILoss loss, Tensor input, Tensor target, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(loss);
        options ??= new GradientCheckOptions();
        var x = input.Clone();
        var gradient = new Tensor(1, 1);
        loss.Compute(network.Forward(x), target, gradient, Reduction.Sum);
        var inputGradient = network.Backward(gradient, needInputGradient: true)!.Clone();
        var targets = new List<(string, Tensor, Tensor)>();
        for (int i = 0; i < network.Layers.Count; i++)
        {
            foreach (var p in network.Layers[i].Parameters)
            {
                targets.Add(($"layer {i} ({network.Layers[i].Kind}).{p.Name}", p.Value, p.Gradient.Clone()));
            }
        }

        targets.Add(("input", x, inputGradient));
        return Compare(targets, () => loss.Compute(network.Forward(x), target, null, Reduction.Sum), options);
    }

    /// <summary>
    /// Checks one layer alone under the loss L = Σ R ⊙ layer(x), with R a fixed random matrix, so
    /// dL/dOutput = R exercises every output; checks parameters and the input gradient.
    /// </summary>
    public static GradientCheckResult CheckLayer(ILayer layer, Tensor input, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(layer);
        options ??= new GradientCheckOptions();
        var x = input.Clone();
        var output = layer.Forward(x);
        var projection = new Tensor(output.Shape.ToArray());
        new SeededRandom(options.Seed).FillUniform(projection.Span, -1f, 1f);
        var inputGradient = layer.Backward(projection, needInputGradient: true)!.Clone();
        var targets = layer.Parameters.Select(p => ($"{layer.Kind}.{p.Name}", p.Value, p.Gradient.Clone())).ToList();
        targets.Add(("input", x, inputGradient));
        return Compare(targets, () => Dot(layer.Forward(x), projection), options);
    }

    private static GradientCheckResult Compare(List<(string Name, Tensor Value, Tensor Analytic)> targets, Func<double> lossOf, GradientCheckOptions options)
    {
        var random = new SeededRandom(options.Seed + 1);
        var entries = new List<GradientCheckEntry>(targets.Count);
        foreach (var (name, value, analytic) in targets)
        {
            int[] picks = Pick(value.Length, options.MaxEntriesPerTensor, random);
            double diffSq = 0, numSq = 0, anaSq = 0, maxAbs = 0;
            foreach (int i in picks)
            {
                double numerical = Derivative(value.Span, i, lossOf, options.Step);
                double a = analytic.Span[i];
                double d = numerical - a;
                diffSq += d * d;
                numSq += numerical * numerical;
                anaSq += a * a;
                maxAbs = Math.Max(maxAbs, Math.Abs(d));
            }

            double denominator = Math.Sqrt(numSq) + Math.Sqrt(anaSq);
            double relative = denominator == 0 ? Math.Sqrt(diffSq) : Math.Sqrt(diffSq) / denominator;
            entries.Add(new GradientCheckEntry(name, picks.Length, double.IsFinite(relative) ? relative : double.PositiveInfinity, maxAbs));
        }

        return new GradientCheckResult(entries, options.Tolerance);
    }

    private static double Derivative(Span<float> values, int index, Func<double> lossOf, double h)
    {
        // Two rounds of Richardson extrapolation on steps h, h/2, h/4: the O(h²) term cancels in
        // the first round, the O(h⁴) term in the second, leaving O(h⁶).
        double d1 = Central(values, index, lossOf, h);
        double d2 = Central(values, index, lossOf, h / 2);
        double d4 = Central(values, index, lossOf, h / 4);
        double r12 = ((4 * d2) - d1) / 3;
        double r24 = ((4 * d4) - d2) / 3;
        return ((16 * r24) - r12) / 15;
    }

    private static double Central(Span<float> values, int index, Func<double> lossOf, double h)
    {
        float original = values[index];
        float up = (float)(original + h);
        float down = (float)(original - h);
        values[index] = up;
        double lossUp = lossOf();
        values[index] = down;
        double lossDown = lossOf();
        values[index] = original;
        return (lossUp - lossDown) / ((double)up - down);
    }

    private static int[] Pick(int length, int max, SeededRandom random)
    {
        if (length <= max)
        {
            return Enumerable.Range(0, length).ToArray();
        }

        var all = random.Permutation(length);
        return all[..max];
    }

    private static double Dot(Tensor a, Tensor b)
    {
        double s = 0;
        var x = a.Span;
        var y = b.Span;
        for (int i = 0; i < x.Length; i++)
        {
            s += (double)x[i] * y[i];
        }

        return s;
    }
}
