using Scrawl.Data;
using Scrawl.NeuralNet.Serialization;

namespace Scrawl.Ocr;

/// <summary>
/// Opens a character model file as an <see cref="ICharacterClassifier"/>, recognising the kind by its content:
/// a Scrawl model file (magic "SCRAWLNN"; class names and input convention from its <see cref="ClassifierMetadata"/>), or a numpy <c>.npz</c> MLP in the NIST36
/// layout such as <c>nist36-mlp-reference.npz</c> (zip magic "PK"; classes A–Z then 0–9). A name starting with
/// <c>deep:</c> asks for a TorchSharp model, which this build cannot run.
/// </summary>
public static class CharacterModels
{
    /// <summary>The prefix that names a TorchSharp ("deep") model, e.g. <c>deep:model.pt</c>.</summary>
    public const string DeepPrefix = "deep:";

    /// <summary>The classifier stored at <paramref name="path"/>; <see cref="InvalidDataException"/> naming the file when it is not a usable character model, <see cref="FileNotFoundException"/> when missing, <see cref="NotSupportedException"/> for <c>deep:</c> models.</summary>
    public static ICharacterClassifier Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.StartsWith(DeepPrefix, StringComparison.OrdinalIgnoreCase))
        {
            throw new NotSupportedException($"{path}: deep (TorchSharp) models are not available in this build; use a .scrawl model file or a NIST36 .npz.");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such model file.", path);
        }

        var magic = new byte[8];
        int got;
        using (var stream = File.OpenRead(path))
        {
            got = stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        }

        if (got >= 2 && magic[0] == (byte)'P' && magic[1] == (byte)'K')
        {
            var network = ReferenceModelImporter.ImportMlp(path);
            return Wrap(network, Nist36Layout.ClassNames, ModelHead.Softmax, CropConvention.Nist36, path);
        }

        if (got == magic.Length && magic.AsSpan().SequenceEqual(ModelFile.Magic))
        {
            return FromModel(ModelFile.Load(path), path);
        }

        throw new InvalidDataException($"{path}: not a character model (neither a Scrawl model file nor a numpy .npz; {new FileInfo(path).Length:N0} bytes).");
    }

    /// <summary>The classifier of a loaded model; <paramref name="sourceName"/> names it in errors. The metadata must list the classes.</summary>
    public static ICharacterClassifier FromModel(Model model, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(model);
        var contract = ClassifierMetadata.Read(model.Metadata, sourceName);
        return Wrap(model.Network, contract.Classes, model.Head, contract.Input, sourceName, contract.Temperature);
    }

    private static NetworkClassifier Wrap(NeuralNet.Sequential network, IReadOnlyList<string> classes, string head, CropConvention convention, string source, double? temperature = null)
    {
        try
        {
            return new NetworkClassifier(network, classes, head, convention) { Temperature = temperature };
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{source}: not usable as a character model: {e.Message}", e);
        }
    }
}
