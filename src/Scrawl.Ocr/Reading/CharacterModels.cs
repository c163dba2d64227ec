using System.Text.Json;
using Scrawl.Data;
using Scrawl.NeuralNet.Serialization;

namespace Scrawl.Ocr;

/// <summary>
/// Opens a character model file as an <see cref="ICharacterClassifier"/>, recognising the kind by its content:
/// a Scrawl model file (magic "SCRAWLNN"; class names from the metadata key <c>classes</c>, a JSON array, and
/// the input convention from <c>input</c>: "scrawl" or "nist36"), or a numpy <c>.npz</c> MLP in the NIST36
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
        if (!model.Metadata.TryGetValue("classes", out string? json))
        {
            throw new InvalidDataException($"{sourceName}: the model's metadata has no 'classes' list, so its outputs cannot be named.");
        }

        string[]? classes;
        try
        {
            classes = JsonSerializer.Deserialize<string[]>(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{sourceName}: the metadata 'classes' is not a JSON array of names ({e.Message}).", e);
        }

        if (classes is null || classes.Length == 0 || classes.Any(string.IsNullOrEmpty))
        {
            throw new InvalidDataException($"{sourceName}: the metadata 'classes' is empty or has empty names.");
        }

        string input = model.Metadata.TryGetValue("input", out string? value) ? value : "scrawl";
        var convention = input switch
        {
            "scrawl" => CropConvention.Scrawl,
            "nist36" => CropConvention.Nist36,
            _ => throw new InvalidDataException($"{sourceName}: unknown input convention '{input}' (known: scrawl, nist36)."),
        };
        return Wrap(model.Network, classes, model.Head, convention, sourceName);
    }

    private static NetworkClassifier Wrap(NeuralNet.Sequential network, IReadOnlyList<string> classes, string head, CropConvention convention, string source)
    {
        try
        {
            return new NetworkClassifier(network, classes, head, convention);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{source}: not usable as a character model: {e.Message}", e);
        }
    }
}
