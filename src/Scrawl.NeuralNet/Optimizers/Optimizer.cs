using Scrawl.NeuralNet.Layers;

namespace Scrawl.NeuralNet.Optimizers;

/// <summary>
/// Shared part of the optimizers: the validated learning rate and the step loop, which skips
/// parameters whose update was already applied inside backprop (see <see cref="IProductStep"/>).
/// </summary>
public abstract class Optimizer : IOptimizer
{
    private float _learningRate;

    /// <summary>Sets the initial learning rate (finite, &gt; 0).</summary>
    protected Optimizer(float learningRate) => LearningRate = learningRate;

    /// <inheritdoc/>
    public abstract string Kind { get; }

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

            Update(p);
        }
    }

    /// <summary>Applies one update to <paramref name="parameter"/> from its stored gradient.</summary>
    protected abstract void Update(Parameter parameter);
}
