using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Scrawl.Data;
using Scrawl.NeuralNet;
using Scrawl.NeuralNet.Losses;
using Scrawl.NeuralNet.Optimizers;
using Scrawl.NeuralNet.Serialization;
using Scrawl.NeuralNet.Training;
using Scrawl.Ocr;
using Scrawl.Ocr.Segmentation;
using Scrawl.Ocr.Training;

namespace Scrawl.Experiments.CharModel;

/// <summary>Everything that determines the segment check's weights (stored in its metadata).</summary>
/// <param name="Epochs">Epochs (≥ 1); each composes fresh crops.</param>
/// <param name="PerEpoch">Crops per epoch (≥ 4).</param>
/// <param name="Width">Channels of the first conv block (≥ 4).</param>
/// <param name="LearningRate">Peak Adam learning rate (&gt; 0).</param>
/// <param name="Seed">Seed of weights, glyphs and composition.</param>
/// <param name="Pieces">Also train on pieces of single glyphs as <c>not</c> (<see cref="SegmentCheckData.Compose(IReadOnlyList{ImageSet}, int, long, bool, CropOptions?, string)"/>).</param>
public sealed record SegmentCheckRecipe(int Epochs = 6, int PerEpoch = 60_000, int Width = 8, float LearningRate = 0.003f, long Seed = 1, bool Pieces = true)
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the options unless every value is in range.</summary>
    public void Validate()
    {
        if (Epochs < 1 || PerEpoch < 4 || Width < 4 || !(LearningRate > 0))
        {
            throw new ArgumentException("--epochs must be ≥ 1, --per-epoch ≥ 4, --width ≥ 4 and --lr > 0.");
        }
    }
}

/// <summary>What a segment-check run left: the model's path, its accuracy on crops composed from held-out glyphs, and its wall time.</summary>
/// <param name="ModelPath">The written segcheck.scrawl.</param>
/// <param name="HeldOutAccuracy">Accuracy (0–1) on crops composed from the held-out real glyphs (photo-chars test split, EMNIST byclass-test never used).</param>
/// <param name="Seconds">Wall seconds of the whole run (≥ 0).</param>
public sealed record SegmentCheckResult(string ModelPath, double HeldOutAccuracy, double Seconds);

/// <summary>
/// Trains the segment check (<see cref="SegmentCheck"/>) from scratch: crops composed by <see cref="SegmentCheckData"/> from synthetic
/// glyphs36, the photo-chars training split and EMNIST more36 (never the photo-chars held-out split or EMNIST byclass-test, which the
/// touching-letters benchmark reads), fresh each epoch; a 2-class <see cref="CharModelNetwork"/>.
/// </summary>
public static class SegmentCheckRun
{
    /// <summary>Runs <paramref name="recipe"/> into <paramref name="folder"/> (segcheck.scrawl); data sets come from <paramref name="load"/>, progress lines go to <paramref name="log"/>.</summary>
    public static SegmentCheckResult Run(SegmentCheckRecipe recipe, string folder, Func<string, long, DatasetSplits> load, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(log);
        recipe.Validate();
        var clock = Stopwatch.StartNew();
        var (glyphs, heldOutGlyphs) = CompositionGlyphs.Load(recipe.Seed, load, log);
        var valid = SegmentCheckData.Compose([heldOutGlyphs], 4_000, recipe.Seed + 1_000_000, recipe.Pieces, name: "held-out");

        var network = CharModelNetwork.Create(new CropOptions().Normalize.Side, 2, recipe.Width, recipe.Seed);
        var options = new TrainingOptions
        {
            Epochs = recipe.Epochs, BatchSize = 128, Reduction = Reduction.Mean, Seed = recipe.Seed + 3,
            Schedule = LearningRateSchedule.Parse("onecycle"),
        };
        var trainer = new Trainer(network, new SoftmaxCrossEntropy(), new Adam(recipe.LearningRate), options);
        log($"network: {CharModelNetwork.Describe(recipe.Width, 2)}; {network.ParameterCount:N0} parameters; {recipe.Epochs} epochs × {recipe.PerEpoch:N0} crops");
        var history = trainer.Fit(
            epoch =>
            {
                var set = SegmentCheckData.Compose(glyphs, recipe.PerEpoch, recipe.Seed + (epoch * 7_919), recipe.Pieces);
                return (set.Features(), Labels.OneHot(set.Labels, 2));
            },
            valid.Features(),
            Labels.OneHot(valid.Labels, 2),
            m => log(string.Create(CultureInfo.InvariantCulture,
                $"epoch {m.Epoch,2}/{recipe.Epochs}  train_loss {m.TrainLoss:F4}  train_acc {m.TrainAccuracy:F4}  held-out_acc {m.ValidAccuracy:F4}  {m.Seconds:F1} s")));

        double accuracy = history[^1].ValidAccuracy; // the held-out crops, scored after the last epoch
        var metadata = new ClassifierMetadata(SegmentCheckData.ClassNames).ToMetadata();
        metadata["recipe"] = JsonSerializer.Serialize(recipe, ExperimentsJson.Default.SegmentCheckRecipe);
        metadata["heldout-accuracy"] = accuracy.ToString("F4", CultureInfo.InvariantCulture);
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, SegmentCheck.FileName);
        ModelFile.Save(new Model(network, ModelHead.Softmax, metadata), path);
        return new SegmentCheckResult(path, accuracy, clock.Elapsed.TotalSeconds);
    }
}
