using Scrawl.NeuralNet.Layers;
using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Optimizers;

/// <summary>An optimizer with state that a checkpoint must keep (momentum velocities, Adam moments).</summary>
public interface IStatefulOptimizer
{
    /// <summary>The state as named tensors (copies) for the given parameters, in a fixed order.</summary>
    IReadOnlyList<(string Name, Tensor Value)> SaveState(IReadOnlyList<Parameter> parameters);

    /// <summary>Restores what <see cref="SaveState"/> returned for the same parameters; throws on a mismatch.</summary>
    void LoadState(IReadOnlyList<Parameter> parameters, IReadOnlyList<(string Name, Tensor Value)> state);
}
