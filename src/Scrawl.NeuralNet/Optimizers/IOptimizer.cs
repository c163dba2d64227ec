using Scrawl.NeuralNet.Layers;

namespace Scrawl.NeuralNet.Optimizers;

/// <summary>Updates parameters from their gradients after each batch.</summary>
public interface IOptimizer
{
    /// <summary>Short name, e.g. "sgd" or "momentum".</summary>
    string Kind { get; }

    /// <summary>Learning rate (&gt; 0); may be changed between steps by a schedule.</summary>
    float LearningRate { get; set; }

    /// <summary>Applies one update to every parameter from its current gradient.</summary>
    void Step(IReadOnlyList<Parameter> parameters);
}
