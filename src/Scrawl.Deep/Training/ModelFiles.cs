using System.Text.Json;
using AtomicFile = Scrawl.Numerics.AtomicFile;
using static TorchSharp.torch;

namespace Scrawl.Deep.Training;

/// <summary>A trained model as files: <c>NAME.pt</c> (TorchSharp's format, weights and buffers) and <c>NAME.json</c> (how to rebuild it).</summary>
/// <param name="Model">"mlp" or "cnn".</param>
/// <param name="Hidden">The model's width setting.</param>
/// <param name="Channels">Input channels.</param>
/// <param name="Height">Input height.</param>
/// <param name="Width">Input width.</param>
/// <param name="Classes">Class names, index = label.</param>
/// <param name="Input">
/// The pixel convention the model expects: "scrawl" (ink = 1, upright, row-major; every model of <c>deep train</c>, since the
/// data readers convert NIST36 files to it) or "nist36" (a model trained elsewhere on the raw NIST36 layout).
/// </param>
public sealed record ModelDescription(string Model, int Hidden, int Channels, int Height, int Width, IReadOnlyList<string> Classes, string Input = "scrawl")
{
    /// <summary>Saves <paramref name="module"/> to <paramref name="path"/> (TorchSharp format) and this description beside it (.json), both atomically.</summary>
    public void Save(nn.Module<Tensor, Tensor> module, string path)
    {
        ArgumentNullException.ThrowIfNull(module);
        // Module.save(Stream) closes the stream it is given, so the bytes go through memory.
        var buffer = new MemoryStream();
        module.save(buffer);
        AtomicFile.WriteAllBytes(path, buffer.ToArray());
        AtomicFile.WriteAllBytes(Path.ChangeExtension(path, ".json"), JsonSerializer.SerializeToUtf8Bytes(this));
    }

    /// <summary>Rebuilds the model saved at <paramref name="path"/> (with its .json beside it); throws <see cref="InvalidDataException"/> naming the file on a mismatch.</summary>
    public static (ModelDescription Description, nn.Module<Tensor, Tensor> Module) Load(string path)
    {
        string json = Path.ChangeExtension(path, ".json");
        if (!File.Exists(path) || !File.Exists(json))
        {
            throw new FileNotFoundException($"{path}: model file or its description {Path.GetFileName(json)} is missing.", path);
        }

        var d = JsonSerializer.Deserialize<ModelDescription>(File.ReadAllBytes(json))
            ?? throw new InvalidDataException($"{json}: empty model description.");
        var module = Models.ModelFactory.Create(d.Model, d.Channels, d.Height, d.Width, d.Classes.Count, d.Hidden);
        try
        {
            module.load(path);
        }
        catch (Exception e) when (e is ArgumentException or EndOfStreamException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path}: the weights do not fit the described {d.Model} ({e.Message}).", e);
        }

        return (d, module);
    }
}
