namespace Scrawl.NeuralNet.Layers;

/// <summary>Rectified linear unit y = max(0, x); dy/dx = 1 for x &gt; 0, else 0 (0 at the kink).</summary>
public sealed class Relu : Activation
{
    /// <inheritdoc/>
    public override string Kind => "relu";

    /// <inheritdoc/>
    public override void Apply(ReadOnlySpan<float> x, Span<float> y) => System.Numerics.Tensors.TensorPrimitives.Max(x, 0f, y);

    /// <inheritdoc/>
    public override double ApplyFloat64(double x) => Math.Max(0, x);

    /// <inheritdoc/>
    protected override void Derivative(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx) =>
        Scrawl.Numerics.ReluGradient.Compute(x, dy, dx);
}
