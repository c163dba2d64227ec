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

    /// <summary>
    /// When <paramref name="splits"/> has a test split of 36 or 62 character classes (0–9, A–Z, a–z), scores <paramref name="model"/> there and writes
    /// <c>heldout.json</c> and <c>confusion-heldout.png</c> into <paramref name="folder"/>; prints the case-merged accuracies and the ambiguous pairs.
    /// </summary>
    public static void Write(CliOutput io, nn.Module<Tensor, Tensor> model, Device device, DatasetSplits splits, string modelPath, string command, string folder, double seconds)
    {
        var test = splits.Test;
        if (test is null || test.ClassNames.Count is not (36 or 62) || !test.ClassNames.All(n => n.Length == 1 && char.IsAsciiLetterOrDigit(n[0])))
        {
            return;
        }

        using var images = ImageTensors.Images(test);
        var (_, predictions) = DeepTrainer.Predict(model, device, images, null);
        int[] guess;
        using (predictions)
        {
            guess = [.. predictions.data<long>().ToArray().Select(p => (int)p)];
        }

        var (score, summary) = CharModelHeldOut.Summarize(Path.GetFileName(modelPath), HeldOutSummary.HashFile(modelPath), command, [(test.Renamed($"{splits.Name} test"), guess)]);
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
