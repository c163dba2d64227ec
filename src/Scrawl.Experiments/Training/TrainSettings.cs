using Scrawl.NeuralNet.Training;

namespace Scrawl.Experiments.Training;

/// <summary>The settings of a <c>train</c> run; a checkpoint is only resumed with the same ones (epochs may grow).</summary>
/// <param name="Data">Catalog name or path of the data.</param>
/// <param name="Hidden">Hidden units (≥ 1).</param>
/// <param name="Epochs">Epochs (≥ 1).</param>
/// <param name="LearningRate">Learning rate (&gt; 0).</param>
/// <param name="Batch">Batch size (≥ 1).</param>
/// <param name="Momentum">Momentum μ in [0, 1) (0: plain SGD).</param>
/// <param name="Mean">Average batch gradients instead of summing them.</param>
/// <param name="Seed">Seed for data, weights and shuffling.</param>
public sealed record TrainSettings(string Data, int Hidden, int Epochs, float LearningRate, int Batch, float Momentum, bool Mean, long Seed)
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the options unless every value is in range.</summary>
    public void Validate()
    {
        if (Hidden < 1 || Epochs < 1 || Batch < 1 || !(LearningRate > 0) || Momentum is < 0 or >= 1)
        {
            throw new ArgumentException("--hidden, --epochs and --batch must be ≥ 1, --lr > 0 and --momentum in [0, 1).");
        }
    }
}

/// <summary>What a run left: its history (every finished epoch) and, when the loss stopped being finite, why it stopped.</summary>
/// <param name="History">Every finished epoch, in order.</param>
/// <param name="Diverged">Why the run stopped early, or null when it finished.</param>
public sealed record TrainOutcome(IReadOnlyList<EpochMetrics> History, TrainingDivergedException? Diverged);
