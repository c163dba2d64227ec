using System.Globalization;
using System.Text.Json;
using Scrawl.Cli.Commands;
using Scrawl.Imaging;
using Scrawl.NeuralNet;
using Scrawl.NeuralNet.Training;
using Scrawl.Numerics;

namespace Scrawl.Cli.CharModel;

/// <summary>What a shipped character model is and how it was made: written beside the model as charmodel.json.</summary>
internal sealed record CharModelManifest(
    string Model, string Network, long Parameters, string InputConvention, IReadOnlyList<string> Classes,
    IReadOnlyList<string> DataMixture, string HeldOut, TrainCharModelCommand.Recipe Recipe, string Command,
    IReadOnlyDictionary<string, double> HeldOutAccuracy, double FinalValidAccuracy, double TrainSeconds, string Machine)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The manifest of a finished run.</summary>
    public static CharModelManifest Create(TrainCharModelCommand.Recipe r, Sequential network, CharModelScore score, IReadOnlyList<EpochMetrics> history, double seconds)
    {
        var accuracy = score.Sources.ToDictionary(s => s.Source, s => Math.Round(s.Accuracy, 4));
        accuracy["overall"] = Math.Round(score.Overall, 4);
        string command = string.Create(CultureInfo.InvariantCulture,
            $"./scrawl train-charmodel --epochs {r.Epochs} --per-class {r.PerClass} --synth-per-class {r.SynthPerClass} --synthetic-fraction {r.SyntheticFraction} --lr {r.LearningRate} --schedule {r.Schedule} --batch {r.Batch} --width {r.Width} --seed {r.Seed}{(r.SyntheticOnly ? " --synthetic-only" : "")}{(r.Augment ? "" : " --no-augment")}");
        string[] mixture = r.SyntheticOnly
            ? [$"glyphs36 (synthetic, {r.SynthPerClass} per class, seed {r.Seed})"]
            : [$"glyphs36 (synthetic, {r.SynthPerClass} per class, seed {r.Seed}): {r.SyntheticFraction:P0} of each epoch",
               "photo-chars train split (80 %, split seed 0)", "emnist-sample train split (80 %, split seed 0)", "mnist-10k train split (digits; 80 %, split seed 0)"];
        return new CharModelManifest(
            "charmodel.scrawl", TrainCharModelCommand.DescribeNetwork(r.Width), network.ParameterCount,
            "scrawl: 32×32 grey, ink 1 on paper 0, upright, row-major; cropped to the ink box (specks ignored), longer side ≈ 78 % of the frame, centred (CharacterNormalizer)",
            [.. network.OutputFeatures == 36 ? Data.Nist36Layout.ClassNames : []], mixture,
            "test splits (10 %, stratified, split seed 0) of photo-chars and emnist-sample: never trained on or used for choices",
            r, command, accuracy, history.Count == 0 ? double.NaN : Math.Round(history[^1].ValidAccuracy, 4), Math.Round(seconds),
            $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
    }

    /// <summary>Writes the manifest atomically as indented JSON.</summary>
    public static void Save(CharModelManifest manifest, string path) =>
        AtomicFile.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(manifest, Json));
}
