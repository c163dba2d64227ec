using Scrawl.Data;
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
        var truth = set.Labels.Select(l => index.TryGetValue(set.ClassNames[l], out int c)
            ? c
            : throw new InvalidDataException($"{set.Name}: class '{set.ClassNames[l]}' is not one of the model's classes ({string.Join(" ", classes)}).")).ToArray();
        var features = model.Contract.Input == CropConvention.Nist36 ? Nist36Layout.ToNist36(set) : set.Features();
        if (features.RowLength != model.Network.InputFeatures)
        {
            throw new InvalidDataException($"{set.Name}: {features.RowLength} values per sample, the model takes {model.Network.InputFeatures}.");
        }

        return (truth, model.Network.PredictClasses(features));
    }
}
