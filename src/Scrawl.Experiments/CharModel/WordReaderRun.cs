using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Scrawl.Data;
using Scrawl.NeuralNet.Layers;
using Scrawl.NeuralNet.Losses;
using Scrawl.NeuralNet.Optimizers;
using Scrawl.NeuralNet.Serialization;
using Scrawl.NeuralNet.Training;
using Scrawl.Ocr;
using Scrawl.Ocr.Training;
using Scrawl.Ocr.Words;

namespace Scrawl.Experiments.CharModel;

/// <summary>Everything that determines the word reader's weights (stored in its metadata).</summary>
/// <param name="Epochs">Epochs (≥ 1); each composes fresh words.</param>
/// <param name="PerEpoch">Words per epoch (≥ 64).</param>
/// <param name="Width">Channels of the first conv block (≥ 2).</param>
/// <param name="LearningRate">Peak Adam learning rate (&gt; 0), one-cycle schedule.</param>
/// <param name="Seed">Seed of weights, glyphs and composition.</param>
public sealed record WordReaderRecipe(int Epochs = 16, int PerEpoch = 40_000, int Width = 24, float LearningRate = 0.002f, long Seed = 1)
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the options unless every value is in range.</summary>
    public void Validate()
    {
        if (Epochs < 1 || PerEpoch < 64 || Width < 2 || !(LearningRate > 0))
        {
            throw new ArgumentException("--epochs must be ≥ 1, --per-epoch ≥ 64, --width ≥ 2 and --lr > 0.");
        }
    }
}

/// <summary>What a word-reader run left: the model's path, its word accuracy and character error rate on words of held-out glyphs, and its wall time.</summary>
/// <param name="ModelPath">The written wordreader.scrawl.</param>
/// <param name="HeldOutWordAccuracy">Fraction (0–1) of held-out words read exactly.</param>
/// <param name="HeldOutCer">Character error rate (edit distance / characters, ≥ 0) on the held-out words.</param>
/// <param name="Seconds">Wall seconds of the whole run (≥ 0).</param>
public sealed record WordReaderResult(string ModelPath, double HeldOutWordAccuracy, double HeldOutCer, double Seconds);

/// <summary>
/// Trains the word reader (<see cref="WordReader"/>) from scratch with CTC: words composed by <see cref="WordReaderData"/> from synthetic
/// glyphs36, the photo-chars training split and EMNIST more36 (never the photo-chars held-out split or EMNIST byclass-test, which the
/// touching-letters benchmark reads), fresh each epoch.
/// </summary>
public static class WordReaderRun
{
    /// <summary>Runs <paramref name="recipe"/> into <paramref name="folder"/> (wordreader.scrawl); data sets come from <paramref name="load"/>, progress lines go to <paramref name="log"/>.</summary>
    public static WordReaderResult Run(WordReaderRecipe recipe, string folder, Func<string, long, DatasetSplits> load, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(log);
        recipe.Validate();
        var clock = Stopwatch.StartNew();
        var (glyphs, heldOut) = CompositionGlyphs.Load(recipe.Seed, load, log);

        var names = Nist36Layout.ClassNames;
        int classes = names.Count + 1, outputs = classes * WordReaderNetwork.Steps;
        var valid = WordReaderData.Compose([heldOut], 2_000, recipe.Seed + 1_000_000, outputs);
        var network = WordReaderNetwork.Create(classes, recipe.Width, recipe.Seed);
        var options = new TrainingOptions
        {
            Epochs = recipe.Epochs, BatchSize = 64, Reduction = Reduction.Mean, Seed = recipe.Seed + 3,
            Schedule = LearningRateSchedule.Parse("onecycle"),
        };
        var trainer = new Trainer(network, new CtcLoss(classes, WordReaderNetwork.Steps), new Adam(recipe.LearningRate), options);
        log($"network: {WordReaderNetwork.Describe(recipe.Width, classes)}; {network.ParameterCount:N0} parameters; {recipe.Epochs} epochs × {recipe.PerEpoch:N0} words");
        (double Words, double Cer) score = (0, 0);
        trainer.Fit(
            epoch =>
            {
                var set = WordReaderData.Compose(glyphs, recipe.PerEpoch, recipe.Seed + (epoch * 7_919), outputs);
                return (set.Frames, set.Targets);
            },
            null,
            null,
            m =>
            {
                // Scored in chunks by Predict (the trainer's own validation would run all held-out words through the network at once), in
                // inference mode: batch norm on its running statistics, which the held-out words must not move (the next epoch switches back).
                network.SetTraining(false);
                score = Score(network.Predict(valid.Frames, 64), valid.Texts, classes);
                log(string.Create(CultureInfo.InvariantCulture,
                    $"epoch {m.Epoch,2}/{recipe.Epochs}  train_loss {m.TrainLoss:F4}  held-out words {score.Words:F4}  CER {score.Cer:F4}  {m.Seconds:F1} s"));
            });

        var metadata = new ClassifierMetadata([WordReader.Blank, .. names]).ToMetadata();
        metadata["recipe"] = JsonSerializer.Serialize(recipe, ExperimentsJson.Default.WordReaderRecipe);
        metadata["heldout-words"] = score.Words.ToString("F4", CultureInfo.InvariantCulture);
        metadata["heldout-cer"] = score.Cer.ToString("F4", CultureInfo.InvariantCulture);
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, WordReader.FileName);
        ModelFile.Save(new Model(network, ModelHead.Identity, metadata), path);
        return new WordReaderResult(path, score.Words, score.Cer, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Word accuracy and CER of best-path readings of <paramref name="logits"/> against <paramref name="texts"/>.</summary>
    private static (double Words, double Cer) Score(Scrawl.Numerics.Tensor logits, string[] texts, int classes)
    {
        int right = 0;
        long errors = 0, characters = 0;
        var box = new Scrawl.Ocr.PixelBox(0, 0, WordCrops.ContentHeight, WordCrops.Width - (2 * WordCrops.Margin));
        for (int i = 0; i < texts.Length; i++)
        {
            var read = string.Concat(WordReader.Decode(logits.Row(i), classes, box).Select(c => Nist36Layout.ClassNames[Array.IndexOf(c.Probabilities, c.Probabilities.Max())]));
            right += read == texts[i] ? 1 : 0;
            errors += TextScore.EditDistance<char>(read, texts[i]);
            characters += texts[i].Length;
        }

        return ((double)right / texts.Length, (double)errors / characters);
    }
}
