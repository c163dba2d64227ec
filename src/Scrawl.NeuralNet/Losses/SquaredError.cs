using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Losses;

/// <summary>Squared error L = Σ (o − t)² over all elements; dL/do = 2(o − t).</summary>
public sealed class SquaredError : ILoss
{
    /// <inheritdoc/>
    public string Kind => "squared-error";

    /// <inheritdoc/>
    public double ComputeFloat64(ReadOnlySpan<double> output, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var t = target.Span;
        double total = 0;
        for (int i = 0; i < t.Length; i++)
        {
            double d = output[i] - t[i];
            total += d * d;
        }

        return total;
    }

    /// <inheritdoc/>
    public double Compute(Tensor output, Tensor target, Tensor? gradient, Reduction reduction)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.EnsureSameShape(target, nameof(target));
        int rows = output.Rows;
        float scale = reduction == Reduction.Mean && rows > 0 ? 2f / rows : 2f;
        double total = 0;
        var o = output.Span;
        var t = target.Span;
        for (int i = 0; i < o.Length; i++)
        {
            double d = o[i] - t[i];
            total += d * d;
        }

        if (gradient is not null)
        {
            gradient.Resize(output.Shape.ToArray());
            TensorPrimitives.Subtract(o, t, gradient.Span);
            TensorPrimitives.Multiply(gradient.Span, scale, gradient.Span);
        }

        return total;
    }
}
