using Scrawl.Numerics;

namespace Scrawl.NeuralNet.Losses;

/// <summary>How per-sample gradients are combined over a batch.</summary>
public enum Reduction
{
    /// <summary>Gradients are summed over the batch (the seed's choice: lr 0.02 assumes sums).</summary>
    Sum,

    /// <summary>Gradients are averaged over the batch (divided by the batch size).</summary>
    Mean,
}

/// <summary>A training objective on a network's output for a batch of targets.</summary>
public interface ILoss
{
    /// <summary>Short name, e.g. "softmax-cross-entropy" (used in model files and reports).</summary>
    string Kind { get; }

    /// <summary>
    /// Returns the loss summed over the batch (in double) and, when <paramref name="gradient"/> is
    /// given, writes dLoss/dOutput into it (resized to the output's shape), summed or averaged over
    /// the batch as <paramref name="reduction"/> says. Output and target have the same shape.
    /// </summary>
    double Compute(Tensor output, Tensor target, Tensor? gradient, Reduction reduction);

    /// <summary>The summed loss in double precision for a float64 output (rows × target row length, row-major).</summary>
    double ComputeFloat64(ReadOnlySpan<double> output, Tensor target);
}
