using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Scrawl.Experiments.Training;
using Scrawl.NeuralNet.Training;
using Scrawl.Reporting;

namespace Scrawl.Experiments.Reports;

/// <summary>
/// The seed's deep-learning section in the report (<c>scrawl report --deep</c>): TorchSharp MLP and CNN runs, transfer
/// learning on flowers-17 (pretrained vs scratch on shared axes, the recipe of issue #20 and its two-seed ensemble) and the TorchSharp-vs-PyTorch benchmark. Each stage runs
/// <c>scrawl-deep</c> as a child process, so this program still never loads libtorch; finished runs are collected.
/// </summary>
internal sealed partial class DeepStudiesReport : IReportPart
{
    private const string PretrainedStage = "deep finetune pretrained", ScratchStage = "deep finetune scratch", RecipeStage = "deep finetune recipe", BenchStage = "deep bench";
    private const string Flowers = "flowers17";

    /// <summary>One <c>deep train</c> run: stage name, model, data, epochs, learning rate, batch, width (--hidden), augmentation, the seed's figure to compare with, and a suffix of its run folder.</summary>
    internal sealed record TrainStudy(string Name, string Model, string Data, int Epochs, double LearningRate, int Batch, int Hidden, string Augment, string SeedResult, string Tag = "");

    /// <summary>The settings <c>deep train</c> writes to settings.json (its DeepTrainOptions).</summary>
    private sealed record TrainSettings(string Model, string Data, int Epochs, string Optimizer, string Schedule, double LearningRate, int Batch, long Seed, int Hidden, string Augment);

    /// <summary>The settings <c>deep finetune</c> writes to {mode}-run.json (the recipe: pretrained runs only).</summary>
    private sealed record FinetuneSettings(string Data, string Mode, string Network, int Size, int HeadEpochs, int Epochs, int Batch, long Seed, RecipeSettings? Recipe = null);

    /// <summary>A pretrained run's levers as <c>deep finetune</c> records them.</summary>
    private sealed record RecipeSettings(ViewSettings Views, double LabelSmoothing, int Warmup, string Tta, int TuneBlocks, string TrainOn);

    /// <summary>A pretrained run's training views as <c>deep finetune</c> records them.</summary>
    private sealed record ViewSettings(string Mode, int Views, double MinArea, double Jitter, long Seed);

    /// <summary>The flowers-17 recipe of issue #20 (trained on train, judged on valid): size, head epochs, fine-tune epochs, crops per image, label smoothing, warm-up epochs, blocks tuned.</summary>
    private static (int Size, int Head, int Tune, int Views, double Smoothing, int Warmup, int Blocks) Recipe(bool quick) =>
        quick ? (32, 2, 1, 2, 0.1, 0, 2) : (224, 30, 3, 3, 0.1, 1, 2);

    private sealed record FinetuneRun(FinetuneSettings Settings, double WallSeconds);

    /// <summary>One epoch of a deep run's history.json.</summary>
    private sealed record DeepEpoch(int Epoch, double TrainLoss, double TrainAccuracy, double ValidLoss, double ValidAccuracy, double TestLoss, double TestAccuracy, double LearningRate, double Seconds);

    /// <summary>The JSON files the deep runs leave, read without reflection (NaN and infinities allowed, as in every history).</summary>
    [JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
    [JsonSerializable(typeof(TrainSettings))]
    [JsonSerializable(typeof(FinetuneRun))]
    [JsonSerializable(typeof(List<DeepEpoch>))]
    [JsonSerializable(typeof(List<EpochMetrics>))]
    private sealed partial class DeepJson : JsonSerializerContext;

    /// <summary>The <c>deep train</c> runs of the report: the seed's FC net and a CNN on the report's data, CNNs on the digit, clothing and handwriting sets; <paramref name="quick"/>: a 2-epoch MLP on the report's data and a 1-epoch CNN on mnist-10k.</summary>
    internal static IReadOnlyList<TrainStudy> TrainStudies(ReportSettings s, bool quick) => quick
        ?
        [
            new("deep mlp", "mlp", s.Data, 2, 0.003, 64, 64, "none", "—"),
            new("deep cnn mnist-10k", "cnn", "mnist-10k", 1, 0.002, 64, 64, "none", "MNIST: 99.4 %"),
        ]
        :
        [
            new("deep mlp", "mlp", s.Data, 10, 0.003, 64, 64, "none", "—"),
            new("deep cnn", "cnn", s.Data, 3, 0.002, 64, 64, "none", "—"),
            new("deep cnn mnist-10k", "cnn", "mnist-10k", 3, 0.002, 64, 64, "none", "MNIST: 99.4 %"),
            new("deep cnn fashion-mnist", "cnn", "fashion-mnist", 12, 0.002, 128, 128, "flip", "goal ≥ 93 %"),
            new("deep cnn photo-chars", "cnn", "photo-chars", 6, 0.001, 64, 64, "none", "—"),
            new("deep cnn emnist-sample", "cnn", "emnist-sample", 6, 0.001, 64, 64, "none", "EMNIST: 90.4 %"),
            new("deep cnn mnist-10k long", "cnn", "mnist-10k", 15, 0.002, 64, 64, "shift", "MNIST: 99.4 %; goal ≥ 99.3 %", "-long"),
        ];

    /// <inheritdoc/>
    public IEnumerable<ReportStagePlan> Plan(ReportContext context)
    {
        var s = context.Settings;
        string seed = ReportFiles.Text(s.Seed);
        foreach (var t in TrainStudies(s, s.Quick))
        {
            string folder = Folder(s, t);
            var expected = new TrainSettings(t.Model, t.Data, t.Epochs, "adam", "cosine", t.LearningRate, t.Batch, s.Seed, t.Hidden, t.Augment);
            yield return new(t.Name, t.Epochs,
                ["deep", "train", "--model", t.Model, "--data", t.Data, "--epochs", ReportFiles.Text(t.Epochs), "--lr", Number(t.LearningRate),
                 "--batch", ReportFiles.Text(t.Batch), "--hidden", ReportFiles.Text(t.Hidden), "--augment", t.Augment, "--seed", seed, "--out", folder],
                folder, () => ReportFiles.AllExist(folder, "history.json", "model.pt", "curves-loss.png", "curves-accuracy.png")
                    && Read(Path.Combine(folder, "settings.json"), DeepJson.Default.TrainSettings) == expected);
        }

        string flowers = Path.Combine(s.Runs, "deep", Flowers);
        var (size, head, tune) = s.Quick ? (32, 2, 1) : (224, 30, 3);
        yield return new(PretrainedStage, head + tune,
            ["deep", "finetune", "--data", Flowers, "--size", ReportFiles.Text(size), "--head-epochs", ReportFiles.Text(head), "--epochs", ReportFiles.Text(tune), "--seed", seed, "--out", flowers],
            flowers, () => FinetuneMatches(flowers, new FinetuneSettings(Flowers, "pretrained", "ResNet18.onnx", size, head, tune, 32, s.Seed,
                new RecipeSettings(new ViewSettings("flip", 4, 0.35, 0.3, s.Seed), 0, 0, "none", 2, "train"))));
        var (scratchSize, scratchEpochs) = s.Quick ? (32, 1) : (64, 10);
        yield return new(ScratchStage, scratchEpochs,
            ["deep", "finetune", "--data", Flowers, "--scratch", "--size", ReportFiles.Text(scratchSize), "--epochs", ReportFiles.Text(scratchEpochs), "--seed", seed, "--out", flowers],
            flowers, () => FinetuneMatches(flowers, new FinetuneSettings(Flowers, "scratch", "ResNet18.onnx", scratchSize, 0, scratchEpochs, 32, s.Seed)));

        // The recipe of #20: random-resized crops with colour jitter, label smoothing, warm-up, flip TTA.
        var r = Recipe(s.Quick);
        string recipeFolder = Path.Combine(s.Runs, "deep", Flowers + "-recipe");
        yield return new(RecipeStage, r.Head + r.Tune,
            ["deep", "finetune", "--data", Flowers, "--size", ReportFiles.Text(r.Size), "--head-epochs", ReportFiles.Text(r.Head), "--epochs", ReportFiles.Text(r.Tune),
             "--augment", "crops", "--views", ReportFiles.Text(r.Views), "--label-smoothing", Number(r.Smoothing), "--warmup", ReportFiles.Text(r.Warmup),
             "--tune-blocks", ReportFiles.Text(r.Blocks), "--tta", "flip", "--seed", seed, "--out", recipeFolder],
            recipeFolder, () => FinetuneMatches(recipeFolder, new FinetuneSettings(Flowers, "pretrained", "ResNet18.onnx", r.Size, r.Head, r.Tune, 32, s.Seed,
                new RecipeSettings(new ViewSettings("crops", r.Views, 0.35, 0.3, s.Seed), r.Smoothing, r.Warmup, "flip", r.Blocks, "train"))));

        // The recipe that met #20's goal: two train+val runs and their ensemble (DeepStudiesReport.Ensemble.cs).
        foreach (var plan in FinalPlans(s))
        {
            yield return plan;
        }

        // The benchmark measures this machine now: always run.
        int benchEpochs = s.Quick ? 1 : 2;
        yield return new(BenchStage, benchEpochs,
            ["deep", "bench", "cnn", "--data", "mnist-10k", "--epochs", ReportFiles.Text(benchEpochs), "--limit", s.Quick ? "512" : "4000", "--seed", seed],
            Path.Combine(s.Runs, "deep"), () => false);
    }

    /// <inheritdoc/>
    public void AddSections(ReportDocument document, ReportContext context, IReadOnlyDictionary<string, ReportStage> stages)
    {
        var s = context.Settings;
        var studies = TrainStudies(s, s.Quick);
        var runs = studies.Select(t => (Study: t, Stage: stages[t.Name], History: History(stages[t.Name].Folder, ""))).ToList();
        var section = document.AddSection("Deep learning on TorchSharp (seed §7)",
            "The seed's framework section redone in TorchSharp (libtorch, CPU) by the separate scrawl-deep program: the seed's FC network and a CNN "
            + "(3 × conv 3×3 + batch norm + ReLU + max-pool, widths w/2w/4w, dropout, dense 128), softmax cross-entropy, Adam with a cosine schedule, seeded.");
        section.AddTable(["run", "data", "epochs", "train accuracy", "valid accuracy", "test accuracy", "training seconds", "seed / goal"],
            [.. runs.Select(r => (IReadOnlyList<string>)[Network(r.Study), r.Study.Data + (r.Study.Augment == "none" ? "" : $" ({r.Study.Augment})"), ReportFiles.Text(r.History.Count),
                Percent(r.History[^1].TrainAccuracy), Percent(r.History[^1].ValidAccuracy), Percent(r.History[^1].TestAccuracy),
                r.History.Sum(m => m.Seconds).ToString("F0", CultureInfo.InvariantCulture), r.Study.SeedResult])],
            "Final epoch of each TorchSharp run (test = the data's held-out test split, never trained on).", string.Join(" && ", runs.Select(r => r.Stage.Command)));
        foreach (var (study, stage, _) in runs)
        {
            section.AddFigure(SeedStudiesReport.Png(stage, "curves-accuracy.png"), $"{study.Model} on {study.Data}: accuracy per epoch, training (dashed), validation and test (solid).", stage.Command);
            section.AddFigure(SeedStudiesReport.Png(stage, "curves-loss.png"), $"{study.Model} on {study.Data}: cross-entropy per epoch, training (dashed), validation and test (solid).", stage.Command);
        }

        var mlp = runs.FirstOrDefault(r => r.Study.Model == "mlp");
        if (stages.TryGetValue("classifier", out var own) && mlp.Study is not null)
        {
            var ownHistory = Read(Path.Combine(own.Folder, "history.json"), DeepJson.Default.ListEpochMetrics)
                ?? throw new InvalidDataException($"{Path.Combine(own.Folder, "history.json")}: missing or unreadable.");
            section.AddTable(["engine", "network", "optimizer", "epochs", "valid accuracy"],
            [
                ["Scrawl (own engine)", "FC 64 hidden, sigmoid", "SGD lr 0.02, summed gradients", ReportFiles.Text(ownHistory.Count), Percent(ownHistory[^1].ValidAccuracy)],
                ["TorchSharp", "FC 64 hidden, sigmoid", $"Adam lr {Number(mlp.Study.LearningRate)}, cosine", ReportFiles.Text(mlp.History.Count), Percent(mlp.History[^1].ValidAccuracy)],
            ], "The seed's FC network on the same data and split in both engines (their numeric agreement for the same weights is checked by the parity test in the test suite).",
                $"{own.Command} && {mlp.Stage.Command}");
        }

        Transfer(document, stages[PretrainedStage], stages[ScratchStage], stages[RecipeStage]);
        Final(document, stages);
        Bench(document, stages[BenchStage]);
    }

    private static void Transfer(ReportDocument document, ReportStage pretrained, ReportStage scratch, ReportStage recipe)
    {
        var pre = History(pretrained.Folder, "pretrained-");
        var scr = History(scratch.Folder, "scratch-");
        var rec = History(recipe.Folder, "pretrained-");
        var preRun = Read(Path.Combine(pretrained.Folder, "pretrained-run.json"), DeepJson.Default.FinetuneRun);
        var scrRun = Read(Path.Combine(scratch.Folder, "scratch-run.json"), DeepJson.Default.FinetuneRun);
        var recRun = Read(Path.Combine(recipe.Folder, "pretrained-run.json"), DeepJson.Default.FinetuneRun);
        double goal = pre[^1].TestAccuracy;
        var section = document.AddSection("Transfer learning on flowers-17 (seed Figure 13)",
            $"ImageNet-trained ResNet18 (ResNet18.onnx of ML.NET's featurizer package, imported by Scrawl's ONNX importer) fine-tuned on Oxford flowers-17, against the same graph from random weights. "
            + $"Pretrained: a linear head on cached frozen features, then the last two residual blocks fine-tuned. Goal ≥ 95 % test pretrained: {(goal >= 0.95 ? "met" : "not met")} ({Percent(goal)}).");
        string command = $"{pretrained.Command} && {scratch.Command}";
        foreach (bool accuracy in new[] { true, false })
        {
            var series = new List<CurveSeries>();
            foreach (var (label, history, color) in new[] { ("pretrained", pre, 0), ("scratch", scr, 3) })
            {
                double[] x = [.. history.Select(m => (double)m.Epoch)];
                series.Add(new CurveSeries($"{label} train", x, [.. history.Select(m => accuracy ? m.TrainAccuracy : m.TrainLoss)], color, Dashed: true));
                series.Add(new CurveSeries($"{label} valid", x, [.. history.Select(m => accuracy ? m.ValidAccuracy : m.ValidLoss)], color + 1));
                series.Add(new CurveSeries($"{label} test", x, [.. history.Select(m => accuracy ? m.TestAccuracy : m.TestLoss)], color + 2));
            }

            string name = accuracy ? "accuracy" : "loss";
            section.AddFigure(
                CurveFigure.Render($"flowers-17, pretrained vs scratch: {name} per epoch", "epoch", accuracy ? "accuracy" : "loss (cross-entropy per sample)", series, accuracy ? (0, 1.02) : null),
                $"Pretrained and from-scratch runs on shared axes: {name} per epoch (pretrained: head epochs on cached features, then fine-tuning epochs).", command);
        }

        section.AddTable(["network", "input", "epochs", "valid accuracy", "test accuracy", "wall seconds", "seed (squeezenet)"],
        [
            ["pretrained ResNet18", Side(preRun), $"{preRun?.Settings.HeadEpochs} head + {preRun?.Settings.Epochs} fine-tune", Percent(pre[^1].ValidAccuracy), Percent(pre[^1].TestAccuracy), Wall(preRun), "95.3 %"],
            ["ResNet18 from scratch", Side(scrRun), ReportFiles.Text(scr.Count), Percent(scr[^1].ValidAccuracy), Percent(scr[^1].TestAccuracy), Wall(scrRun), "63.8 %"],
            ["pretrained ResNet18, crops recipe of #20 (crops, jitter, label smoothing, warm-up, flip TTA; history: rejected on valid)", Side(recRun),
                $"{recRun?.Settings.HeadEpochs} head + {recRun?.Settings.Epochs} fine-tune", Percent(rec[^1].ValidAccuracy), Percent(rec[^1].TestAccuracy), Wall(recRun), "goal ≥ 97 %"],
        ], "Final test accuracy of the runs (680 train, 340 valid, 340 test images); wall time includes loading and, pretrained, computing the frozen features.",
            $"{command} && {recipe.Command}");
    }

    private static void Bench(ReportDocument document, ReportStage stage)
    {
        var ours = Regex.Match(stage.Output, @"^torchsharp: ([\d.]+) samples/s", RegexOptions.Multiline);
        var theirs = Regex.Match(stage.Output, @"^\| PyTorch CPU \(([^)]*)\) \| (\d+) \|", RegexOptions.Multiline);
        var ratio = Regex.Match(stage.Output, @"^ratio: torchsharp/pytorch ([\d.]+)x", RegexOptions.Multiline);
        if (!ours.Success)
        {
            throw new InvalidDataException($"{stage.Command}: its output lacks the TorchSharp samples/s line.");
        }

        var section = document.AddSection("TorchSharp vs PyTorch: CNN training throughput",
            "The small CNN of 'scrawl bench cnn' trained with the same model, batch, threads and data in TorchSharp and in PyTorch (bench/torch_cnn.py), one after the other on this machine.");
        var rows = new List<IReadOnlyList<string>> { new[] { "TorchSharp 0.107", double.Parse(ours.Groups[1].Value, CultureInfo.InvariantCulture).ToString("F0", CultureInfo.InvariantCulture), ratio.Success ? ratio.Groups[1].Value + "×" : "—" } };
        if (theirs.Success)
        {
            var version = Regex.Match(stage.Output, @"pytorch: torch=(\S+)");
            rows.Add([(version.Success ? "PyTorch " + version.Groups[1].Value : "PyTorch") + " (" + theirs.Groups[1].Value + ")", theirs.Groups[2].Value, "1×"]);
        }
        else
        {
            section.AddNote("The PyTorch reference was skipped: it needs /usr/bin/python3 with torch (Debian's python3-torch).");
        }

        section.AddTable(["engine", "samples/s", "ratio"], rows, "Training throughput (samples per second) of the same CNN in both frameworks.", stage.Command);
    }

    private static string Network(TrainStudy t) =>
        t.Model == "cnn" ? $"cnn {t.Hidden / 2}/{t.Hidden}/{2 * t.Hidden}" : $"{t.Model} ({t.Hidden} hidden)";

    private static string Folder(ReportSettings s, TrainStudy t) =>
        Path.Combine(s.Runs, "deep", (t.Data == s.Data ? t.Model : $"{t.Model}-{t.Data}") + t.Tag);

    private static bool FinetuneMatches(string folder, FinetuneSettings expected) =>
        ReportFiles.AllExist(folder, expected.Mode + "-history.json") && Read(Path.Combine(folder, expected.Mode + "-run.json"), DeepJson.Default.FinetuneRun)?.Settings == expected;

    private static List<DeepEpoch> History(string folder, string prefix)
    {
        string path = Path.Combine(folder, prefix + "history.json");
        var history = Read(path, DeepJson.Default.ListDeepEpoch);
        return history is { Count: > 0 } ? history : throw new InvalidDataException($"{path}: missing, unreadable or empty; rerun the report with --fresh.");
    }

    /// <summary>The JSON file at <paramref name="path"/> as <typeparamref name="T"/>, or default when it is missing or unreadable.</summary>
    private static T? Read<T>(string path, JsonTypeInfo<T> type)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllBytes(path), type) : default;
        }
        catch (Exception e) when (e is JsonException or IOException or NotSupportedException)
        {
            return default; // an unreadable earlier run is run again
        }
    }

    private static string Side(FinetuneRun? run) => run is null ? "?" : $"{run.Settings.Size}×{run.Settings.Size}";

    private static string Wall(FinetuneRun? run) => run is null ? "?" : run.WallSeconds.ToString("F0", CultureInfo.InvariantCulture);

    private static string Percent(double value) => double.IsNaN(value) ? "—" : (100 * value).ToString("F1", CultureInfo.InvariantCulture) + " %";

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
