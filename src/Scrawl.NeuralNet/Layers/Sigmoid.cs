using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Scrawl.NeuralNet.Layers;

/// <summary>Logistic sigmoid σ(x) = 1 / (1 + e^−x); σ'(x) = σ(x)(1 − σ(x)).</summary>
public sealed class Sigmoid : Activation
{
    /// <inheritdoc/>
    public override string Kind => "sigmoid";

    /// <inheritdoc/>
    public override void Apply(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Sigmoid(x, y);

    /// <inheritdoc/>
    public override double ApplyFloat64(double x) => 1 / (1 + Math.Exp(-x));

    /// <inheritdoc/>
    protected override void Derivative(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        // dx = dy·y·(1 − y), computed as (y − y²)·dy without a scratch buffer.
        TensorPrimitives.Multiply(y, y, dx);
        TensorPrimitives.Subtract(y, dx, dx);
        TensorPrimitives.Multiply(dx, dy, dx);
    }
}
