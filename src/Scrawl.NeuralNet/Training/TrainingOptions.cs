using Scrawl.NeuralNet.Losses;

namespace Scrawl.NeuralNet.Training;

/// <summary>Mini-batch training settings; the defaults are the seed's (batch 64, lr 0.02, summed gradients).</summary>
public sealed record TrainingOptions
{
    /// <summary>Passes over the training set (≥ 1).</summary>
    public int Epochs { get; init; } = 100;

    /// <summary>Samples per batch (≥ 1); the last batch of an epoch may be smaller.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Whether batch gradients are summed (the seed) or averaged.</summary>
    public Reduction Reduction { get; init; } = Reduction.Sum;

    /// <summary>Seed of the per-epoch shuffle (any value); the same seed gives the same batches.</summary>
    public long Seed { get; init; }

    /// <summary>Shuffle the training set every epoch (default true).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>
    /// Apply the optimizer's update inside the weight-gradient GEMM when the optimizer supports it
    /// (<see cref="Layers.IProductStep"/>; default true). Same result up to float rounding, faster.
    /// </summary>
    public bool FuseUpdates { get; init; } = true;

    /// <summary>
    /// Learning-rate schedule applied once per batch to the optimizer's base rate (the rate it had when
    /// training started); null or <see cref="LearningRateSchedule.Constant"/> keeps the rate fixed.
    /// </summary>
    public LearningRateSchedule? Schedule { get; init; }

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Epochs, 1, nameof(Epochs));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
    }
}
