using Scrawl.Data;
using Scrawl.Imaging;
using Scrawl.NeuralNet;
using Scrawl.NeuralNet.Serialization;
using Scrawl.Ocr;

namespace Scrawl.Experiments.Evaluation;

/// <summary>A classifier loaded for evaluation: its network and its contract (class names, input convention).</summary>
/// <param name="Network">The network; its outputs are the classes in <see cref="ClassifierMetadata.Classes"/> order.</param>
/// <param name="Contract">Class names and input convention.</param>
public sealed record LoadedClassifier(Sequential Network, ClassifierMetadata Contract);

/// <summary>Loads classifiers of any kind <c>scrawl evaluate</c> takes and predicts whole image sets with them.</summary>
public static class ClassifierEvaluation
{
    /// <summary>
    /// A Scrawl model file (classes from its metadata, else numbered) or a third-party NIST36-layout <c>.npz</c> MLP
    /// (W/b arrays, classes A–Z then 0–9); <see cref="InvalidDataException"/> naming the file when it is not usable.
    /// </summary>
    public static LoadedClassifier Load(string path)
    {
        if (path.EndsWith(".npz", StringComparison.OrdinalIgnoreCase))
        {
            return new LoadedClassifier(ReferenceModelImporter.ImportMlp(path), new ClassifierMetadata(Nist36Layout.ClassNames, CropConvention.Nist36));
        }

        var model = ModelFile.Load(path);
        return new LoadedClassifier(model.Network, ClassifierMetadata.Read(model.Metadata, path, unnamedClasses: model.Network.OutputFeatures));
    }

    /// <summary>
    /// True labels (in the model's class order) and predictions for every image of <paramref name="set"/>; an
    /// <see cref="InvalidDataException"/> when a class is not one of the model's or the image size does not fit.
    /// </summary>
    public static (int[] Truth, int[] Predicted) Predict(LoadedClassifier model, ImageSet set)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(set);
        var classes = model.Contract.Classes;
        var index = classes.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i, StringComparer.Ordinal);
        var unknown = set.Labels.Distinct().Select(l => set.ClassNames[l]).Where(n => !index.ContainsKey(n)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidDataException($"{set.Name}: class{(unknown.Count > 1 ? "es" : "")} {string.Join(", ", unknown.Select(n => $"'{n}'"))} "
                + $"{(unknown.Count > 1 ? "are" : "is")} not among the model's classes ({string.Join(" ", classes)}); merge letter case with @36 or @47 where that fits.");
        }

        var truth = set.Labels.Select(l => index[set.ClassNames[l]]).ToArray();
        var features = model.Contract.Input == CropConvention.Nist36 ? Nist36Layout.ToNist36(set) : set.Features();
        if (features.RowLength != model.Network.InputFeatures)
        {
            throw new InvalidDataException($"{set.Name}: {features.RowLength} values per sample, the model takes {model.Network.InputFeatures}.");
        }

        return (truth, model.Network.PredictClasses(features));
    }

    /// <summary>
    /// How loose character images are brought to <paramref name="model"/>'s input under <paramref name="framing"/>
    /// (<see cref="CharacterImages.Frame"/>) for a 32×32 character model, else null (image folders are read as stored).
    /// </summary>
    public static Func<FloatImage, FloatImage>? CharacterFrame(LoadedClassifier model, CharacterFraming framing = CharacterFraming.Grey)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Network.InputFeatures == Nist36Layout.Side * Nist36Layout.Side ? image => CharacterImages.Frame(image, framing) : null;
    }

    /// <summary>Scores <paramref name="model"/> on every part of <paramref name="data"/> (classes matched by name; see <see cref="Predict"/>).</summary>
    public static EvaluationReport Evaluate(LoadedClassifier model, DatasetSplits data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var parts = data.Parts().Select(p => (p.Split, p.Set.Count, Result: Predict(model, p.Set))).ToList();
        var splits = parts.Select(p => new SplitScore(p.Split, p.Result.Truth.Zip(p.Result.Predicted).Count(x => x.First == x.Second), p.Count)).ToList();
        bool test = data.Test is not null;
        int[] t = test ? parts[^1].Result.Truth : [.. parts.SelectMany(p => p.Result.Truth)];
        int[] q = test ? parts[^1].Result.Predicted : [.. parts.SelectMany(p => p.Result.Predicted)];
        var classes = model.Contract.Classes;
        var perClass = Enumerable.Range(0, classes.Count)
            .Select(c => new ClassScore(classes[c], t.Zip(q).Count(x => x.First == c && x.Second == c), t.Count(v => v == c)))
            .Where(c => c.Total > 0).ToList();
        var confused = t.Zip(q).Where(x => x.First != x.Second).GroupBy(x => (Math.Min(x.First, x.Second), Math.Max(x.First, x.Second)))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Take(5)
            .Select(g => new ConfusedPair(classes[g.Key.Item1], classes[g.Key.Item2], g.Count())).ToList();
        int right = t.Zip(q).Count(x => x.First == x.Second);
        return new EvaluationReport(splits, test ? "test" : "all splits", perClass, confused, t.Length == 0 ? 0 : (double)right / t.Length);
    }
}
