using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Scrawl.Cli.CharModel;
using Scrawl.Data;
using Scrawl.Data.Augmentation;
using Scrawl.NeuralNet;
using Scrawl.NeuralNet.Layers;
using Scrawl.NeuralNet.Losses;
using Scrawl.NeuralNet.Optimizers;
using Scrawl.NeuralNet.Serialization;
using Scrawl.NeuralNet.Training;
using Scrawl.Reporting;

namespace Scrawl.Cli.Commands;

/// <summary><c>scrawl train-charmodel</c>: trains the OCR character CNN from scratch on synthetic + real handwriting, reproducibly.</summary>
internal static class TrainCharModelCommand
{
    /// <summary>Everything that determines the trained weights (stored in the model and the manifest).</summary>
    internal sealed record Recipe(
        int Epochs, int PerClass, int SynthPerClass, double SyntheticFraction, float LearningRate, string Schedule,
        int Batch, int Width, long Seed, bool SyntheticOnly, bool Augment);

    /// <summary>The command.</summary>
    public static Command Create(CliOutput io)
    {
        var epochs = new Option<int>("--epochs") { Description = "Epochs (≥ 1); each draws a fresh class-balanced, augmented sample", DefaultValueFactory = _ => 30 };
        var perClass = new Option<int>("--per-class") { Description = "Samples per class per epoch (≥ 1)", DefaultValueFactory = _ => 1000 };
        var synth = new Option<int>("--synth-per-class") { Description = "Synthetic glyphs generated per class (≥ 1)", DefaultValueFactory = _ => 1000 };
        var fraction = new Option<double>("--synthetic-fraction") { Description = "Share of each epoch drawn from synthetic glyphs, in [0, 1]", DefaultValueFactory = _ => 0.5 };
        var rate = new Option<float>("--lr") { Description = "Peak Adam learning rate (> 0), mean batch gradients", DefaultValueFactory = _ => 3e-3f };
        var schedule = new Option<string>("--schedule") { Description = "Learning-rate schedule: onecycle, cosine, step or constant", DefaultValueFactory = _ => "onecycle" };
        var batch = new Option<int>("--batch") { Description = "Batch size (≥ 1)", DefaultValueFactory = _ => 64 };
        var width = new Option<int>("--width") { Description = "Channels of the first conv block (≥ 4); the blocks have w, 2w, 4w", DefaultValueFactory = _ => 16 };
        var seed = new Option<long>("--seed") { Description = "Seed of weights, synthesis, sampling and augmentation", DefaultValueFactory = _ => 1 };
        var synthOnly = new Option<bool>("--synthetic-only") { Description = "Train on synthetic glyphs alone (still scored on the held-out real data)" };
        var noAugment = new Option<bool>("--no-augment") { Description = "Turn augmentation off" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder: charmodel.scrawl, charmodel.json, history.csv, figures", DefaultValueFactory = _ => new DirectoryInfo("runs/charmodel") };
        var command = new Command("train-charmodel", "Train the OCR character model (a CNN, 36 classes A–Z 0–9) on synthetic glyphs + photo-chars + emnist-sample + mnist-10k with augmentation; scores it on held-out real handwriting; ends with 'heldout-accuracy: <fraction>'.")
        {
            epochs, perClass, synth, fraction, rate, schedule, batch, width, seed, synthOnly, noAugment, output,
        };
        command.SetAction(r => Run(io, new Recipe(
            r.GetValue(epochs), r.GetValue(perClass), r.GetValue(synth), r.GetValue(fraction), r.GetValue(rate),
            r.GetValue(schedule)!, r.GetValue(batch), r.GetValue(width), r.GetValue(seed), r.GetValue(synthOnly), !r.GetValue(noAugment)),
            r.GetValue(output)!));
        return command;
    }

    private static int Run(CliOutput io, Recipe recipe, DirectoryInfo outDir)
    {
        Validate(recipe);
        var clock = Stopwatch.StartNew();
        var sources = CharModelData.Load(recipe.SynthPerClass, recipe.Seed, recipe.SyntheticOnly, m => io.Out.WriteLine(m));
        var classes = sources.Synthetic.ClassNames;
        var sampler = new EpochSampler(sources, recipe.PerClass, recipe.SyntheticFraction, recipe.Seed + 2, recipe.Augment ? new AugmentOptions() : null);
        var network = CharModelNetwork.Create(sources.Synthetic.Height, classes.Count, recipe.Width, recipe.Seed);
        var valid = ImageSet.Concat("real-valid", [.. sources.RealValid]);
        var options = new TrainingOptions
        {
            Epochs = recipe.Epochs, BatchSize = recipe.Batch, Reduction = Reduction.Mean, Seed = recipe.Seed + 3,
            Schedule = LearningRateSchedule.Parse(recipe.Schedule),
        };
        var trainer = new Trainer(network, new SoftmaxCrossEntropy(), new Adam(recipe.LearningRate), options);
        io.Out.WriteLine($"network: {CharModelNetwork.Describe(recipe.Width)}; {network.ParameterCount:N0} parameters");
        io.Out.WriteLine($"training: {recipe.Epochs} epochs × {sampler.EpochSize:N0} samples ({recipe.PerClass} per class, {recipe.SyntheticFraction:P0} synthetic{(recipe.SyntheticOnly ? ", synthetic only" : "")}), Adam {recipe.LearningRate.ToString(CultureInfo.InvariantCulture)} {options.Schedule!.Kind}, batch {recipe.Batch}");
        outDir.Create();
        Figure.Save(Path.Combine(outDir.FullName, "augmentation.png"), AugmentationPreview(sampler, classes));
        var history = new List<EpochMetrics>();
        trainer.Fit(sampler.Epoch, valid.Features(), Labels.OneHot(valid.Labels, classes.Count), m =>
        {
            history.Add(m);
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"epoch {m.Epoch,3}/{recipe.Epochs}  train_loss {m.TrainLoss:F4}  train_acc {m.TrainAccuracy:F4}  valid_loss {m.ValidLoss:F4}  valid_acc {m.ValidAccuracy:F4}  {m.Seconds:F1} s"));
        });

        var score = CharModelScore.Evaluate(network, sources.HeldOut);
        var manifest = CharModelManifest.Create(recipe, network, score, history, clock.Elapsed.TotalSeconds);
        var metadata = new Dictionary<string, string>
        {
            ["classes"] = JsonSerializer.Serialize(classes),
            ["input"] = "scrawl",
            ["recipe"] = JsonSerializer.Serialize(recipe),
            ["heldout-accuracy"] = score.Overall.ToString("F4", CultureInfo.InvariantCulture),
        };
        string modelPath = Path.Combine(outDir.FullName, "charmodel.scrawl");
        ModelFile.Save(new Model(network, ModelHead.Softmax, metadata), modelPath);
        CharModelManifest.Save(manifest, Path.Combine(outDir.FullName, "charmodel.json"));
        RunFiles.WriteHistory(outDir.FullName, history);
        Figure.Save(Path.Combine(outDir.FullName, "accuracy.png"), LearningCurves.Render(history, CurveMetric.Accuracy, "Character model: augmented train vs real validation accuracy"));
        Figure.Save(Path.Combine(outDir.FullName, "confusion-heldout.png"), ConfusionFigure.Render(score.Confusion, "Held-out real handwriting"));
        Print(io, score);
        io.Out.WriteLine($"model: {modelPath}");
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seconds: {clock.Elapsed.TotalSeconds:F0}"));
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"heldout-accuracy: {score.Overall:F4}"));
        return ExitCodes.Ok;
    }

    /// <summary>A one-line description of the network of width <paramref name="width"/>.</summary>
    internal static string DescribeNetwork(int width) => CharModelNetwork.Describe(width);

    /// <summary>Prints per-source, per-class accuracy and the most confused pairs.</summary>
    internal static void Print(CliOutput io, CharModelScore score)
    {
        foreach (var s in score.Sources)
        {
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"held-out {s.Source}: {s.Accuracy:F4} ({s.Count:N0} images)"));
        }

        var weakest = score.PerClass().Where(c => c.Count > 0).OrderBy(c => c.Accuracy).Take(8);
        io.Out.WriteLine("weakest classes: " + string.Join(", ", weakest.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Class} {c.Accuracy:F2}"))));
        io.Out.WriteLine("most confused: " + string.Join(", ", score.Confusion.MostConfusedPairs(8).Select(p => $"{p.A}/{p.B} {p.Count}")));
    }

    private static byte[] AugmentationPreview(EpochSampler sampler, IReadOnlyList<string> classes)
    {
        var (inputs, _, labels) = sampler.EpochWithLabels(1);
        int side = (int)Math.Sqrt(inputs.Dim(1)), per = inputs.Rows / classes.Count;
        var rows = Enumerable.Range(0, classes.Count).SelectMany(c => Enumerable.Range(c * per, Math.Min(per, 8))).ToArray();
        var images = new ImageSet(inputs.Reshape(inputs.Rows, side, side), labels, classes, "augmented").Subset(rows);
        return Media.Montage.Render(images, perClass: 8, columns: 3);
    }

    private static void Validate(Recipe r)
    {
        if (r.Epochs < 1 || r.PerClass < 1 || r.SynthPerClass < 1 || r.Batch < 1 || r.Width < 4 || !(r.LearningRate > 0)
            || !(r.SyntheticFraction is >= 0 and <= 1))
        {
            throw new CliException("--epochs, --per-class, --synth-per-class and --batch must be ≥ 1, --width ≥ 4, --lr > 0 and --synthetic-fraction in [0, 1].");
        }

        try
        {
            LearningRateSchedule.Parse(r.Schedule);
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message);
        }
    }
}
