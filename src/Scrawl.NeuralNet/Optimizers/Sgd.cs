using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Scrawl.NeuralNet.Layers;

namespace Scrawl.NeuralNet.Optimizers;

/// <summary>Plain stochastic gradient descent: W ← W − lr·g.</summary>
public sealed class Sgd : IOptimizer
{
    private float _learningRate;

    /// <summary>Creates the optimizer with a learning rate &gt; 0.</summary>
    public Sgd(float learningRate) => LearningRate = learningRate;

    /// <inheritdoc/>
    public string Kind => "sgd";

    /// <inheritdoc/>
    public float LearningRate
    {
        get => _learningRate;
        set => _learningRate = value > 0 && float.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The learning rate must be a finite number > 0.");
    }

    /// <inheritdoc/>
    public void Step(IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var p in parameters)
        {
            TensorPrimitives.MultiplyAdd(p.Gradient.Span, -_learningRate, p.Value.Span, p.Value.Span);
        }
    }
}
