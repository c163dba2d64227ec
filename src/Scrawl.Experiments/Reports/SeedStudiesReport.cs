using System.Globalization;
using System.Text.RegularExpressions;
using Scrawl.Data;
using Scrawl.Compression;
using Scrawl.Experiments.Training;
using Scrawl.NeuralNet.Serialization;
using Scrawl.NeuralNet.Training;
using Scrawl.Reporting;

namespace Scrawl.Experiments.Reports;

/// <summary>
/// The seed's studies in the report: the classifier (curves, weights, confusion), the learning-rate study, the
/// autoencoder and PCA with their comparison; each section built from the run folder its command left.
/// </summary>
internal sealed class SeedStudiesReport : IReportPart
{
    private const string Train = "classifier", SweepStage = "learning-rate study", AutoencoderStage = "autoencoder", PcaStage = "PCA";

    /// <inheritdoc/>
    public IEnumerable<ReportStagePlan> Plan(ReportContext context)
    {
        var s = context.Settings;
        string seed = ReportFiles.Text(s.Seed);
        string train = Path.Combine(s.Runs, "train"), sweep = Path.Combine(s.Runs, "sweep");
        string autoencoder = Path.Combine(s.Runs, "autoencoder"), pca = Path.Combine(s.Runs, "pca");
        var run = new TrainSettings(s.Data, 64, s.Epochs, 0.02f, 64, 0f, false, s.Seed);
        yield return new(Train, s.Epochs,
            ["train", "--data", s.Data, "--hidden", "64", "--epochs", ReportFiles.Text(s.Epochs), "--lr", "0.02", "--batch", "64", "--seed", seed, "--out", train],
            train, () => TrainRunMatches(train, run, "curves-loss.png", "history.json"));
        yield return new(SweepStage, 3 * s.SweepEpochs,
            ["sweep-lr", "--data", s.Data, "--lr", "0.02", "--epochs", ReportFiles.Text(s.SweepEpochs), "--hidden", "64", "--batch", "64", "--seed", seed, "--out", sweep],
            sweep, () => TrainRunMatches(Path.Combine(sweep, "lr-0.02"), run with { Epochs = s.SweepEpochs }, "history.json")
                && ReportFiles.AllExist(sweep, "sweep.csv", "sweep-loss.png", "sweep-accuracy.png"));
        yield return new(AutoencoderStage, s.AutoencoderEpochs,
            ["compress", "autoencoder", "--data", s.Data, "--epochs", ReportFiles.Text(s.AutoencoderEpochs), "--recipe", s.Recipe, "--seed", seed, "--out", autoencoder],
            autoencoder, () => AutoencoderMatches(autoencoder, s, context.Splits.Name));

        // PCA fits in well under a second: always run, so its fit time is measured now.
        yield return new(PcaStage, 0,
            ["compress", "pca", "--data", s.Data, "--components", "32", "--seed", seed, "--out", pca, "--autoencoder", Path.Combine(autoencoder, "model.scrawl")],
            pca, () => false);
    }

    /// <inheritdoc/>
    public void AddSections(ReportDocument document, ReportContext context, IReadOnlyDictionary<string, ReportStage> stages)
    {
        var splits = context.Splits;
        Classifier(document, stages[Train], splits);
        Sweep(document, stages[SweepStage]);
        Weights(document, stages[Train]);
        Confusion(document, stages[Train], splits);
        Autoencoder(document, stages[AutoencoderStage]);
        PcaAndComparison(document, stages[PcaStage], stages[AutoencoderStage]);
    }

    /// <summary>True when <paramref name="folder"/> holds a finished train run made with exactly <paramref name="settings"/> and the named files.</summary>
    private static bool TrainRunMatches(string folder, TrainSettings settings, params string[] files)
    {
        string model = Path.Combine(folder, "model.scrawl");
        if (!ReportFiles.AllExist(folder, [.. files, "model.scrawl"]))
        {
            return false;
        }

        return TrainingRun.SettingsOf(model) == settings;
    }

    private static bool AutoencoderMatches(string folder, ReportSettings s, string dataName)
    {
        if (!ReportFiles.AllExist(folder, "model.scrawl", "loss.csv", "autoencoder-loss.png", "autoencoder-reconstructions.png"))
        {
            return false;
        }

        var m = ReportFiles.TryMetadata(Path.Combine(folder, "model.scrawl"));
        var defaults = new AutoencoderOptions { Recipe = Enum.Parse<AutoencoderRecipe>(s.Recipe, ignoreCase: true) };
        return m is not null && Get(m, "data") == dataName && Get(m, "recipe") == s.Recipe && Get(m, "epochs") == ReportFiles.Text(s.AutoencoderEpochs)
            && Get(m, "seed") == ReportFiles.Text(s.Seed) && Get(m, "batch") == ReportFiles.Text(defaults.BatchSize)
            && Get(m, "lr") == defaults.EffectiveLearningRate.ToString("R", CultureInfo.InvariantCulture);
    }

    private static void Classifier(ReportDocument document, ReportStage stage, DatasetSplits splits)
    {
        var history = RunHistory.Read(stage.Folder);
        var section = document.AddSection("Classifier training (seed §3)",
            $"The seed's MLP {splits.Train.FeatureCount}-64-{splits.Train.ClassNames.Count} (sigmoid hidden layer, softmax cross-entropy, Xavier-uniform init, plain SGD on summed gradients, lr 0.02, batch 64), {history.Count} epochs.");
        section.AddFigure(Png(stage, "curves-loss.png"), "Cross-entropy loss per epoch: training (dashed) and validation (solid).", stage.Command);
        section.AddFigure(Png(stage, "curves-accuracy.png"), "Accuracy per epoch: training (dashed) and validation (solid).", stage.Command);
        var last = history[^1];
        section.AddTable(["epoch", "train loss", "train accuracy", "valid loss", "valid accuracy"],
            [[ReportFiles.Text(last.Epoch), F(last.TrainLoss, "F4"), F(last.TrainAccuracy, "F4"), F(last.ValidLoss, "F4"), F(last.ValidAccuracy, "F4")]],
            "The classifier after its last epoch.", stage.Command);
    }

    private static void Sweep(ReportDocument document, ReportStage stage)
    {
        var rows = File.ReadAllLines(Path.Combine(stage.Folder, "sweep.csv")).Skip(1).Select(l => l.Split(',')).Where(f => f.Length >= 7).ToList();
        var results = rows.Select(f => new SweepRun(float.Parse(f[0], CultureInfo.InvariantCulture), new TrainOutcome(
            [new EpochMetrics(int.Parse(f[1], CultureInfo.InvariantCulture), D(f[2]), D(f[3]), D(f[4]), D(f[5]), 0)],
            f[6] == "1" ? new TrainingDivergedException(int.Parse(f[1], CultureInfo.InvariantCulture) + 1) : null))).ToList();
        float? best = LearningRateSweep.Best(results);
        var section = document.AddSection("Learning-rate study (seed Figure 1)",
            $"The same network and seed trained at lr, 10·lr and 0.1·lr; best rate by final validation accuracy: {(best is { } b ? b.ToString(CultureInfo.InvariantCulture) : "none (every run diverged)")}.");
        section.AddFigure(Png(stage, "sweep-loss.png"), "Loss per epoch at each learning rate on shared axes (dashed train, solid valid).", stage.Command);
        section.AddFigure(Png(stage, "sweep-accuracy.png"), "Accuracy per epoch at each learning rate on shared axes (dashed train, solid valid).", stage.Command);
        section.AddTable(["lr", "epochs", "train loss", "train accuracy", "valid loss", "valid accuracy", "note"],
            [.. rows.Select(f => (IReadOnlyList<string>)[f[0], f[1], F(D(f[2]), "F4"), F(D(f[3]), "F4"), F(D(f[4]), "F4"), F(D(f[5]), "F4"),
                f[6] == "1" ? "diverged" : float.Parse(f[0], CultureInfo.InvariantCulture) == best ? "best" : ""])],
            "Final epoch of each learning-rate run (a diverged run never wins).", stage.Command);
    }

    private static void Weights(ReportDocument document, ReportStage stage)
    {
        var section = document.AddSection("First-layer weights (seed Figure 2)",
            "Each of the 64 hidden units' 1,024 incoming weights drawn as a 32×32 tile, normalised per tile (smallest weight black, largest white).");
        if (!File.Exists(Path.Combine(stage.Folder, "weights-init.png")))
        {
            section.AddNote("Not drawn: the weight grids need 32×32 grey input and 64 hidden units.");
            return;
        }

        section.AddFigure(Png(stage, "weights-init.png"), "First-layer weights at initialisation (Xavier-uniform noise).", stage.Command);
        section.AddFigure(Png(stage, "weights-final.png"), "First-layer weights after training: stroke-like detectors.", stage.Command);
    }

    private static void Confusion(ReportDocument document, ReportStage stage, DatasetSplits splits)
    {
        var section = document.AddSection("Confusion matrices (seed Figure 3)",
            "Rows are the true class, columns the prediction; colour is the share of the true class. The seed found 0/O, 1/I, 2/Z and 5/S most confused.");
        var network = ModelFile.Load(Path.Combine(stage.Folder, "model.scrawl")).Network;
        var rows = new List<IReadOnlyList<string>>();
        foreach (var (split, set) in splits.Parts())
        {
            var matrix = ConfusionMatrix.Compute(set.Labels, network.PredictClasses(set.Features()), splits.Train.ClassNames);
            section.AddFigure(Png(stage, $"confusion-{split}.png"), $"Confusion matrix of the {split} split ({set.Count:N0} images, accuracy {matrix.Accuracy:P1}).", stage.Command);
            var pairs = matrix.MostConfusedPairs(5);
            rows.Add([split, F(matrix.Accuracy, "F4"), pairs.Count == 0 ? "none" : string.Join(", ", pairs.Select(p => $"{p.A}/{p.B} ({p.Count})"))]);
        }

        section.AddTable(["split", "accuracy", "most confused pairs (both directions, count)"], rows,
            "The five class pairs mixed up most often in each split.", stage.Command);
    }

    private static void Autoencoder(ReportDocument document, ReportStage stage)
    {
        var metadata = ModelFile.Load(Path.Combine(stage.Folder, "model.scrawl")).Metadata;
        string recipe = metadata.TryGetValue("recipe", out string? r) ? r : "?";
        var section = document.AddSection("Autoencoder (seed §5, Figure 7)",
            $"D → 32 → 32 → 32 → D, ReLU hidden layers, sigmoid output, squared error; recipe {recipe}, lr {Get(metadata, "lr")}, batch {Get(metadata, "batch")}, {Get(metadata, "epochs")} epochs.");
        section.AddFigure(Png(stage, "autoencoder-loss.png"), "Autoencoder loss (squared error per image) per epoch: training (dashed) and validation (solid).", stage.Command);
        section.AddFigure(Png(stage, "autoencoder-reconstructions.png"), "Ten validation images (top) above their autoencoder reconstructions (bottom).", stage.Command);
    }

    private static void PcaAndComparison(ReportDocument document, ReportStage pca, ReportStage autoencoder)
    {
        string output = pca.Output;
        var matrix = Regex.Match(output, @"projection matrix: (\d+)×(\d+), rank (\d+), variance along the components ([\d.]+)");
        var pcaRow = Regex.Match(output, @"^PCA, (\d+) components\s+([\d,]+)\s+([\d.]+)", RegexOptions.Multiline);
        var aeRow = Regex.Match(output, @"^(autoencoder \d+-32-32-32-\d+)\s+([\d,]+)\s+([\d.]+)", RegexOptions.Multiline);
        var fit = Regex.Match(output, @"^fit-seconds: ([\d.]+)", RegexOptions.Multiline);
        if (!matrix.Success || !pcaRow.Success || !aeRow.Success || !fit.Success)
        {
            throw new InvalidDataException($"{pca.Command}: its output lacks the projection matrix, the comparison rows or fit-seconds.");
        }

        var section = document.AddSection("PCA (seed §6, Figure 8)",
            "The projection matrix is fitted on the training images (randomized SVD on Scrawl's GEMM) and measured on the validation images.");
        section.AddFigure(Png(pca, "pca-reconstructions.png"), $"Ten validation images (top) above their PCA reconstructions from {pcaRow.Groups[1].Value} components (bottom).", pca.Command);
        section.AddTable(["components", "projection matrix", "rank", "variance along the components (sum)", "fit seconds", "PSNR (dB)"],
            [[pcaRow.Groups[1].Value, $"{matrix.Groups[1].Value}×{matrix.Groups[2].Value}", matrix.Groups[3].Value, matrix.Groups[4].Value, fit.Groups[1].Value, pcaRow.Groups[3].Value]],
            "PCA fitted on the training images: rank of the projection matrix, fit time, mean validation PSNR (MAX = 1).", pca.Command);

        double pcaPsnr = D(pcaRow.Groups[3].Value), aePsnr = D(aeRow.Groups[3].Value), gain = aePsnr - pcaPsnr;
        var comparison = document.AddSection("Autoencoder vs PCA",
            string.Create(CultureInfo.InvariantCulture, $"Both compress each image to 32 numbers and are measured on the same validation images. Goal: the autoencoder beats PCA by ≥ 1 dB; here it is {gain:+0.00;-0.00} dB ({(gain >= 1 ? "met" : "not met")})."));
        comparison.AddTable(["method", "parameters", "PSNR (dB)", "seed's PSNR (dB)"],
        [
            [$"PCA, {pcaRow.Groups[1].Value} components", pcaRow.Groups[2].Value, pcaRow.Groups[3].Value, "16.3"],
            [aeRow.Groups[1].Value, aeRow.Groups[2].Value, aeRow.Groups[3].Value, "15.2"],
        ], "Parameters and mean validation PSNR of PCA and of the trained autoencoder (seed: 32,768 vs 68,704 parameters).", $"{autoencoder.Command} && {pca.Command}");
    }

    /// <summary>The PNG <paramref name="file"/> a stage left in its folder; <see cref="InvalidDataException"/> naming it when missing or not a PNG.</summary>
    internal static byte[] Png(ReportStage stage, string file)
    {
        string path = Path.Combine(stage.Folder, file);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: missing; rerun the report with --fresh or run {stage.Command}.");
        }

        byte[] png = File.ReadAllBytes(path);
        return ReportFigure.IsPng(png) ? png : throw new InvalidDataException($"{path}: not a PNG file.");
    }

    private static string Get(IReadOnlyDictionary<string, string> metadata, string key) => metadata.TryGetValue(key, out string? v) ? v : "?";

    private static double D(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

}
