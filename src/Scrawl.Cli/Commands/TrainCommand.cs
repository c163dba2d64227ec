using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Scrawl.Data;
using Scrawl.Data.Catalog;
using Scrawl.Media;
using Scrawl.NeuralNet;
using Scrawl.NeuralNet.Losses;
using Scrawl.NeuralNet.Optimizers;
using Scrawl.NeuralNet.Serialization;
using Scrawl.NeuralNet.Training;
using Scrawl.Numerics;

namespace Scrawl.Cli.Commands;

/// <summary>
/// <c>scrawl train</c>: the seed's classifier (in → hidden sigmoid → classes, softmax cross-entropy)
/// on any data, with a checkpoint after every epoch and an exact <c>--resume</c>.
/// </summary>
internal static class TrainCommand
{
    /// <summary>The settings of a run; a checkpoint is only resumed with the same ones (epochs may grow).</summary>
    internal sealed record RunSettings(string Data, int Hidden, int Epochs, float LearningRate, int Batch, float Momentum, bool Mean, long Seed);

    public static Command Create(CliOutput io)
    {
        var data = new Option<string>("--data") { Description = "Catalog name or path (see 'scrawl data list')", DefaultValueFactory = _ => "glyphs36" };
        var hidden = new Option<int>("--hidden") { Description = "Hidden units (≥ 1)", DefaultValueFactory = _ => 64 };
        var epochs = new Option<int>("--epochs") { Description = "Epochs (≥ 1)", DefaultValueFactory = _ => 100 };
        var rate = new Option<float>("--lr") { Description = "Learning rate (> 0)", DefaultValueFactory = _ => 0.02f };
        var batch = new Option<int>("--batch") { Description = "Batch size (≥ 1)", DefaultValueFactory = _ => 64 };
        var momentum = new Option<float>("--momentum") { Description = "Momentum μ in [0, 1) (0: plain SGD)", DefaultValueFactory = _ => 0f };
        var mean = new Option<bool>("--mean") { Description = "Average batch gradients instead of summing them (the seed sums)" };
        var seed = new Option<long>("--seed") { Description = "Seed for data, weights and shuffling", DefaultValueFactory = _ => 0 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Run folder: model.scrawl, checkpoint.ckpt, history.csv/json", DefaultValueFactory = _ => new DirectoryInfo("runs/train") };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its last checkpoint (same settings; ends bit-identical to an uninterrupted run)" };
        var command = new Command("train", "Train the seed's MLP classifier; per-epoch loss/accuracy, a checkpoint every epoch, the model file at the end.")
        {
            data, hidden, epochs, rate, batch, momentum, mean, seed, output, resume,
        };
        command.SetAction(r => Run(io, new RunSettings(r.GetValue(data)!, r.GetValue(hidden), r.GetValue(epochs), r.GetValue(rate), r.GetValue(batch), r.GetValue(momentum), r.GetValue(mean), r.GetValue(seed)),
            r.GetValue(output)!, r.GetValue(resume)));
        return command;
    }

    private static int Run(CliOutput io, RunSettings s, DirectoryInfo outDir, bool resume)
    {
        Validate(s);
        var outcome = Train(io, s, ResolveData(s.Data, s.Seed), outDir, resume);
        if (outcome.Diverged is { } e)
        {
            throw new CliException($"{e.Message} The last good checkpoint ({Path.Combine(outDir.FullName, "checkpoint.ckpt")}) is kept.", ExitCodes.CheckFailed);
        }

        return ExitCodes.Ok;
    }

    /// <summary>What a run left: its history (every finished epoch) and, when the loss stopped being finite, why it stopped.</summary>
    internal sealed record TrainOutcome(IReadOnlyList<EpochMetrics> History, TrainingDivergedException? Diverged);

    /// <summary>Throws a <see cref="CliException"/> unless the settings are in range.</summary>
    internal static void Validate(RunSettings s)
    {
        if (s.Hidden < 1 || s.Epochs < 1 || s.Batch < 1 || !(s.LearningRate > 0) || s.Momentum is < 0 or >= 1)
        {
            throw new CliException("--hidden, --epochs and --batch must be ≥ 1, --lr > 0 and --momentum in [0, 1).");
        }
    }

    /// <summary>Resolves a catalog name or path; a missing source becomes a <see cref="CliException"/>.</summary>
    internal static DatasetSplits ResolveData(string name, long seed)
    {
        return CliData.Load(name, seed);
    }

    /// <summary>
    /// Trains one run into <paramref name="outDir"/> (checkpoint every epoch; model, history and figures at the end).
    /// A diverging run stops with the last good checkpoint kept and reports it in the outcome.
    /// </summary>
    internal static TrainOutcome Train(CliOutput io, RunSettings s, DatasetSplits splits, DirectoryInfo outDir, bool resume)
    {
        var train = splits.Train;
        if (train.Count == 0)
        {
            throw new CliException($"{splits.Name}: the training split is empty.");
        }

        int classes = train.ClassNames.Count;
        var network = Sequential.Mlp(train.FeatureCount, s.Hidden, classes, s.Seed);
        // The same seed rebuilds the same initial weights, so a resumed run still knows them.
        var initialWeights = RunFiles.FirstLayerWeights(network)?.Clone();
        IOptimizer optimizer = s.Momentum > 0 ? new Momentum(s.LearningRate, s.Momentum) : new Sgd(s.LearningRate);
        var options = new TrainingOptions { Epochs = s.Epochs, BatchSize = s.Batch, Reduction = s.Mean ? Reduction.Mean : Reduction.Sum, Seed = s.Seed + 1 };
        var trainer = new Trainer(network, new SoftmaxCrossEntropy(), optimizer, options);
        string checkpointPath = Path.Combine(outDir.FullName, "checkpoint.ckpt");
        var metadata = Metadata(s, train);
        var history = new List<EpochMetrics>();
        if (resume)
        {
            history.AddRange(RunFiles.Resume(checkpointPath, s, network, optimizer, trainer));
            io.Out.WriteLine($"resuming {checkpointPath} after epoch {trainer.EpochsDone}");
        }

        io.Out.WriteLine($"data: {splits.Name}; train {train.Count:N0}, valid {splits.Valid?.Count ?? 0:N0}; {train.FeatureCount}-{s.Hidden}-{classes}, {optimizer.Kind} lr {s.LearningRate.ToString(CultureInfo.InvariantCulture)}, batch {s.Batch}");
        var trainY = NeuralNet.Training.Labels.OneHot(train.Labels, classes);
        var valid = splits.Valid is { Count: > 0 } v ? v : null; // an empty validation split is no validation
        try
        {
            trainer.Fit(train.Features(), trainY, valid?.Features(), valid is null ? null : NeuralNet.Training.Labels.OneHot(valid.Labels, classes), m =>
            {
                history.Add(m);
                var state = optimizer is IStatefulOptimizer st ? st.SaveState(network.Parameters) : [];
                new Checkpoint(new Model(network, ModelHead.Softmax, metadata), trainer.CaptureState(), state, [.. history]).Save(checkpointPath);
                io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"epoch {m.Epoch,4}/{s.Epochs}  train_loss {m.TrainLoss:F4}  train_acc {m.TrainAccuracy:F4}  valid_loss {m.ValidLoss:F4}  valid_acc {m.ValidAccuracy:F4}  {m.Seconds:F2} s"));
            });
        }
        catch (TrainingDivergedException e)
        {
            return new TrainOutcome(history, e);
        }

        string modelPath = Path.Combine(outDir.FullName, "model.scrawl");
        ModelFile.Save(new Model(network, ModelHead.Softmax, metadata), modelPath);
        RunFiles.WriteHistory(outDir.FullName, history);
        io.Out.WriteLine($"model: {modelPath}");
        io.Out.WriteLine($"history: {Path.Combine(outDir.FullName, "history.csv")}");
        RunFiles.WriteFigures(io, outDir.FullName, splits, network, initialWeights, history);
        return new TrainOutcome(history, null);
    }

    private static Dictionary<string, string> Metadata(RunSettings s, ImageSet train) => new()
    {
        ["classes"] = JsonSerializer.Serialize(train.ClassNames),
        ["input"] = "scrawl",
        ["image"] = $"{train.Height}x{train.Width}x{train.Channels}",
        ["run"] = JsonSerializer.Serialize(s),
    };
}
