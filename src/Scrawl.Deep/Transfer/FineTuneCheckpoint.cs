using System.Text;
using System.Text.Json;
using Scrawl.Deep.Training;
using Scrawl.Numerics;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Scrawl.Deep.Transfer;

/// <summary>
/// Checkpoints of a fine-tuning run (<c>deep finetune --resume</c>), written after every epoch: a header (the settings, the
/// history so far), the values of everything training changes (the head, the fine-tuned blocks) and the running phase's
/// optimizer state, in one file written atomically (temp + rename). The frozen features are not in it: a resumed run
/// computes them again (or reads them from the feature cache), which gives the same values.
/// </summary>
public static class FineTuneCheckpoint
{
    private const string Magic = "SCRAWL-FINETUNE-CHECKPOINT 1";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>What the file says before the tensors: the caller's run settings, the tuner's options and classes, the history and first-view accuracies.</summary>
    private sealed record Header(string RunSettings, FineTuneOptions Options, int Classes, List<DeepEpoch> History, List<double[]> FirstView, long[] Sizes);

    /// <summary>
    /// Writes <paramref name="tuner"/>'s state after its last epoch to <paramref name="path"/> atomically; <paramref name="runSettings"/>
    /// (e.g. the command's settings as JSON) must match on <see cref="Load"/>.
    /// </summary>
    public static void Save(string path, FineTuner tuner, string runSettings = "")
    {
        ArgumentNullException.ThrowIfNull(tuner);
        var values = tuner.TrainedParameters.Select(p => p.detach().cpu().data<float>().ToArray()).ToList();
        byte[] optimizer = [];
        if (tuner.Optimizer is OptimizerHelper helper)
        {
            using var buffer = new MemoryStream();
            using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
            {
                helper.save_state_dict(w);
            }

            optimizer = buffer.ToArray();
        }

        var header = new Header(runSettings, tuner.Options, tuner.Classes, [.. tuner.History], [.. tuner.FirstViewAccuracies.Select(a => new[] { a.Valid, a.Test })],
            [.. values.Select(v => (long)v.Length)]);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(JsonSerializer.Serialize(header, JsonOptions));
            foreach (float[] v in values)
            {
                writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(v.AsSpan()));
            }

            writer.Write(optimizer.Length);
            writer.Write(optimizer);
        });
    }

    /// <summary>
    /// Loads <paramref name="path"/> into <paramref name="tuner"/> (made with the same options on the same network, before its
    /// <see cref="FineTuner.Fit"/>); throws <see cref="FileNotFoundException"/> when there is no file and
    /// <see cref="InvalidDataException"/> naming the file when it is not a checkpoint or was made with other settings.
    /// </summary>
    public static void Load(string path, FineTuner tuner, string runSettings = "")
    {
        ArgumentNullException.ThrowIfNull(tuner);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no checkpoint to resume from (start the run without --resume).", path);
        }

        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        var parameters = tuner.TrainedParameters.ToList();
        Header? header;
        try
        {
            header = reader.ReadString() == Magic ? JsonSerializer.Deserialize<Header>(reader.ReadString(), JsonOptions) : null;
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException or FormatException or IOException)
        {
            throw new InvalidDataException($"{path}: not a Scrawl fine-tuning checkpoint ({e.Message}).", e);
        }

        if (header is null)
        {
            throw new InvalidDataException($"{path}: not a Scrawl fine-tuning checkpoint.");
        }

        if (header.RunSettings != runSettings || header.Options != tuner.Options || header.Classes != tuner.Classes
            || !header.Sizes.SequenceEqual(parameters.Select(p => p.numel())) || header.FirstView.Count != header.History.Count)
        {
            throw new InvalidDataException($"{path}: the checkpoint was made with other settings ({header.RunSettings}; {header.Options}); resume with the same ones.");
        }

        try
        {
            using var _ = no_grad();
            foreach (var p in parameters)
            {
                byte[] bytes = reader.ReadBytes(checked((int)p.numel() * sizeof(float)));
                if (bytes.Length != p.numel() * sizeof(float))
                {
                    throw new EndOfStreamException("truncated weights");
                }

                using var values = tensor(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray()).view(p.shape);
                p.copy_(values);
            }

            int length = reader.ReadInt32();
            byte[] optimizer = reader.ReadBytes(length);
            if (length < 0 || optimizer.Length != length)
            {
                throw new EndOfStreamException("truncated optimizer state");
            }

            tuner.Restore(header.History, header.FirstView.Select(a => (a[0], a[1])), length == 0 ? null : optimizer);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or IndexOutOfRangeException)
        {
            throw new InvalidDataException($"{path}: the checkpoint is damaged ({e.Message}).", e);
        }
    }
}
