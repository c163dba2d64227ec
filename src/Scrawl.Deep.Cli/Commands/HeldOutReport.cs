using System.Globalization;
using Scrawl.Data;
using Scrawl.Deep.Training;
using Scrawl.Experiments.CharModel;
using static TorchSharp.torch;

namespace Scrawl.Deep.Cli.Commands;

/// <summary>
/// What <c>deep train</c> adds for character data: the optional class-prior correction (<c>--fit-bias</c>) and, for a 36- or
/// 62-class test split of characters, the held-out score in the own engine's format (<c>heldout.json</c>, <c>confusion-heldout.png</c>,
/// as <c>score-charmodel</c> writes them): accuracy at 62, 47 (EMNIST's balanced merge) and 36 classes and the ambiguous pairs.
/// </summary>
internal static class HeldOutReport
{
    /// <summary>Fits <see cref="OutputBias"/> on <paramref name="valid"/> and folds it into <paramref name="model"/>; prints valid (and test) accuracy before and after.</summary>
    public static void FitBias(CliOutput io, nn.Module<Tensor, Tensor> model, Device device, LabelledTensors valid, LabelledTensors? test)
    {
        using var logits = OutputBias.Logits(model, device, valid.Images);
        double before = Accuracy(logits, valid.Labels);
        float[] bias = OutputBias.Fit(logits, valid.Labels);
        using var shift = tensor(bias);
        using var adjusted = logits.add(shift);
        double? testBefore = test is null ? null : Accuracy(model, device, test);
        OutputBias.AddToOutput(model, bias);
        double? testAfter = test is null ? null : Accuracy(model, device, test);
        string testPart = test is null ? "" : string.Create(CultureInfo.InvariantCulture, $"; test {testBefore:P2} → {testAfter:P2}");
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fit-bias (on the validation split): valid {before:P2} → {Accuracy(adjusted, valid.Labels):P2}{testPart}; bias range {bias.Min():F2} … {bias.Max():F2}"));
    }

    /// <summary>True when <paramref name="splits"/> has a test split of 36 or 62 character classes (0–9, A–Z, a–z) that the held-out score can use.</summary>
    public static bool Scorable(DatasetSplits splits) =>
        splits.Test is { } test && test.ClassNames.Count is 36 or 62 && test.ClassNames.All(n => n.Length == 1 && char.IsAsciiLetterOrDigit(n[0]));

    /// <summary>The test split's predicted classes of <paramref name="model"/> (eval mode).</summary>
    public static int[] Guesses(nn.Module<Tensor, Tensor> model, Device device, ImageSet test)
    {
        using var images = ImageTensors.Images(test);
        var (_, predictions) = DeepTrainer.Predict(model, device, images, null);
        using (predictions)
        {
            return [.. predictions.data<long>().ToArray().Select(p => (int)p)];
        }
    }

    /// <summary>
    /// When <paramref name="splits"/> is <see cref="Scorable"/>, scores <paramref name="model"/> on its test split and writes <c>heldout.json</c> and
    /// <c>confusion-heldout.png</c> into <paramref name="folder"/>; prints the case-merged accuracies and the ambiguous pairs.
    /// </summary>
    public static void Write(CliOutput io, nn.Module<Tensor, Tensor> model, Device device, DatasetSplits splits, string modelPath, string command, string folder, double seconds)
    {
        if (Scorable(splits))
        {
            Write(io, splits, Guesses(model, device, splits.Test!), Path.GetFileName(modelPath), HeldOutSummary.HashFile(modelPath), command, folder, seconds);
        }
    }

    /// <summary>Writes and prints the held-out score of <paramref name="guess"/> (a class per test image of a <see cref="Scorable"/> split) as <see cref="Write(CliOutput, nn.Module{Tensor, Tensor}, Device, DatasetSplits, string, string, string, double)"/> does.</summary>
    public static void Write(CliOutput io, DatasetSplits splits, int[] guess, string model, string sha256, string command, string folder, double seconds)
    {
        var test = splits.Test ?? throw new ArgumentException($"{splits.Name}: no test split to score.", nameof(splits));
        var (score, summary) = CharModelHeldOut.Summarize(model, sha256, command, [(test.Renamed($"{splits.Name} test"), guess)]);
        string json = CharModelHeldOut.Write(score, summary, folder);
        var all = summary.Sources[^1];
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"held-out ({test.Count:N0} test images): {test.ClassNames.Count} classes {all.Accuracy:P2}, 47 classes {all.Accuracy47:P2}, 36 classes {all.Accuracy36:P2}, 36 with I/1 and O/0 merged {all.AccuracyMerged:P2}"));
        io.Out.WriteLine("ambiguous pairs (A as B / B as A of A / B images): " + string.Join(", ", summary.Ambiguous.Select(p => $"{p.A}/{p.B} {p.AsB}/{p.BAsA} of {p.CountA}/{p.CountB}")));
        io.Out.WriteLine("most confused: " + string.Join(", ", summary.Confused.Take(8).Select(p => $"{p.A}/{p.B} {p.AsB + p.BAsA}")));
        io.Out.WriteLine($"held-out score: {json}");
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wall-seconds: {seconds:F0}"));
    }

    private static double Accuracy(Tensor logits, Tensor labels)
    {
        using var hits = logits.argmax(1).eq(labels).sum();
        return (double)hits.item<long>() / Math.Max(1, labels.shape[0]);
    }

    private static double Accuracy(nn.Module<Tensor, Tensor> model, Device device, LabelledTensors data)
    {
        using var logits = OutputBias.Logits(model, device, data.Images);
        return Accuracy(logits, data.Labels);
    }
}
