using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Scrawl.NeuralNet.Layers;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Optimizers;

/// <summary>
/// SGD with momentum in the seed's form: M ← μ·M − lr·g; W ← W + M (velocity starts at zero).
/// </summary>
public sealed class Momentum : IOptimizer, IProductStep
{
    private readonly Dictionary<Parameter, Tensor> _velocity = [];
    private float _learningRate;

    /// <summary>Creates the optimizer with a learning rate &gt; 0 and a momentum in [0, 1).</summary>
    public Momentum(float learningRate, float momentum = 0.9f)
    {
        LearningRate = learningRate;
        if (momentum is < 0 or >= 1 || !float.IsFinite(momentum))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Momentum must be in [0, 1).");
        }

        Mu = momentum;
    }

    /// <inheritdoc/>
    public string Kind => "momentum";

    /// <summary>The momentum coefficient μ in [0, 1).</summary>
    public float Mu { get; }

    /// <inheritdoc/>
    public float LearningRate
    {
        get => _learningRate;
        set => _learningRate = value > 0 && float.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The learning rate must be a finite number > 0.");
    }

    /// <summary>The velocity of a parameter (created as zeros on first use); exposed for checkpoints.</summary>
    public Tensor Velocity(Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (!_velocity.TryGetValue(parameter, out var v))
        {
            v = new Tensor(parameter.Value.Shape.ToArray());
            _velocity[parameter] = v;
        }

        return v;
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

            var v = Velocity(p).Span;
            TensorPrimitives.Multiply(v, Mu, v);
            TensorPrimitives.MultiplyAdd(p.Gradient.Span, -_learningRate, v, v);
            TensorPrimitives.Add(p.Value.Span, v, p.Value.Span);
        }
    }

    /// <inheritdoc/>
    public void StepWithProduct(Parameter parameter, Tensor a, Tensor b, bool transposeA, bool transposeB)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        var v = Velocity(parameter);
        Gemm.MatMul(a, b, v, transposeA, transposeB, alpha: -_learningRate, beta: Mu);
        TensorPrimitives.Add(parameter.Value.Span, v.Span, parameter.Value.Span);
    }
}
