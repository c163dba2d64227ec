using System.Security.Cryptography;
using System.Text.Json;
using Scrawl.Data;
using Scrawl.NeuralNet.Layers;
using Scrawl.NeuralNet.Serialization;
using Scrawl.Numerics;
using Scrawl.Ocr.Training;
using Scrawl.Reporting;

namespace Scrawl.Experiments.CharModel;

/// <summary>One held-out source of a scored model.</summary>
/// <param name="Source">The source's name.</param>
/// <param name="Count">Images scored (≥ 0).</param>
/// <param name="Accuracy">Accuracy at the model's own classes (36 or 62), in [0, 1].</param>
/// <param name="Accuracy47">Accuracy with case merged to EMNIST's 47 classes, in [0, 1] (= Accuracy for 36 classes).</param>
/// <param name="Accuracy36">Accuracy with case merged to 36 classes, in [0, 1].</param>
/// <param name="AccuracyMerged">36-class accuracy with I/1 and O/0 also merged, in [0, 1].</param>
public sealed record HeldOutSourceRow(string Source, int Count, double Accuracy, double Accuracy47, double Accuracy36, double AccuracyMerged);

/// <summary>How often two classes were taken for each other on the held-out data.</summary>
/// <param name="A">One class.</param>
/// <param name="B">The other class.</param>
/// <param name="AsB">A images read as B (≥ 0).</param>
/// <param name="BAsA">B images read as A (≥ 0).</param>
/// <param name="CountA">A images scored (≥ 0).</param>
/// <param name="CountB">B images scored (≥ 0).</param>
public sealed record PairConfusion(string A, string B, int AsB, int BAsA, int CountA, int CountB);

/// <summary>A saved character model scored on its held-out real data (<c>scrawl score-charmodel</c>; read by the report).</summary>
/// <param name="Model">The model file's name.</param>
/// <param name="Sha256">The model file's SHA-256 (hex), so a report collects a score only for the same model.</param>
/// <param name="Classes">The model's classes: 36 or 62.</param>
/// <param name="Command">The train-charmodel command from the model's recipe (empty when the model has none).</param>
/// <param name="Sources">Each held-out source, then "all" (every source together).</param>
/// <param name="Confused">The most confused class pairs over all sources, most first.</param>
/// <param name="Ambiguous">The pairs the glyph alone cannot settle (I/1, O/0; for 62 classes also the case twins).</param>
public sealed record HeldOutSummary(string Model, string Sha256, int Classes, string Command, IReadOnlyList<HeldOutSourceRow> Sources,
    IReadOnlyList<PairConfusion> Confused, IReadOnlyList<PairConfusion> Ambiguous)
{
    private static readonly ExperimentsJson Json = new(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>The pairs reported for a 62-class model besides I/1 and O/0: the glyphs EMNIST writers draw alike.</summary>
    public static IReadOnlyList<(string A, string B)> MixedPairs { get; } =
        [("l", "1"), ("I", "l"), ("o", "O"), ("o", "0"), ("s", "S"), ("c", "C"), ("9", "q"), ("g", "9"), ("z", "Z"), ("2", "Z"), ("5", "S"), ("u", "U"), ("v", "V"), ("w", "W"), ("x", "X")];

    /// <summary>Writes the summary atomically as indented JSON.</summary>
    public void Save(string path) => AtomicFile.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(this, Json.HeldOutSummary));

    /// <summary>Reads a summary written by <see cref="Save"/>; a missing or malformed file is an <see cref="InvalidDataException"/> naming it.</summary>
    public static HeldOutSummary Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), ExperimentsJson.Default.HeldOutSummary) ?? throw new InvalidDataException($"{path}: empty.");
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            throw new InvalidDataException($"{path}: not a held-out score ({e.Message}).", e);
        }
    }

    /// <summary>The SHA-256 (lower-case hex) of a file.</summary>
    public static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

/// <summary>Scores a saved character model on the held-out real data that <c>train-charmodel</c> reports (the same sets, the same splits).</summary>
public static class CharModelHeldOut
{
    /// <summary>The data set of the wider check of <see cref="Score"/>: EMNIST's case-merged 36-class set, whose training split train-charmodel's <c>--real</c> may use.</summary>
    public const string Emnist36Source = "emnist-more36";

    /// <summary>
    /// Loads <paramref name="modelPath"/> (36 or 62 outputs; anything else is an <see cref="InvalidDataException"/> naming the file) and scores it on
    /// the held-out splits of photo-chars and emnist-sample (and, for 62 classes, EMNIST byclass-test's); <paramref name="load"/> resolves catalog names.
    /// With <paramref name="emnist36"/>, a 36-class model (else an <see cref="InvalidDataException"/> naming the file, before any scoring) is also scored
    /// on a wider check kept apart from "all": the 10 % test split (split seed <see cref="CharModelData.SplitSeed"/>, never trained on) of
    /// <see cref="Emnist36Source"/> — 13,625 real characters, upper and lower case merged into one class per letter, so it also asks a capitals model
    /// to read lower-case shapes.
    /// </summary>
    public static (CharModelScore Score, HeldOutSummary Summary, HeldOutSourceRow? Emnist36) Score(string modelPath, Func<string, long, DatasetSplits> load, bool emnist36 = false)
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        ArgumentNullException.ThrowIfNull(load);
        var model = ModelFile.Load(modelPath);
        int classes = model.Network.OutputFeatures;
        if (classes is not (36 or 62))
        {
            throw new InvalidDataException($"{modelPath}: has {classes} outputs; a character model has 36 or 62.");
        }

        if (emnist36 && classes != 36)
        {
            throw new InvalidDataException($"{modelPath}: has {classes} outputs; the {Emnist36Source} check takes a 36-class model.");
        }

        var sources = CharModelData.Load(1, 1, syntheticOnly: true, load, _ => { }, [], classes);
        model.Network.SetTraining(false);
        string command = model.Metadata.TryGetValue("recipe", out string? recipe) && JsonSerializer.Deserialize(recipe, ExperimentsJson.Default.CharModelRecipe) is { } r ? r.CommandLine() : "";
        var (score, summary) = Summarize(Path.GetFileName(modelPath), HeldOutSummary.HashFile(modelPath), command, [.. sources.HeldOut.Select(set => (set, model.Network.PredictClasses(set.Features())))]);
        HeldOutSourceRow? wider = null;
        if (emnist36)
        {
            var test = load(Emnist36Source, CharModelData.SplitSeed).Test ?? throw new InvalidDataException($"{Emnist36Source}: expected a test split.");
            var set = Mixture.Conform(test, sources.Synthetic).Renamed(Emnist36Source);
            wider = Row(set.Name, CharModelScore.FromPredictions([(set, model.Network.PredictClasses(set.Features()))]));
        }

        return (score, summary, wider);
    }

    /// <summary>
    /// The score and summary of any classifier's predictions (<c>Guess</c>: a class index per image) on held-out sets of 36 or 62 classes:
    /// per source and "all", the most confused pairs and the ambiguous pairs (<see cref="HeldOutSummary.MixedPairs"/> too for 62 classes).
    /// </summary>
    public static (CharModelScore Score, HeldOutSummary Summary) Summarize(string model, string sha256, string command, IReadOnlyList<(ImageSet Set, int[] Guess)> scored)
    {
        ArgumentNullException.ThrowIfNull(scored);
        var score = CharModelScore.FromPredictions(scored);
        var rows = scored.Select(s => Row(s.Set.Name, CharModelScore.FromPredictions([s]))).Append(Row("all", score)).ToArray();
        int classes = score.Confusion.ClassNames.Count;
        var pairs = classes == 62 ? [.. CharModelScore.AmbiguousPairs, .. HeldOutSummary.MixedPairs] : CharModelScore.AmbiguousPairs;
        var summary = new HeldOutSummary(model, sha256, classes, command, rows,
            [.. score.Confusion.MostConfusedPairs(10).Select(p => Pair(score, p.A, p.B))],
            [.. pairs.Select(p => Pair(score, p.A, p.B))]);
        return (score, summary);
    }

    /// <summary>
    /// Writes <paramref name="summary"/> as <c>heldout.json</c> and <paramref name="score"/>'s confusion matrix as <c>confusion-heldout.png</c>
    /// into <paramref name="folder"/> (created when missing; each file atomically) and returns the JSON file's path.
    /// </summary>
    public static string Write(CharModelScore score, HeldOutSummary summary, string folder)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(summary);
        Directory.CreateDirectory(folder);
        string json = Path.Combine(folder, "heldout.json");
        summary.Save(json);
        Figure.Save(Path.Combine(folder, "confusion-heldout.png"), ConfusionFigure.Render(score.Confusion, $"{summary.Model}: held-out real handwriting"));
        return json;
    }

    private static HeldOutSourceRow Row(string name, CharModelScore s) =>
        new(name, s.Confusion.Total, s.Overall, s.CaseMergedAccuracy(47), s.CaseMergedAccuracy(36), s.MergedAccuracy(CharModelScore.AmbiguousPairs, caseMerged: true));

    private static PairConfusion Pair(CharModelScore s, string a, string b)
    {
        var names = s.Confusion.ClassNames;
        int ia = Index(names, a), ib = Index(names, b);
        var counts = s.Confusion.Counts;
        int Row(int t) => Enumerable.Range(0, names.Count).Sum(p => counts[t, p]);
        return new PairConfusion(a, b, counts[ia, ib], counts[ib, ia], Row(ia), Row(ib));
    }

    private static int Index(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"No class '{name}' in the model's classes.", nameof(name));
    }
}
