using System.Text.Json;
using Scrawl.NeuralNet;
using Scrawl.NeuralNet.Training;
using Scrawl.Numerics;

namespace Scrawl.Ocr.Training;

/// <summary>What a shipped character model is and how it was made: written beside the model as charmodel.json.</summary>
/// <param name="Model">The model file's name.</param>
/// <param name="Network">A one-line description of the network.</param>
/// <param name="Parameters">Trainable parameters (≥ 0).</param>
/// <param name="InputConvention">How crops are laid out for the network.</param>
/// <param name="Classes">The class names in output order.</param>
/// <param name="DataMixture">The training data, one line per source.</param>
/// <param name="HeldOut">What the held-out score is measured on.</param>
/// <param name="Recipe">The recipe that made the weights.</param>
/// <param name="Command">The command line that reproduces the model.</param>
/// <param name="HeldOutAccuracy">Held-out accuracy per source and "overall", each in [0, 1] rounded to 4 places.</param>
/// <param name="FinalValidAccuracy">The last epoch's validation accuracy (NaN without epochs).</param>
/// <param name="TrainSeconds">Wall seconds of the whole run (≥ 0).</param>
/// <param name="Machine">Cores and operating system of the machine that trained it.</param>
public sealed record CharModelManifest(
    string Model, string Network, long Parameters, string InputConvention, IReadOnlyList<string> Classes,
    IReadOnlyList<string> DataMixture, string HeldOut, CharModelRecipe Recipe, string Command,
    IReadOnlyDictionary<string, double> HeldOutAccuracy, double FinalValidAccuracy, double TrainSeconds, string Machine)
{
    private static readonly OcrJson Json = new(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>The manifest of a finished run: held-out accuracy per source (in [0, 1]) and overall, the history so far, wall seconds.</summary>
    public static CharModelManifest Create(CharModelRecipe r, Sequential network, IEnumerable<(string Source, double Accuracy)> sources, double overall, IReadOnlyList<EpochMetrics> history, double seconds)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(network);
        var accuracy = sources.ToDictionary(s => s.Source, s => Math.Round(s.Accuracy, 4));
        accuracy["overall"] = Math.Round(overall, 4);
        string[] mixture = r.SyntheticOnly
            ? [$"glyphs36 (synthetic, {r.SynthPerClass} per class, seed {r.Seed})"]
            : [$"glyphs36 (synthetic, {r.SynthPerClass} per class, seed {r.Seed}): {r.SyntheticFraction:P0} of each epoch",
               "photo-chars train split (80 %, split seed 0)", "emnist-sample train split (80 %, split seed 0)", "mnist-10k train split (digits; 80 %, split seed 0)",
               .. r.ExtraReal.Select(name => $"{name} train split (80 %, split seed 0)"),
               .. r.Classes == 62 ? [$"{MixedCaseData.Source} train split (80 %, split seed 0; 62 classes, exact case)"] : Array.Empty<string>()];
        return new CharModelManifest(
            r.ModelFileName, CharModelNetwork.Describe(r.Width, network.OutputFeatures), network.ParameterCount,
            "scrawl: 32×32 grey, ink 1 on paper 0, upright, row-major; cropped to the ink box (specks ignored), longer side ≈ 78 % of the frame, centred (CharacterNormalizer)",
            [.. network.OutputFeatures == 36 ? Data.Nist36Layout.ClassNames : network.OutputFeatures == 62 ? MixedCaseData.ClassNames : []], mixture,
            r.Classes == 62
                ? $"test splits (10 %, stratified, split seed 0) of photo-chars, emnist-sample and {MixedCaseData.Source}: never trained on or used for choices"
                : "test splits (10 %, stratified, split seed 0) of photo-chars and emnist-sample: never trained on or used for choices",
            r, r.CommandLine(), accuracy, history.Count == 0 ? double.NaN : Math.Round(history[^1].ValidAccuracy, 4), Math.Round(seconds),
            $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
    }

    /// <summary>Writes the manifest atomically as indented JSON.</summary>
    public static void Save(CharModelManifest manifest, string path) =>
        AtomicFile.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(manifest, Json.CharModelManifest));
}
