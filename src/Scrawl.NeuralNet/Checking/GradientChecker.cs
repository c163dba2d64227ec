using Scrawl.NeuralNet.Layers;
using Scrawl.NeuralNet.Losses;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Checking;

/// <summary>
/// Compares analytic gradients (the float32 Backward) with central differences of the loss. The loss
/// is evaluated in float64 (<see cref="IFloat64Forward"/>, <see cref="ILoss.ComputeFloat64"/>) from the
/// float32 parameters, so the numerical side carries no float32 rounding noise and the bound can stay
/// tight: what is measured is the analytic gradient's own error. Each step is the one the float32
/// value actually took ((float)(w + h) − w, exact in double), and two rounds of Richardson
/// extrapolation on steps h, h/2, h/4 cancel the O(h²) and O(h⁴) truncation terms.
/// Keep ReLU inputs farther than h from 0 (a kink has no derivative).
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
        return Compare(targets, () => loss.ComputeFloat64(Forward64(network.Layers, x), target), options);
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
        return Compare(targets, () => Dot(Forward64([layer], x), projection.Span), options);
    }

    /// <summary>Runs the layers' float64 forward passes on <paramref name="x"/> (rows = samples).</summary>
    private static double[] Forward64(IReadOnlyList<ILayer> layers, Tensor x)
    {
        int rows = x.Rows;
        int features = x.RowLength;
        double[] current = Array.ConvertAll(x.Span.ToArray(), v => (double)v);
        foreach (var layer in layers)
        {
            if (layer is not IFloat64Forward reference)
            {
                throw new NotSupportedException($"The {layer.Kind} layer has no float64 forward pass (IFloat64Forward), so its gradients cannot be checked.");
            }

            int outFeatures = layer.OutputFeatures(features);
            var next = new double[rows * outFeatures];
            reference.ForwardFloat64(current, rows, features, next);
            current = next;
            features = outFeatures;
        }

        return current;
    }

    private static GradientCheckResult Compare(List<(string Name, Tensor Value, Tensor Analytic)> targets, Func<double> lossOf, GradientCheckOptions options)
    {
        var random = new SeededRandom(options.Seed + 1);
        var entries = new List<GradientCheckEntry>(targets.Count);
        foreach (var (name, value, analytic) in targets)
        {
            int[] picks = value.Length <= options.MaxEntriesPerTensor
                ? Enumerable.Range(0, value.Length).ToArray()
                : random.Permutation(value.Length)[..options.MaxEntriesPerTensor];
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

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<float> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }
}
