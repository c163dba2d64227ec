using System.CommandLine;
using System.Globalization;
using Scrawl.Experiments.CharModel;
using Scrawl.Ocr.Training;

namespace Scrawl.Cli.Commands;

/// <summary><c>scrawl train-charmodel</c>: trains the OCR character CNN from scratch on synthetic + real handwriting, reproducibly.</summary>
internal static class TrainCharModelCommand
{
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
        var real = new Option<string>("--real") { Description = "More real data sets (comma-separated catalog names, e.g. emnist-more36) whose training splits join the real sources" };
        var classes = new Option<int>("--classes") { Description = "Output classes: 36 (A–Z, 0–9) or 62 (A–Z, 0–9, a–z: adds EMNIST byclass-test's training split, scores its held-out split)", DefaultValueFactory = _ => 36 };
        var prior = new Option<double>("--class-prior") { Description = "Class prior exponent α in [0, 1]: each class gets a share of the epoch ∝ (its real training images)^α; 0 = class-balanced, 1 = natural frequencies" };
        var pooled = new Option<bool>("--pooled-real") { Description = "Draw every real training image of a class equally likely (large sets such as EMNIST supply most real draws) instead of a source chosen uniformly" };
        var smoothing = new Option<double>("--label-smoothing") { Description = "Label smoothing ε in [0, 0.5): targets (1 − ε) one-hot + ε spread over all classes" };
        var calibrate = new Option<bool>("--calibrate") { Description = "Fit a softmax temperature on the real validation crops after training and store it in the model, so confidences are calibrated (changes what --min-conf and the page's 'unsure' flag see)" };
        var gaps = new Option<double>("--gaps") { Description = "Probability in [0, 1] that augmentation cuts one or two pen-lift gaps (bands 1–2.2 px wide) across an image's strokes; 0: none" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder: charmodel.scrawl, charmodel.json, history.csv, figures", DefaultValueFactory = _ => new DirectoryInfo("runs/charmodel") };
        var command = new Command("train-charmodel", "Train the OCR character model (a CNN, 36 classes A–Z 0–9, or 62 with a–z) on synthetic glyphs + photo-chars + emnist-sample + mnist-10k with augmentation; scores it on held-out real handwriting; ends with 'heldout-accuracy: <fraction>'.")
        {
            epochs, perClass, synth, fraction, rate, schedule, batch, width, seed, synthOnly, noAugment, real, classes, prior, pooled, smoothing, calibrate, gaps, output,
        };
        command.SetAction(r => Run(io, new CharModelRecipe(
            r.GetValue(epochs), r.GetValue(perClass), r.GetValue(synth), r.GetValue(fraction), r.GetValue(rate),
            r.GetValue(schedule)!, r.GetValue(batch), r.GetValue(width), r.GetValue(seed), r.GetValue(synthOnly), !r.GetValue(noAugment))
            {
                ExtraReal = (r.GetValue(real) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Classes = r.GetValue(classes),
                Draw = new EpochDraw { ClassPrior = r.GetValue(prior), PooledReal = r.GetValue(pooled), LabelSmoothing = r.GetValue(smoothing) },
                Calibrate = r.GetValue(calibrate),
                Gaps = r.GetValue(gaps),
            },
            r.GetValue(output)!));
        return command;
    }

    private static int Run(CliOutput io, CharModelRecipe recipe, DirectoryInfo outDir)
    {
        Library.Validate(recipe.Validate);
        var result = CharModelRun.Run(recipe, outDir.FullName, CliData.Load, io.Out.WriteLine);
        Print(io, result.Score);
        io.Out.WriteLine($"model: {result.ModelPath}");
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seconds: {result.Seconds:F0}"));
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"heldout-accuracy: {result.Score.Overall:F4}"));
        return ExitCodes.Ok;
    }

    /// <summary>Prints per-source, per-class accuracy and the most confused pairs.</summary>
    internal static void Print(CliOutput io, CharModelScore score)
    {
        foreach (var s in score.Sources)
        {
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"held-out {s.Source}: {s.Accuracy:F4} ({s.Count:N0} images)"));
        }

        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"held-out with {string.Join(" and ", CharModelScore.AmbiguousPairs.Select(p => $"{p.A}/{p.B}"))} merged: {score.MergedAccuracy(CharModelScore.AmbiguousPairs):F4}"));
        if (score.Confusion.ClassNames.Count == 62)
        {
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"held-out case-merged: 47 classes {score.CaseMergedAccuracy(47):F4}, 36 classes {score.CaseMergedAccuracy(36):F4}"));
            foreach (var s in score.Sources)
            {
                io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"held-out {s.Source}: 62 classes {s.Accuracy:F4}, 47 {s.Accuracy47:F4}, 36 {s.Accuracy36:F4}"));
            }
        }

        var weakest = score.PerClass().Where(c => c.Count > 0).OrderBy(c => c.Accuracy).Take(8);
        io.Out.WriteLine("weakest classes: " + string.Join(", ", weakest.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Class} {c.Accuracy:F2}"))));
        io.Out.WriteLine("most confused: " + string.Join(", ", score.Confusion.MostConfusedPairs(8).Select(p => $"{p.A}/{p.B} {p.Count}")));
    }
}
