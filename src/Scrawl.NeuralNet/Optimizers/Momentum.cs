using Scrawl.NeuralNet.Layers;
using Scrawl.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Scrawl.NeuralNet.Optimizers;

/// <summary>
/// SGD with momentum in the seed's form: M ← μ·M − lr·g; W ← W + M (velocity starts at zero).
/// </summary>
public sealed class Momentum : Optimizer, IProductStep, IStatefulOptimizer
{
    private readonly Dictionary<Parameter, Tensor> _velocity = [];

    /// <summary>Creates the optimizer with a learning rate &gt; 0 and a momentum in [0, 1).</summary>
    public Momentum(float learningRate, float momentum = 0.9f)
        : base(learningRate)
    {
        if (momentum is < 0 or >= 1 || !float.IsFinite(momentum))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Momentum must be in [0, 1).");
        }

        Mu = momentum;
    }

    /// <inheritdoc/>
    public override string Kind => "momentum";

    /// <summary>The momentum coefficient μ in [0, 1).</summary>
    public float Mu { get; }

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
    public void StepWithProduct(Parameter parameter, Tensor a, Tensor b, bool transposeA, bool transposeB, ArraySegment<int>? aRows = null)
    {
        var v = Velocity(parameter);
        Parameter.Product(a, b, v, transposeA, transposeB, aRows, alpha: -LearningRate, beta: Mu);
        TensorPrimitives.Add(parameter.Value.Span, v.Span, parameter.Value.Span);
    }

    /// <inheritdoc/>
    protected override void Update(Parameter parameter)
    {
        var v = Velocity(parameter).Span;
        TensorPrimitives.Multiply(v, Mu, v);
        TensorPrimitives.MultiplyAdd(parameter.Gradient.Span, -LearningRate, v, v);
        TensorPrimitives.Add(parameter.Value.Span, v, parameter.Value.Span);
    }

    /// <inheritdoc/>
    public IReadOnlyList<(string Name, Tensor Value)> SaveState(IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return [.. parameters.Select((p, i) => ($"velocity.{i}", Velocity(p).Clone()))];
    }

    /// <inheritdoc/>
    public void LoadState(IReadOnlyList<Parameter> parameters, IReadOnlyList<(string Name, Tensor Value)> state)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(state);
        if (state.Count != parameters.Count)
        {
            throw new ArgumentException($"The momentum state has {state.Count} tensors for {parameters.Count} parameters.", nameof(state));
        }

        for (int i = 0; i < parameters.Count; i++)
        {
            var v = Velocity(parameters[i]);
            v.EnsureSameShape(state[i].Value, nameof(state));
            state[i].Value.CopyTo(v);
        }
    }
}
