using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Scrawl.NeuralNet.Layers;

/// <summary>Hyperbolic tangent y = tanh(x); dy/dx = 1 − y².</summary>
public sealed class Tanh : Activation
{
    /// <inheritdoc/>
    public override string Kind => "tanh";

    /// <inheritdoc/>
    public override void Apply(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Tanh(x, y);

    /// <inheritdoc/>
    public override double ApplyFloat64(double x) => Math.Tanh(x);

    /// <inheritdoc/>
    protected override void Derivative(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        // dx = dy·(1 − y²) = dy − dy·y².
        TensorPrimitives.Multiply(y, y, dx);
        TensorPrimitives.Multiply(dx, dy, dx);
        TensorPrimitives.Subtract(dy, dx, dx);
    }
}
