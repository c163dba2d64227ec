using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Scrawl.NeuralNet.Serialization;
using Scrawl.Numerics;
using Scrawl.Numerics.Formats;

namespace Scrawl.NeuralNet.Training;

/// <summary>
/// Everything needed to continue a training run exactly: the model (as a model file), the trainer's
/// position (<see cref="TrainerState"/>), the optimizer's state tensors, and the history so far.
/// </summary>
/// <param name="Model">The network with its head and metadata.</param>
/// <param name="Trainer">Epochs done and the shuffle generator's state.</param>
/// <param name="OptimizerState">Named optimizer tensors (empty for plain SGD).</param>
/// <param name="History">Metrics of the epochs done.</param>
public sealed partial record Checkpoint(Model Model, TrainerState Trainer, IReadOnlyList<(string Name, Tensor Value)> OptimizerState, IReadOnlyList<EpochMetrics> History)
{
    private const string Format = "scrawl-checkpoint";
    private const int Version = 1;

    private sealed record Header(string Format, int Version, int EpochsDone, string[] ShuffleState, string[] OptimizerTensors, EpochMetrics[] History);

    /// <summary>Writes the checkpoint atomically (temp file + rename): a crash never leaves half a checkpoint.</summary>
    public void Save(string path) => AtomicFile.Write(path, stream =>
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        Entry(zip, "model.scrawl", s => ModelFile.Save(Model, s));
        for (int i = 0; i < OptimizerState.Count; i++)
        {
            var t = OptimizerState[i].Value;
            Entry(zip, $"optimizer/{i}.npy", s => NpyWriter.Write(s, t.Span, t.Shape.ToArray()));
        }

        var header = new Header(Format, Version, Trainer.EpochsDone, [.. Trainer.ShuffleState.Select(v => v.ToString("x16", System.Globalization.CultureInfo.InvariantCulture))],
            [.. OptimizerState.Select(o => o.Name)], [.. History]);
        Entry(zip, "checkpoint.json", s => JsonSerializer.Serialize(s, header, HeaderJson.Default.Header));
    });

    /// <summary>Reads a checkpoint; a damaged or foreign file throws <see cref="InvalidDataException"/> naming it.</summary>
    public static Checkpoint Load(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var header = Read(zip, "checkpoint.json", s => JsonSerializer.Deserialize(s, HeaderJson.Default.Header), path)
                ?? throw new InvalidDataException($"{path}: empty checkpoint header.");
            if (header.Format != Format || header.Version != Version)
            {
                throw new InvalidDataException($"{path}: not a version-{Version} Scrawl checkpoint (found {header.Format} {header.Version}).");
            }

            var model = Read(zip, "model.scrawl", s => ModelFile.Load(Buffer(s), $"{path}/model.scrawl"), path);
            var optimizer = header.OptimizerTensors.Select((name, i) =>
                (name, Read(zip, $"optimizer/{i}.npy", s => NpyReader.Read(Buffer(s), $"{path}/optimizer/{i}.npy").ToTensor(), path))).ToList();
            var shuffle = header.ShuffleState.Select(h => ulong.Parse(h, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            return new Checkpoint(model, new TrainerState(header.EpochsDone, shuffle), optimizer, header.History);
        }
        catch (Exception e) when (e is JsonException or FormatException or OverflowException or ArgumentException or InvalidOperationException
            || (e is InvalidDataException && !e.Message.StartsWith(path, StringComparison.Ordinal)))
        {
            // Includes the zip layer's own errors ("Central Directory corrupt."), which do not say which file.
            throw new InvalidDataException($"{path}: damaged checkpoint ({e.Message.TrimEnd('.')}).", e);
        }
    }

    /// <summary>The header's JSON, generated at compile time (no reflection; NaN and infinities allowed in the history).</summary>
    [JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
    [JsonSerializable(typeof(Header))]
    private sealed partial class HeaderJson : JsonSerializerContext;

    private static void Entry(ZipArchive zip, string name, Action<Stream> write)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        entry.LastWriteTime = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var s = entry.Open();
        write(s);
    }

    private static T Read<T>(ZipArchive zip, string name, Func<Stream, T> read, string path)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidDataException($"{path}: the checkpoint has no {name}.");
        using var s = entry.Open();
        return read(s);
    }

    private static MemoryStream Buffer(Stream s)
    {
        var m = new MemoryStream();
        s.CopyTo(m);
        m.Position = 0;
        return m;
    }
}
