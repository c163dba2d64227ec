using System.Globalization;
using System.Text;
using System.Text.Json;
using Scrawl.Data;
using Scrawl.NeuralNet;
using Scrawl.NeuralNet.Layers;
using Scrawl.NeuralNet.Optimizers;
using Scrawl.NeuralNet.Training;
using Scrawl.Numerics;
using Scrawl.Reporting;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Scrawl.Cli.Commands;

/// <summary>The files of a training run: resuming from its checkpoint, writing its history and its figures.</summary>
internal static class RunFiles
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Loads the checkpoint into the fresh network, optimizer and trainer; returns the history so far.</summary>
    public static IReadOnlyList<EpochMetrics> Resume(string path, TrainCommand.RunSettings settings, Sequential network, IOptimizer optimizer, Trainer trainer)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"{path}: no checkpoint to resume from (start the run without --resume).");
        }

        var checkpoint = Checkpoint.Load(path);
        var saved = checkpoint.Model.Metadata.TryGetValue("run", out string? json)
            ? JsonSerializer.Deserialize<TrainCommand.RunSettings>(json)
            : null;
        if (saved is null || saved with { Epochs = settings.Epochs } != settings)
        {
            throw new CliException($"{path}: the checkpoint was made with other settings ({json ?? "unknown"}); resume with the same --data, --hidden, --lr, --batch, --momentum, --mean and --seed.");
        }

        var parameters = checkpoint.Model.Network.Parameters;
        if (parameters.Count != network.Parameters.Count)
        {
            throw new CliException($"{path}: the checkpoint's network does not match this run.");
        }

        for (int i = 0; i < parameters.Count; i++)
        {
            network.Parameters[i].Value.EnsureSameShape(parameters[i].Value, nameof(path));
            parameters[i].Value.CopyTo(network.Parameters[i].Value);
        }

        if (optimizer is IStatefulOptimizer stateful)
        {
            stateful.LoadState(network.Parameters, checkpoint.OptimizerState);
        }

        trainer.Restore(checkpoint.Trainer);
        return checkpoint.History;
    }

    /// <summary>Writes history.csv and history.json (atomically) into the run folder.</summary>
    public static void WriteHistory(string folder, IReadOnlyList<EpochMetrics> history)
    {
        var csv = new StringBuilder("epoch,train_loss,train_acc,valid_loss,valid_acc,seconds\n");
        foreach (var m in history)
        {
            csv.Append(string.Create(CultureInfo.InvariantCulture, $"{m.Epoch},{m.TrainLoss:R},{m.TrainAccuracy:R},{m.ValidLoss:R},{m.ValidAccuracy:R},{m.Seconds:R}\n"));
        }

        AtomicFile.WriteAllBytes(Path.Combine(folder, "history.csv"), Encoding.UTF8.GetBytes(csv.ToString()));
        AtomicFile.WriteAllBytes(Path.Combine(folder, "history.json"), JsonSerializer.SerializeToUtf8Bytes(history, JsonOptions));
    }

    /// <summary>The weights [inputs × units] of the network's first layer when it is Dense, else null.</summary>
    public static Tensor? FirstLayerWeights(Sequential network) =>
        network.Layers.Count > 0 && network.Layers[0] is Dense dense ? dense.Weight.Value : null;

    /// <summary>
    /// Writes the run's figures (learning curves, first-layer weights before and after training for a 32×32 input
    /// and 64 hidden units, a confusion matrix per split) and prints their paths and the most confused pairs.
    /// </summary>
    public static void WriteFigures(CliOutput io, string folder, DatasetSplits splits, Sequential network, Tensor? initialWeights, IReadOnlyList<EpochMetrics> history)
    {
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
            io.Out.WriteLine($"weights figures skipped: they need 32x32 grey input and 64 hidden units (this run: {train.Height}x{train.Width}x{train.Channels}, {finalWeights?.Dim(1) ?? 0} hidden)");
        }

        foreach (var (split, set) in splits.Parts())
        {
            var matrix = ConfusionMatrix.Compute(set.Labels, network.PredictClasses(set.Features()), train.ClassNames);
            Save($"confusion-{split}.png", ConfusionFigure.Render(matrix, $"Confusion matrix: {split}"));
            var pairs = matrix.MostConfusedPairs(5);
            if (pairs.Count > 0)
            {
                io.Out.WriteLine($"most confused pairs ({split}): " + string.Join(", ", pairs.Select(p => $"{p.A}/{p.B} ({p.Count})")));
            }
        }

        io.Out.WriteLine("figures: " + string.Join(", ", written.Select(Path.GetFileName)));
    }
}
