namespace Scrawl.NeuralNet.Layers;

/// <summary>
/// Implemented by layers that behave differently while training than at inference (<see cref="Dropout"/>,
/// <see cref="BatchNorm2D"/>). Layers without it behave the same in both. Such layers start in inference
/// mode (<see cref="Training"/> = false), so a loaded model predicts deterministically; whoever trains
/// switches them on for the training batches and off again for evaluation, e.g. with
/// <see cref="TrainingModeExtensions.SetTraining"/>.
/// </summary>
public interface ITrainingMode
{
    /// <summary>True while training (random masks, batch statistics); false for inference (the default).</summary>
    bool Training { get; set; }
}

/// <summary>Switching every <see cref="ITrainingMode"/> layer of a network at once.</summary>
public static class TrainingModeExtensions
{
    /// <summary>Sets <see cref="ITrainingMode.Training"/> on every layer of <paramref name="network"/> that has one; returns how many.</summary>
    public static int SetTraining(this Sequential network, bool training)
    {
        ArgumentNullException.ThrowIfNull(network);
        int count = 0;
        foreach (var layer in network.Layers)
        {
            if (layer is ITrainingMode mode)
            {
                mode.Training = training;
                count++;
            }
        }

        return count;
    }
}
