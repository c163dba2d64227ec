using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Layers;

/// <summary>A trainable tensor and the gradient of the loss with respect to it (same shape).</summary>
public sealed class Parameter
{
    /// <summary>Creates a parameter around <paramref name="value"/> with a zero gradient of the same shape.</summary>
    public Parameter(string name, Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Name = name;
        Value = value;
        Gradient = new Tensor(value.Shape.ToArray());
    }

    /// <summary>The parameter's name within its layer, e.g. "weight" or "bias".</summary>
    public string Name { get; }

    /// <summary>The current values.</summary>
    public Tensor Value { get; }

    /// <summary>dLoss/dValue from the last backward pass.</summary>
    public Tensor Gradient { get; }
}
