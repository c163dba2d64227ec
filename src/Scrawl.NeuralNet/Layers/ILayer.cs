using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Layers;

/// <summary>
/// One differentiable stage of a network. A layer owns its output and input-gradient buffers and
/// reuses them across batches (no per-batch allocation); a returned tensor stays valid until the
/// layer's next call. Inputs are rank-2, one sample per row.
/// </summary>
public interface ILayer
{
    /// <summary>Short name of the layer kind, e.g. "dense" or "sigmoid" (used in model files).</summary>
    string Kind { get; }

    /// <summary>The trainable parameters (empty for activations).</summary>
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Number of output features for <paramref name="inputFeatures"/> input features (≥ 1).</summary>
    int OutputFeatures(int inputFeatures);

    /// <summary>
    /// Computes the layer's output for a batch (rows = samples) and remembers what Backward needs.
    /// The layer keeps a reference to <paramref name="input"/> (no copy): leave it unchanged until Backward.
    /// </summary>
    Tensor Forward(Tensor input);

    /// <summary>
    /// Given dLoss/dOutput for the batch of the last Forward, sets each parameter's gradient
    /// (overwriting it) and returns dLoss/dInput, or null when <paramref name="needInputGradient"/> is false.
    /// </summary>
    Tensor? Backward(Tensor outputGradient, bool needInputGradient);
}
