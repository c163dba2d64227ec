using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Scrawl.NeuralNet.Layers;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Optimizers;

/// <summary>Plain stochastic gradient descent: W ← W − lr·g.</summary>
public sealed class Sgd : IOptimizer, IProductStep
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
            if (p.StepApplied)
            {
                p.StepApplied = false;
                continue;
            }

            TensorPrimitives.MultiplyAdd(p.Gradient.Span, -_learningRate, p.Value.Span, p.Value.Span);
        }
    }

    /// <inheritdoc/>
    public void StepWithProduct(Parameter parameter, Tensor a, Tensor b, bool transposeA, bool transposeB)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        Gemm.MatMul(a, b, parameter.Value, transposeA, transposeB, alpha: -_learningRate, beta: 1f);
    }
}
