using Scrawl.Data;
using Scrawl.NeuralNet;
using Scrawl.NeuralNet.Layers;
using Scrawl.NeuralNet.Training;
using Scrawl.Numerics;
using Scrawl.Reporting;

namespace Scrawl.Experiments.Training;

/// <summary>A classifier run's figures: learning curves, first-layer weights before and after training, a confusion matrix per split.</summary>
public static class RunFigures
{
    /// <summary>The weights [inputs × units] of the network's first layer when it is Dense, else null.</summary>
    public static Tensor? FirstLayerWeights(Sequential network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return network.Layers.Count > 0 && network.Layers[0] is Dense dense ? dense.Weight.Value : null;
    }

    /// <summary>
    /// Writes the run's figures into <paramref name="folder"/> (weight grids only for a 32×32 grey input and 64 hidden
    /// units) and sends their names and the most confused pairs to <paramref name="log"/>.
    /// </summary>
    public static void Write(string folder, DatasetSplits splits, Sequential network, Tensor? initialWeights, IReadOnlyList<EpochMetrics> history, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(splits);
        ArgumentNullException.ThrowIfNull(log);
        var written = new List<string>();
        void Save(string name, byte[] png)
        {
            string path = Path.Combine(folder, name);
            Figure.Save(path, png);
            written.Add(path);
        }

        Save("curves-loss.png", LearningCurves.Render(history, CurveMetric.Loss, "Loss per epoch: train vs valid"));
        Save("curves-accuracy.png", LearningCurves.Render(history, CurveMetric.Accuracy, "Accuracy per epoch: train vs valid"));
        var train = splits.Train;
        var finalWeights = FirstLayerWeights(network);
        if (train is { Height: 32, Width: 32, Channels: 1 } && finalWeights is { } w && w.Dim(1) == 64 && initialWeights is not null)
        {
            Save("weights-init.png", WeightGrid.Render(initialWeights, 32, 32, "First-layer weights at initialisation (64 hidden units, each tile min→black, max→white)"));
            Save("weights-final.png", WeightGrid.Render(w, 32, 32, $"First-layer weights after {history.Count} epochs (64 hidden units, each tile min→black, max→white)"));
        }
        else
        {
            log($"weights figures skipped: they need 32x32 grey input and 64 hidden units (this run: {train.Height}x{train.Width}x{train.Channels}, {finalWeights?.Dim(1) ?? 0} hidden)");
        }

        foreach (var (split, set) in splits.Parts())
        {
            var matrix = ConfusionMatrix.Compute(set.Labels, network.PredictClasses(set.Features()), train.ClassNames);
            Save($"confusion-{split}.png", ConfusionFigure.Render(matrix, $"Confusion matrix: {split}"));
            var pairs = matrix.MostConfusedPairs(5);
            if (pairs.Count > 0)
            {
                log($"most confused pairs ({split}): " + string.Join(", ", pairs.Select(p => $"{p.A}/{p.B} ({p.Count})")));
            }
        }

        log("figures: " + string.Join(", ", written.Select(Path.GetFileName)));
    }
}
