using Scrawl.Data;
using Scrawl.Data.Formats;
using Scrawl.Data.Images;
using Scrawl.Media;
using Scrawl.NeuralNet.Serialization;
using Scrawl.NeuralNet.Training;
using Scrawl.Numerics.Formats;

namespace Scrawl.Fuzz;

/// <summary>One fuzz target per parser: each takes the input bytes; only <see cref="InvalidDataException"/> is a documented outcome.</summary>
internal static class Targets
{
    private static readonly string Scratch = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), $"scrawl-fuzz-{Environment.ProcessId}");

    /// <summary>The targets by name: idx, mat, npy, npz, model, checkpoint, dataset, image.</summary>
    public static IReadOnlyDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["idx"] = b => IdxFile.Read(new MemoryStream(b), "input"),
        ["mat"] = b => Nist36OrMat(b),
        ["npy"] = b => Npy(b),
        ["npz"] = b => NpzReader.Read(new MemoryStream(b), "input"),
        ["model"] = b => ModelFile.Load(new MemoryStream(b), "input"),
        ["checkpoint"] = b => Checkpoint.Load(AsFile(b, "input.ckpt")),
        ["dataset"] = b => DatasetFile.Load(AsFile(b, "input.npz")),
        ["image"] = b => new SkiaImageDecoder { MaxFramePixels = 1 << 22 }.Decode(b, new DecodeRequest(ColorMode.Grey, 32, 32), "input"),
    };

    /// <summary>
    /// Reads an .npy and converts it as the loaders do: ToTensor only for rank 1–4 and ToLabels only for integer arrays
    /// (both refuse other arrays with InvalidOperationException, a documented precondition their callers check first).
    /// </summary>
    private static void Npy(byte[] bytes)
    {
        var array = NpyReader.Read(new MemoryStream(bytes), "input");
        if (array.Shape.Count is >= 1 and <= 4)
        {
            array.ToTensor();
        }

        if (array.IsInteger && array.Data.All(v => Math.Abs(v) < int.MaxValue))
        {
            array.ToLabels();
        }
    }

    /// <summary>Runs <paramref name="target"/>; anything but a documented exception escapes (a finding).</summary>
    public static void Run(Action<byte[]> target, byte[] input)
    {
        try
        {
            target(input);
        }
        catch (InvalidDataException)
        {
            // Documented: the input is not a valid file of this format.
        }
    }

    private static void Nist36OrMat(byte[] bytes)
    {
        var file = MatFile.Read(new MemoryStream(bytes), "input");
        if (file.Keys.Any(k => k.EndsWith("_data", StringComparison.Ordinal)))
        {
            Nist36Mat.FromMat(file);
        }
    }

    private static string AsFile(byte[] bytes, string name)
    {
        Directory.CreateDirectory(Scratch);
        string path = Path.Combine(Scratch, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
