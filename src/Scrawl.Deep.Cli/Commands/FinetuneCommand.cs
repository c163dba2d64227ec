using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Scrawl.Data;
using Scrawl.Deep.Onnx;
using Scrawl.Deep.Training;
using Scrawl.Deep.Transfer;
using TorchSharp;
using static TorchSharp.torch;

namespace Scrawl.Deep.Cli.Commands;

/// <summary>
/// <c>scrawl deep finetune</c>: transfer learning from an imported ONNX network (<c>--pretrained onnx:PATH</c>: cached
/// frozen-backbone features, a linear head, then the last block fine-tuned) or the same architecture from random weights
/// (<c>--scratch</c>, augmented); curves and history; ends with <c>test-accuracy: &lt;fraction&gt;</c>.
/// </summary>
internal static class FinetuneCommand
{
    /// <summary>ResNet18.onnx as copied next to the program from ML.NET's featurizer package.</summary>
    internal static string BundledResNet18 => Path.Combine(AppContext.BaseDirectory, "models", "ResNet18.onnx");

    public static Command Create(CliOutput io)
    {
        var data = new Option<string>("--data") { Description = "RGB data set (catalog name or path)", DefaultValueFactory = _ => "flowers17" };
        var pretrained = new Option<string?>("--pretrained") { Description = "onnx:PATH of the network (default: the bundled ImageNet ResNet18.onnx)" };
        var scratch = new Option<bool>("--scratch") { Description = "Train the architecture from random weights instead (whole network, augmented)" };
        var size = new Option<int>("--size") { Description = "Square input size in pixels (32–224; default 128 pretrained, 64 scratch)", DefaultValueFactory = _ => 0 };
        var headEpochs = new Option<int>("--head-epochs") { Description = "Phase 1 epochs: linear head on cached frozen features (≥ 0)", DefaultValueFactory = _ => 30 };
        var epochs = new Option<int>("--epochs") { Description = "Phase 2 epochs (last block + head), or scratch epochs (≥ 1)", DefaultValueFactory = _ => 0 };
        var batch = new Option<int>("--batch") { Description = "Batch size (≥ 1)", DefaultValueFactory = _ => 32 };
        var seed = new Option<long>("--seed") { Description = "Seed", DefaultValueFactory = _ => 0 };
        var threads = new Option<int>("--threads") { Description = "libtorch CPU threads (≥ 1)", DefaultValueFactory = _ => 2 };
        var augment = new Option<string>("--augment") { Description = "Pretrained training views: flip (each image and its mirror) or crops (--views random-resized crops, mirrored half the time, colour jitter)", DefaultValueFactory = _ => "flip" };
        var views = new Option<int>("--views") { Description = "Random crops per training image for --augment crops (≥ 1)", DefaultValueFactory = _ => 4 };
        var cropArea = new Option<double>("--crop-area") { Description = "Least fraction of the image a crop covers (0–1]", DefaultValueFactory = _ => 0.35 };
        var jitter = new Option<double>("--jitter") { Description = "Colour jitter of the crops: brightness, contrast, saturation × 1 ± this, [0, 1)", DefaultValueFactory = _ => 0.3 };
        var smoothing = new Option<double>("--label-smoothing") { Description = "Label smoothing of the pretrained run's loss, [0, 1)", DefaultValueFactory = _ => 0 };
        var warmup = new Option<int>("--warmup") { Description = "Phase 2 epochs of linear warm-up before the cosine (0…--epochs)", DefaultValueFactory = _ => 0 };
        var tta = new Option<string>("--tta") { Description = "Test-time views of valid/test: none or flip (image and mirror, softmax averaged)", DefaultValueFactory = _ => "none" };
        var tuneBlocks = new Option<int>("--tune-blocks") { Description = "Residual blocks fine-tuned in phase 2, from the end (ResNet18.onnx: 2 = its last two, 3 = its last stage; 1–8)", DefaultValueFactory = _ => 2 };
        var trainOn = new Option<string>("--train-on") { Description = "train, or train+val for a final model once the recipe is fixed on val (valid then not reported)", DefaultValueFactory = _ => "train" };
        var cacheDir = new Option<DirectoryInfo?>("--feature-cache") { Description = "Folder keeping the frozen features between pretrained runs with --augment flip (keyed by the SHA-256 of network, cut, images and mirroring)" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Run folder: history.csv/json, curves-*.png", DefaultValueFactory = _ => new DirectoryInfo("runs/deep-finetune") };
        var resume = new Option<bool>("--resume") { Description = "Continue the pretrained run in --out from its checkpoint after the last finished epoch (same settings)" };
        var command = new Command("finetune", "Transfer learning from an ONNX network (pretrained) vs the same network from scratch; ends with test-accuracy.")
        {
            data, pretrained, scratch, size, headEpochs, epochs, batch, augment, views, cropArea, jitter, smoothing, warmup, tta, tuneBlocks, trainOn, seed, threads, cacheDir, output, resume,
        };
        command.SetAction(r => Run(io, r.GetValue(data)!, r.GetValue(pretrained), r.GetValue(scratch), r.GetValue(size), r.GetValue(headEpochs), r.GetValue(epochs),
            r.GetValue(batch), new Recipe(new ViewOptions(r.GetValue(augment)!, r.GetValue(views), r.GetValue(cropArea), r.GetValue(jitter), r.GetValue(seed)),
                r.GetValue(smoothing), r.GetValue(warmup), r.GetValue(tta)!, r.GetValue(tuneBlocks), r.GetValue(trainOn)!, r.GetValue(cacheDir)?.FullName),
            r.GetValue(seed), r.GetValue(threads), r.GetValue(output)!, r.GetValue(resume)));
        return command;
    }

    private static int Run(CliOutput io, string data, string? pretrained, bool scratch, int size, int headEpochs, int epochs, int batch, Recipe recipe, long seed, int threads, DirectoryInfo outDir, bool resume = false)
    {
        size = size == 0 ? (scratch ? 64 : 128) : size;
        epochs = epochs == 0 ? (scratch ? 15 : 6) : epochs;
        if (size is < 32 or > 224 || headEpochs < 0 || epochs < 1 || batch < 1 || threads < 1)
        {
            throw new CliException("--size must be in 32..224, --head-epochs ≥ 0, --epochs, --batch and --threads ≥ 1.");
        }

        try
        {
            recipe.Views.Validate();
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message);
        }

        if (recipe.LabelSmoothing is < 0 or >= 1 || recipe.Warmup < 0 || recipe.Warmup > epochs || recipe.Tta is not ("none" or "flip")
            || recipe.TuneBlocks is < 1 or > 8 || recipe.TrainOn is not ("train" or "train+val"))
        {
            throw new CliException("--label-smoothing must be in [0, 1), --warmup in 0..--epochs, --tta none or flip, --tune-blocks 1..8 and --train-on train or train+val.");
        }

        string checkpoint = Path.Combine(outDir.FullName, CheckpointFile);
        if (resume && (scratch || !File.Exists(checkpoint)))
        {
            throw new CliException(scratch ? "--resume continues pretrained runs only." : $"{checkpoint}: no checkpoint to resume from (start the run without --resume).");
        }

        string path = pretrained is null ? BundledResNet18
            : pretrained.StartsWith("onnx:", StringComparison.Ordinal) ? pretrained["onnx:".Length..]
            : throw new CliException($"--pretrained takes onnx:PATH, got '{pretrained}'.");
        if (!File.Exists(path))
        {
            throw new CliException($"{path}: no such ONNX file.");
        }

        var graph = OnnxModel.Load(path);
        TorchRuntime.EnsureLoaded();
        torch.set_num_threads(threads);
        var clock = Stopwatch.StartNew();
        var splits = DeepCli.Load(data, seed, size);
        if (splits.Valid is null || splits.Test is null)
        {
            throw new CliException($"{splits.Name}: fine-tuning needs train, valid and test splits.");
        }

        int classes = splits.Train.ClassNames.Count;
        io.Out.WriteLine($"data: {splits.Name}; train {splits.Train.Count}, valid {splits.Valid.Count}, test {splits.Test.Count}; {size}x{size} RGB, {classes} classes");
        io.Out.WriteLine($"network: {path} ({graph.Nodes.Count} nodes, {graph.Initializers.Values.Sum(t => (long)t.Values.Length):N0} weights), {(scratch ? "from scratch" : "pretrained")}");
        Directory.CreateDirectory(outDir.FullName);
        TorchRuntime.Seed(seed);
        using var backbone = new OnnxGraphModule(graph);
        string label = scratch ? "scratch" : "pretrained";
        var settings = new FinetuneSettings(data, label, Path.GetFileName(path), size, scratch ? 0 : headEpochs, epochs, batch, seed, scratch ? null : recipe);
        IReadOnlyList<DeepEpoch> history = scratch
            ? Scratch(io, backbone, splits, classes, epochs, batch, seed)
            : Pretrained(io, backbone, splits, data, size, classes, recipe, seed, path, outDir.FullName,
                new FineTuneOptions(headEpochs, epochs, Batch: batch, Seed: seed, TuneBlocks: recipe.TuneBlocks, LabelSmoothing: recipe.LabelSmoothing,
                    WarmupEpochs: recipe.Warmup, EvalViews: recipe.Tta == "flip" ? 2 : 1), (checkpoint, JsonSerializer.Serialize(settings), resume));
        RunReport.WriteHistory(outDir.FullName, history, label + "-");
        RunReport.WriteSettings(outDir.FullName, label + "-run.json", new FinetuneRun(settings, Math.Round(clock.Elapsed.TotalSeconds, 1)));
        var figures = RunReport.WriteCurves(outDir.FullName, [(label, history)], $"{splits.Name}, {label}", label + "-").ToList();

        // With the other run already in the folder, both go on shared axes (the seed's pretrained-vs-scratch figure).
        var other = RunReport.TryReadHistory(outDir.FullName, scratch ? "pretrained-" : "scratch-");
        if (other is { Count: > 0 })
        {
            var pre = scratch ? other : history;
            var scr = scratch ? history : other;
            figures.AddRange(RunReport.WriteCurves(outDir.FullName, [("pretrained", pre), ("scratch", scr)], $"{splits.Name}, pretrained vs scratch", "comparison-"));
        }

        io.Out.WriteLine("figures: " + string.Join(", ", figures.Select(Path.GetFileName)));
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wall-seconds: {clock.Elapsed.TotalSeconds:F0}"));
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"test-accuracy: {history[^1].TestAccuracy:F4}"));
        return ExitCodes.Ok;
    }

    private static List<DeepEpoch> Pretrained(CliOutput io, OnnxGraphModule backbone, DatasetSplits splits, string data, int size, int classes, Recipe recipe, long seed,
        string network, string outDir, FineTuneOptions options, (string Path, string Settings, bool Resume) checkpoint)
    {
        var tuner = new FineTuner(backbone, classes, options);
        if (checkpoint.Resume)
        {
            try
            {
                FineTuneCheckpoint.Load(checkpoint.Path, tuner, checkpoint.Settings);
            }
            catch (InvalidDataException e)
            {
                throw new CliException(e.Message);
            }

            io.Out.WriteLine($"resuming {checkpoint.Path} after epoch {tuner.History.Count}");
        }

        var clock = Stopwatch.StartNew();
        bool final = recipe.TrainOn == "train+val", flip = recipe.Views.Mode == "flip";
        var cache = recipe.FeatureCache is null ? null : new FeatureCache(recipe.FeatureCache, FeatureCache.NetworkKey(network, tuner.Cut), io.Out.WriteLine);
        // Random crops are cut from images loaded 8/7 larger (256 for 224), as ImageNet training does.
        var source = flip ? splits : DeepCli.Load(data, seed, (size * 8 + 6) / 7);
        var trainSet = final ? ImageSet.Concat(splits.Name + " train+val", source.Train, source.Valid!) : source.Train;
        using var train = final && flip ? TrainAndValid(tuner, source, cache) : TransferViews.Train(tuner, trainSet, size, recipe.Views, cache);
        using var valid = final ? null : TransferViews.Eval(tuner, splits.Valid!, recipe.Tta == "flip", cache);
        using var test = TransferViews.Eval(tuner, splits.Test!, recipe.Tta == "flip", cache);
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cached frozen features before the last {options.TuneBlocks} blocks ({tuner.Cut}, [{string.Join("x", train.Images.shape.Skip(1))}]) of {trainSet.Count} train images x {recipe.Views.Count} views ({recipe.Views.Mode}), {(final ? "no valid (trained on train+val)" : $"{splits.Valid!.Count} valid")}, {splits.Test!.Count} test (tta {recipe.Tta}) in {clock.Elapsed.TotalSeconds:F0} s"));
        tuner.Fit(train, valid, test, (phase, m) =>
        {
            FineTuneCheckpoint.Save(checkpoint.Path, tuner, checkpoint.Settings);
            var (va, ta) = tuner.FirstViewAccuracies[^1];
            string first = options.EvalViews > 1 ? string.Create(CultureInfo.InvariantCulture, $"  (one view: valid {va:F4} test {ta:F4})") : "";
            io.Out.WriteLine($"{phase} " + RunReport.EpochLine(m, options.HeadEpochs + options.TuneEpochs) + first);
        });
        var probabilities = new List<SplitProbabilities> { tuner.Probabilities("test", test) };
        probabilities.InsertRange(0, valid is null ? [] : [tuner.Probabilities("valid", valid)]);
        new RunProbabilities(probabilities).Write(Path.Combine(outDir, "pretrained-probabilities.csv"));
        var last = tuner.History[^1];
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"errors: valid {(final ? "-" : Errors(last.ValidAccuracy, splits.Valid!.Count))}, test {Errors(last.TestAccuracy, splits.Test.Count)} of {splits.Test.Count}"));
        return tuner.History;
    }

    /// <summary>The flipped views of train+val from the cached ones of each split (the layout of computing the joined set's views).</summary>
    private static LabelledTensors TrainAndValid(FineTuner tuner, DatasetSplits splits, FeatureCache? cache)
    {
        using var train = TransferViews.Eval(tuner, splits.Train, flip: true, cache);
        using var valid = TransferViews.Eval(tuner, splits.Valid!, flip: true, cache);
        return TransferViews.Concat(train, valid, 2);
    }

    /// <summary>The checkpoint a pretrained run writes after every epoch in its <c>--out</c> (<c>--resume</c> continues from it).</summary>
    internal const string CheckpointFile = "pretrained-checkpoint.ckpt";

    private static string Errors(double accuracy, int count) => Math.Round((1 - accuracy) * count).ToString(CultureInfo.InvariantCulture);

    private static IReadOnlyList<DeepEpoch> Scratch(CliOutput io, OnnxGraphModule backbone, DatasetSplits splits, int classes, int epochs, int batch, long seed)
    {
        using var net = new ScratchNet(backbone, classes);
        using var train = new LabelledTensors(ImageNetInput.From(splits.Train), ImageTensors.Labels(splits.Train));
        using var valid = new LabelledTensors(ImageNetInput.From(splits.Valid!), ImageTensors.Labels(splits.Valid!));
        using var test = new LabelledTensors(ImageNetInput.From(splits.Test!), ImageTensors.Labels(splits.Test!));
        var options = new DeepTrainOptions("onnx-scratch", splits.Name, epochs, "adam", "cosine", 1e-3, batch, seed);
        using var trainer = new DeepTrainer(net, options, CPU);
        trainer.Fit(train, valid, test, m => io.Out.WriteLine("scratch " + RunReport.EpochLine(m, epochs)));
        return trainer.History;
    }
}

/// <summary>What a finetune run leaves beside its history as <c>{pretrained,scratch}-run.json</c>: its settings and its wall time (data loading and feature caching included).</summary>
/// <param name="Settings">The run's settings.</param>
/// <param name="WallSeconds">Wall seconds from loading the data to the last epoch.</param>
internal sealed record FinetuneRun(FinetuneSettings Settings, double WallSeconds);

/// <summary>The settings of a finetune run.</summary>
/// <param name="Data">The data's catalog name or path.</param>
/// <param name="Mode">"pretrained" or "scratch".</param>
/// <param name="Network">The ONNX file's name.</param>
/// <param name="Size">Square input size in pixels.</param>
/// <param name="HeadEpochs">Phase 1 epochs (0 for scratch).</param>
/// <param name="Epochs">Phase 2 or scratch epochs.</param>
/// <param name="Batch">Batch size.</param>
/// <param name="Seed">Seed.</param>
/// <param name="Recipe">The pretrained run's recipe (null for scratch runs).</param>
internal sealed record FinetuneSettings(string Data, string Mode, string Network, int Size, int HeadEpochs, int Epochs, int Batch, long Seed, Recipe? Recipe = null);

/// <summary>The levers of a pretrained run beyond its epochs and size.</summary>
/// <param name="Views">How the training views are made.</param>
/// <param name="LabelSmoothing">Label smoothing, [0, 1).</param>
/// <param name="Warmup">Phase 2 warm-up epochs.</param>
/// <param name="Tta">Test-time views: none or flip.</param>
/// <param name="TuneBlocks">Residual blocks fine-tuned, from the end.</param>
/// <param name="TrainOn">train or train+val.</param>
/// <param name="FeatureCache">Folder of the frozen-feature cache, or null (not part of the settings' meaning: a cached run ends the same).</param>
internal sealed record Recipe(ViewOptions Views, double LabelSmoothing, int Warmup, string Tta, int TuneBlocks, string TrainOn,
    [property: System.Text.Json.Serialization.JsonIgnore] string? FeatureCache = null);
