using System.Globalization;
using System.Text.Json;
using Scrawl.Data;
using Scrawl.NeuralNet;
using Scrawl.NeuralNet.Losses;
using Scrawl.NeuralNet.Optimizers;
using Scrawl.NeuralNet.Serialization;
using Scrawl.NeuralNet.Training;
using Scrawl.Ocr;

namespace Scrawl.Experiments.Training;

/// <summary>
/// The seed's classifier run (in → hidden sigmoid → classes, softmax cross-entropy) in a run folder: a checkpoint
/// after every epoch, an exact resume, and at the end model.scrawl, history.csv/json and the figures.
/// </summary>
public static class TrainingRun
{
    /// <summary>The checkpoint's file name in a run folder.</summary>
    public const string CheckpointFile = "checkpoint.ckpt";

    /// <summary>The model's file name in a run folder.</summary>
    public const string ModelFileName = "model.scrawl";

    /// <summary>
    /// Trains one run into <paramref name="folder"/> (created when missing); every progress line goes to <paramref name="log"/>.
    /// A diverging run stops with the last good checkpoint kept and says so in the outcome. An empty training split is an
    /// <see cref="InvalidDataException"/>; out-of-range settings an <see cref="ArgumentException"/>; resuming without a
    /// checkpoint, or from one made with other settings, a <see cref="FileNotFoundException"/> / <see cref="InvalidDataException"/>.
    /// </summary>
    public static TrainOutcome Train(TrainSettings s, DatasetSplits splits, string folder, bool resume, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(splits);
        ArgumentNullException.ThrowIfNull(log);
        s.Validate();
        var train = splits.Train;
        if (train.Count == 0)
        {
            throw new InvalidDataException($"{splits.Name}: the training split is empty.");
        }

        int classes = train.ClassNames.Count;
        var network = Sequential.Mlp(train.FeatureCount, s.Hidden, classes, s.Seed);
        // The same seed rebuilds the same initial weights, so a resumed run still knows them.
        var initialWeights = RunFigures.FirstLayerWeights(network)?.Clone();
        IOptimizer optimizer = s.Momentum > 0 ? new Momentum(s.LearningRate, s.Momentum) : new Sgd(s.LearningRate);
        var options = new TrainingOptions { Epochs = s.Epochs, BatchSize = s.Batch, Reduction = s.Mean ? Reduction.Mean : Reduction.Sum, Seed = s.Seed + 1 };
        var trainer = new Trainer(network, new SoftmaxCrossEntropy(), optimizer, options);
        string checkpointPath = Path.Combine(folder, CheckpointFile);
        var metadata = Metadata(s, train);
        var history = new List<EpochMetrics>();
        if (resume)
        {
            history.AddRange(Resume(checkpointPath, s, network, optimizer, trainer));
            log($"resuming {checkpointPath} after epoch {trainer.EpochsDone}");
        }

        log($"data: {splits.Name}; train {train.Count:N0}, valid {splits.Valid?.Count ?? 0:N0}; {train.FeatureCount}-{s.Hidden}-{classes}, {optimizer.Kind} lr {s.LearningRate.ToString(CultureInfo.InvariantCulture)}, batch {s.Batch}");
        var trainY = Labels.OneHot(train.Labels, classes);
        var valid = splits.Valid is { Count: > 0 } v ? v : null; // an empty validation split is no validation
        try
        {
            trainer.Fit(train.Features(), trainY, valid?.Features(), valid is null ? null : Labels.OneHot(valid.Labels, classes), m =>
            {
                history.Add(m);
                var state = optimizer is IStatefulOptimizer st ? st.SaveState(network.Parameters) : [];
                new Checkpoint(new Model(network, ModelHead.Softmax, metadata), trainer.CaptureState(), state, [.. history]).Save(checkpointPath);
                log(string.Create(CultureInfo.InvariantCulture,
                    $"epoch {m.Epoch,4}/{s.Epochs}  train_loss {m.TrainLoss:F4}  train_acc {m.TrainAccuracy:F4}  valid_loss {m.ValidLoss:F4}  valid_acc {m.ValidAccuracy:F4}  {m.Seconds:F2} s"));
            });
        }
        catch (TrainingDivergedException e)
        {
            return new TrainOutcome(history, e);
        }

        string modelPath = Path.Combine(folder, ModelFileName);
        ModelFile.Save(new Model(network, ModelHead.Softmax, metadata), modelPath);
        RunHistory.Write(folder, history);
        log($"model: {modelPath}");
        log($"history: {Path.Combine(folder, "history.csv")}");
        RunFigures.Write(folder, splits, network, initialWeights, history, log);
        return new TrainOutcome(history, null);
    }

    /// <summary>The settings a finished run's model in <paramref name="modelPath"/> was made with, or null when unreadable or unknown.</summary>
    public static TrainSettings? SettingsOf(string modelPath)
    {
        try
        {
            return ModelFile.Load(modelPath).Metadata.TryGetValue("run", out string? json) ? JsonSerializer.Deserialize(json, ExperimentsJson.Default.TrainSettings) : null;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or JsonException)
        {
            return null; // an unreadable earlier run is simply run again
        }
    }

    /// <summary>Loads the checkpoint into the fresh network, optimizer and trainer; returns the history so far.</summary>
    private static IReadOnlyList<EpochMetrics> Resume(string path, TrainSettings settings, Sequential network, IOptimizer optimizer, Trainer trainer)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no checkpoint to resume from (start the run without --resume).", path);
        }

        var checkpoint = Checkpoint.Load(path);
        var saved = checkpoint.Model.Metadata.TryGetValue("run", out string? json)
            ? JsonSerializer.Deserialize(json, ExperimentsJson.Default.TrainSettings)
            : null;
        if (saved is null || saved with { Epochs = settings.Epochs } != settings)
        {
            throw new InvalidDataException($"{path}: the checkpoint was made with other settings ({json ?? "unknown"}); resume with the same --data, --hidden, --lr, --batch, --momentum, --mean and --seed.");
        }

        var parameters = checkpoint.Model.Network.Parameters;
        if (parameters.Count != network.Parameters.Count)
        {
            throw new InvalidDataException($"{path}: the checkpoint's network does not match this run.");
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

    private static Dictionary<string, string> Metadata(TrainSettings s, ImageSet train)
    {
        var metadata = new ClassifierMetadata(train.ClassNames).ToMetadata();
        metadata["image"] = $"{train.Height}x{train.Width}x{train.Channels}";
        metadata["run"] = JsonSerializer.Serialize(s, ExperimentsJson.Default.TrainSettings);
        return metadata;
    }
}
