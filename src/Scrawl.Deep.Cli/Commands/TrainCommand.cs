using System.CommandLine;
using System.Globalization;
using Scrawl.Data;
using Scrawl.Deep.Models;
using Scrawl.Deep.Training;
using TorchSharp;

namespace Scrawl.Deep.Cli.Commands;

/// <summary>
/// <c>scrawl deep train</c>: an MLP or CNN in TorchSharp on any data, seeded, a checkpoint after every epoch (atomic),
/// <c>--resume</c>, history and curves, the model in TorchSharp format; ends with <c>test-accuracy: &lt;fraction&gt;</c>.
/// </summary>
internal static class TrainCommand
{
    public static Command Create(CliOutput io)
    {
        var model = new Option<string>("--model") { Description = "mlp (flatten → hidden sigmoid → classes) or cnn (3 conv/BN/ReLU/pool blocks)", DefaultValueFactory = _ => "cnn" };
        var data = new Option<string>("--data") { Description = "Catalog name or path (see 'scrawl data list')", DefaultValueFactory = _ => "mnist-10k" };
        var epochs = new Option<int>("--epochs") { Description = "Epochs (≥ 1)", DefaultValueFactory = _ => 5 };
        var optimizer = new Option<string>("--optimizer") { Description = "sgd (momentum 0.9) or adam", DefaultValueFactory = _ => "adam" };
        var schedule = new Option<string>("--schedule") { Description = "none, cosine or step (×0.1 after each third)", DefaultValueFactory = _ => "cosine" };
        var rate = new Option<double>("--lr") { Description = "Initial learning rate (> 0)", DefaultValueFactory = _ => 1e-3 };
        var batch = new Option<int>("--batch") { Description = "Batch size (≥ 1)", DefaultValueFactory = _ => 64 };
        var hidden = new Option<int>("--hidden") { Description = "MLP hidden units; for the CNN twice its base width (≥ 2)", DefaultValueFactory = _ => 64 };
        var seed = new Option<long>("--seed") { Description = "Seed of the split, weights, shuffling and dropout", DefaultValueFactory = _ => 0 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Run folder: model.pt/.json, checkpoint.ckpt, history.csv/json, curves-*.png", DefaultValueFactory = _ => new DirectoryInfo("runs/deep-train") };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its checkpoint (same settings; --epochs may grow)" };
        var device = new Option<string>("--device") { Description = "cpu, or cuda (falls back to the CPU without a CUDA libtorch)", DefaultValueFactory = _ => "cpu" };
        var augment = new Option<string>("--augment") { Description = "Training batches: none, shift (±2 px), flip (mirrored half the time; not for characters), shift-flip or affine (±10° turn, ±10 % scale, ±0.15 shear, ±2 px shift)", DefaultValueFactory = _ => "none" };
        var smoothing = new Option<double>("--label-smoothing") { Description = "Label smoothing ε of the loss, in [0, 1)", DefaultValueFactory = _ => 0 };
        var coarse = new Option<string>("--coarse-data") { Description = "Also train on data labelled with letter case merged (e.g. emnist-more36, all of it) with a partial-label loss: −log Σ p over the classes a label covers; images identical to a valid/test image are left out" };
        var fitBias = new Option<bool>("--fit-bias") { Description = "After training, fit one bias per class on the validation split (a class-prior correction) and fold it into the output layer" };
        var threads = new Option<int>("--threads") { Description = "libtorch CPU threads (≥ 1; 1 is faster on a busy shared machine)", DefaultValueFactory = _ => 2 };
        var command = new Command("train", "Train an MLP or CNN in TorchSharp; per-epoch train/valid/test loss and accuracy, a checkpoint every epoch.")
        {
            model, data, epochs, optimizer, schedule, rate, batch, hidden, augment, smoothing, coarse, fitBias, seed, output, resume, device, threads,
        };
        command.SetAction(r => Run(io,
            new DeepTrainOptions(r.GetValue(model)!, r.GetValue(data)!, r.GetValue(epochs), r.GetValue(optimizer)!, r.GetValue(schedule)!, r.GetValue(rate), r.GetValue(batch), r.GetValue(seed), r.GetValue(hidden), r.GetValue(augment)!,
                r.GetValue(smoothing), r.GetValue(coarse) ?? ""),
            r.GetValue(output)!, r.GetValue(resume), r.GetValue(device)!, r.GetValue(threads), r.GetValue(fitBias)));
        return command;
    }

    internal static int Run(CliOutput io, DeepTrainOptions options, DirectoryInfo outDir, bool resume, string deviceName, int threads = 2, bool fitBias = false)
    {
        options.Validate();
        if (threads < 1)
        {
            throw new CliException("--threads must be ≥ 1.");
        }

        string checkpoint = Path.Combine(outDir.FullName, "checkpoint.ckpt");
        if (resume && !File.Exists(checkpoint))
        {
            throw new CliException($"{checkpoint}: no checkpoint to resume from (start the run without --resume).");
        }

        var device = TorchRuntime.SelectDevice(deviceName, out string? note);
        torch.set_num_threads(threads);
        if (note is not null)
        {
            io.Error.WriteLine($"scrawl deep: {note}");
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var splits = DeepCli.Load(options.Data, options.Seed);
        var train = splits.Train;
        using var trainSet = CoarseTraining(io, options, splits);
        using var validSet = LabelledTensors.From(splits.Valid);
        using var testSet = LabelledTensors.From(splits.Test);
        TorchRuntime.Seed(options.Seed);
        var description = new ModelDescription(options.Model, options.Hidden, train.Channels, train.Height, train.Width, train.ClassNames);
        using var module = ModelFactory.Create(options.Model, train.Channels, train.Height, train.Width, train.ClassNames.Count, options.Hidden);
        module.to(device);
        using var trainer = new DeepTrainer(module, options, device);
        if (resume)
        {
            DeepCheckpoint.Load(checkpoint, trainer);
            io.Out.WriteLine($"resuming {checkpoint} after epoch {trainer.EpochsDone}");
        }

        long parameters = module.parameters().Sum(p => p.numel());
        io.Out.WriteLine($"data: {splits.Name}; train {train.Count:N0}, valid {splits.Valid?.Count ?? 0:N0}, test {splits.Test?.Count ?? 0:N0}; {train.Height}x{train.Width}x{train.Channels}, {train.ClassNames.Count} classes");
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"model: {options.Model} ({parameters:N0} parameters) on {device.type}; {options.Optimizer} lr {options.LearningRate} ({options.Schedule}), batch {options.Batch}, augment {options.Augment}, seed {options.Seed}"));
        Directory.CreateDirectory(outDir.FullName);
        var progress = new BatchProgress(io.Out);
        trainer.Fit(trainSet, validSet, testSet,
            m =>
            {
                progress.Finish();
                DeepCheckpoint.Save(checkpoint, trainer);
                io.Out.WriteLine(RunReport.EpochLine(m, options.Epochs));
            },
            (done, total) => progress.Report(trainer.EpochsDone + 1, done, total));

        if (fitBias)
        {
            HeldOutReport.FitBias(io, module, device, validSet ?? throw new CliException($"{splits.Name}: --fit-bias needs a validation split."), testSet);
        }

        string modelPath = Path.Combine(outDir.FullName, "model.pt");
        description.Save(module, modelPath);
        HeldOutReport.Write(io, module, device, splits, modelPath, CommandLine(options, threads, fitBias), outDir.FullName, clock.Elapsed.TotalSeconds);
        RunReport.WriteHistory(outDir.FullName, trainer.History);
        RunReport.WriteSettings(outDir.FullName, "settings.json", options);
        var figures = RunReport.WriteCurves(outDir.FullName, [("", trainer.History)], $"{options.Model} on {splits.Name}");
        io.Out.WriteLine($"model: {modelPath}");
        io.Out.WriteLine($"history: {Path.Combine(outDir.FullName, "history.csv")}");
        io.Out.WriteLine("figures: " + string.Join(", ", figures.Select(Path.GetFileName)));
        var final = trainer.History[^1];
        double accuracy = !double.IsNaN(final.TestAccuracy) ? final.TestAccuracy : final.ValidAccuracy;
        if (double.IsNaN(final.TestAccuracy))
        {
            io.Out.WriteLine("(no test split: test-accuracy is the validation accuracy)");
        }

        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"test-accuracy: {accuracy:F4}"));
        return ExitCodes.Ok;
    }

    /// <summary>The command that repeats the run's settings (recorded in <c>heldout.json</c>).</summary>
    internal static string CommandLine(DeepTrainOptions o, int threads, bool fitBias) => string.Create(CultureInfo.InvariantCulture,
        $"./scrawl deep train --model {o.Model} --data {o.Data} --epochs {o.Epochs} --optimizer {o.Optimizer} --schedule {o.Schedule} --lr {o.LearningRate} --batch {o.Batch} --hidden {o.Hidden} --augment {o.Augment}")
        + (o.LabelSmoothing > 0 ? string.Create(CultureInfo.InvariantCulture, $" --label-smoothing {o.LabelSmoothing}") : "")
        + (o.CoarseData.Length > 0 ? $" --coarse-data {o.CoarseData}" : "") + (fitBias ? " --fit-bias" : "") + $" --seed {o.Seed} --threads {threads}";

    /// <summary>The training part as tensors: the data's own labels, or with <c>--coarse-data</c> also that data's images under partial labels.</summary>
    private static LabelledTensors CoarseTraining(CliOutput io, DeepTrainOptions options, DatasetSplits splits)
    {
        if (options.CoarseData.Length == 0)
        {
            return LabelledTensors.From(splits.Train)!;
        }

        var coarse = DeepCli.Load(options.CoarseData, options.Seed);
        var all = ImageSet.Concat(coarse.Name, [.. new[] { coarse.Train, coarse.Valid, coarse.Test }.OfType<ImageSet>()]);
        var (set, excluded) = PartialLabelData.Combine(splits.Train, all, new[] { splits.Valid, splits.Test }.OfType<ImageSet>());
        io.Out.WriteLine($"coarse data: {coarse.Name}, {all.Count - excluded:N0} images with {all.ClassNames.Count} case-merged classes (partial labels); {excluded:N0} identical to a valid/test image left out");
        return set;
    }
}

/// <summary>Progress inside an epoch: a line at every 25 % of its batches.</summary>
internal sealed class BatchProgress(TextWriter output)
{
    private int _lastQuarter = -1;

    /// <summary>Reports batch <paramref name="done"/> of <paramref name="total"/> in <paramref name="epoch"/>.</summary>
    public void Report(int epoch, int done, int total)
    {
        int quarter = 4 * done / total;
        if (quarter != _lastQuarter && quarter < 4)
        {
            _lastQuarter = quarter;
            if (quarter > 0)
            {
                output.WriteLine($"  epoch {epoch}: {25 * quarter}% ({done}/{total} batches)");
            }
        }
    }

    /// <summary>Starts the next epoch's count.</summary>
    public void Finish() => _lastQuarter = -1;
}
