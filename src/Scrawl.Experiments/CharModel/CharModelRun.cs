using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Scrawl.Data;
using Scrawl.Data.Augmentation;
using Scrawl.Experiments.Training;
using Scrawl.NeuralNet;
using Scrawl.NeuralNet.Losses;
using Scrawl.NeuralNet.Optimizers;
using Scrawl.NeuralNet.Serialization;
using Scrawl.NeuralNet.Training;
using Scrawl.Ocr;
using Scrawl.Ocr.Training;
using Scrawl.Reporting;

namespace Scrawl.Experiments.CharModel;

/// <summary>What a character-model run left: the model's path, its held-out score and its wall time.</summary>
/// <param name="ModelPath">The written charmodel.scrawl.</param>
/// <param name="Score">The model scored on the held-out real data.</param>
/// <param name="Seconds">Wall seconds of the whole run (≥ 0).</param>
public sealed record CharModelResult(string ModelPath, CharModelScore Score, double Seconds);

/// <summary>
/// Trains the OCR character CNN from scratch on synthetic + real handwriting, reproducibly, into a folder:
/// charmodel.scrawl and charmodel.json (charmodel-mixed.* for 62 classes), history.csv/json, augmentation.png, accuracy.png, confusion-heldout.png.
/// </summary>
public static class CharModelRun
{
    /// <summary>
    /// Runs <paramref name="recipe"/> into <paramref name="folder"/>; real data sets come from <paramref name="load"/> (a catalog
    /// name and split seed → splits) and progress lines go to <paramref name="log"/>. Out-of-range recipes are an <see cref="ArgumentException"/>.
    /// </summary>
    public static CharModelResult Run(CharModelRecipe recipe, string folder, Func<string, long, DatasetSplits> load, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(log);
        recipe.Validate();
        var clock = Stopwatch.StartNew();
        var sources = CharModelData.Load(recipe.SynthPerClass, recipe.Seed, recipe.SyntheticOnly, load, log, recipe.ExtraReal, recipe.Classes);
        var classes = sources.Synthetic.ClassNames;
        var sampler = new EpochSampler(sources, recipe.PerClass, recipe.SyntheticFraction, recipe.Seed + 2, recipe.Augment ? new AugmentOptions { GapProbability = recipe.Gaps } : null, recipe.Draw);
        var network = CharModelNetwork.Create(sources.Synthetic.Height, classes.Count, recipe.Width, recipe.Seed);
        var valid = ImageSet.Concat("real-valid", [.. sources.RealValid]);
        var options = new TrainingOptions
        {
            Epochs = recipe.Epochs, BatchSize = recipe.Batch, Reduction = Reduction.Mean, Seed = recipe.Seed + 3,
            Schedule = LearningRateSchedule.Parse(recipe.Schedule),
        };
        var trainer = new Trainer(network, new SoftmaxCrossEntropy(), new Adam(recipe.LearningRate), options);
        log($"network: {CharModelNetwork.Describe(recipe.Width, classes.Count)}; {network.ParameterCount:N0} parameters");
        log($"training: {recipe.Epochs} epochs × {sampler.EpochSize:N0} samples ({(recipe.Draw.ClassPrior > 0 ? $"{sampler.Quotas.Min()}–{sampler.Quotas.Max()}" : recipe.PerClass)} per class, {recipe.SyntheticFraction:P0} synthetic{(recipe.SyntheticOnly ? ", synthetic only" : "")}{(recipe.Draw.PooledReal ? ", real images pooled" : "")}{(recipe.Draw.LabelSmoothing > 0 ? $", label smoothing {recipe.Draw.LabelSmoothing.ToString(CultureInfo.InvariantCulture)}" : "")}), Adam {recipe.LearningRate.ToString(CultureInfo.InvariantCulture)} {options.Schedule!.Kind}, batch {recipe.Batch}");
        Directory.CreateDirectory(folder);
        Figure.Save(Path.Combine(folder, "augmentation.png"), AugmentationPreview(sampler, classes));
        var history = new List<EpochMetrics>();
        trainer.Fit(sampler.Epoch, valid.Features(), Labels.OneHot(valid.Labels, classes.Count), m =>
        {
            history.Add(m);
            log(string.Create(CultureInfo.InvariantCulture,
                $"epoch {m.Epoch,3}/{recipe.Epochs}  train_loss {m.TrainLoss:F4}  train_acc {m.TrainAccuracy:F4}  valid_loss {m.ValidLoss:F4}  valid_acc {m.ValidAccuracy:F4}  {m.Seconds:F1} s"));
        });

        var score = CharModelScore.Evaluate(network, sources.HeldOut);
        var manifest = CharModelManifest.Create(recipe, network, score.Sources.Select(s => (s.Source, s.Accuracy)), score.Overall, history, clock.Elapsed.TotalSeconds);
        double? temperature = recipe.Calibrate ? FitTemperature(network, valid, classes, log) : null;
        var metadata = new ClassifierMetadata(classes, Temperature: temperature).ToMetadata();
        metadata["recipe"] = JsonSerializer.Serialize(recipe, ExperimentsJson.Default.CharModelRecipe);
        metadata["heldout-accuracy"] = score.Overall.ToString("F4", CultureInfo.InvariantCulture);
        string modelPath = Path.Combine(folder, recipe.ModelFileName);
        ModelFile.Save(new Model(network, ModelHead.Softmax, metadata), modelPath);
        CharModelManifest.Save(manifest, Path.Combine(folder, Path.ChangeExtension(recipe.ModelFileName, ".json")));
        RunHistory.Write(folder, history);
        Figure.Save(Path.Combine(folder, "accuracy.png"), LearningCurves.Render(history, CurveMetric.Accuracy, "Character model: augmented train vs real validation accuracy"));
        Figure.Save(Path.Combine(folder, "confusion-heldout.png"), ConfusionFigure.Render(score.Confusion, "Held-out real handwriting"));
        return new CharModelResult(modelPath, score, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The temperature that minimises the negative log-likelihood of the real validation crops (see <see cref="CharModelRecipe.Calibrate"/>).</summary>
    private static double FitTemperature(Sequential network, ImageSet valid, IReadOnlyList<string> classes, Action<string> log)
    {
        var (t, fit) = CalibrationStudy.Fit(new NetworkClassifier(network, classes, ModelHead.Softmax, CropConvention.Scrawl), [valid]);
        log(string.Create(CultureInfo.InvariantCulture,
            $"calibration: temperature {t:F3} fitted on {fit.Count:N0} real validation crops (ECE {fit.EceBefore:F3} → {fit.EceAfter:F3})"));
        return t;
    }

    private static byte[] AugmentationPreview(EpochSampler sampler, IReadOnlyList<string> classes)
    {
        var (inputs, _, labels) = sampler.EpochWithLabels(1);
        int side = (int)Math.Sqrt(inputs.Dim(1));
        // Rows are grouped by class (each class's quota in turn): the first eight of every class.
        var rows = Enumerable.Range(0, labels.Length).GroupBy(i => labels[i]).OrderBy(g => g.Key).SelectMany(g => g.Take(8)).ToArray();
        var images = new ImageSet(inputs.Reshape(inputs.Rows, side, side), labels, classes, "augmented").Subset(rows);
        return Media.Montage.Render(images, perClass: 8, columns: 3);
    }
}
