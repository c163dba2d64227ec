using System.Text;
using System.Text.Json;
using Scrawl.Numerics;
using TorchSharp.Modules;

namespace Scrawl.Deep.Training;

/// <summary>
/// Checkpoints of <c>deep train</c>: one file with a header, the run's settings and history (JSON), the model's weights
/// and buffers (TorchSharp format) and the optimizer's state, written atomically (temp + rename).
/// </summary>
public static class DeepCheckpoint
{
    private const string Magic = "SCRAWL-DEEP-CHECKPOINT 1";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private sealed record Header(DeepTrainOptions Options, List<DeepEpoch> History);

    /// <summary>Writes the trainer's model, optimizer state, settings and history to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, DeepTrainer trainer)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(JsonSerializer.Serialize(new Header(trainer.Options, [.. trainer.History]), JsonOptions));
            trainer.Model.save(writer);
            ((OptimizerHelper)trainer.Optimizer).save_state_dict(writer);
        });
    }

    /// <summary>
    /// Loads <paramref name="path"/> into a fresh trainer made with the same settings (only the epoch count may differ);
    /// throws <see cref="InvalidDataException"/> naming the file when it is not a checkpoint or its settings differ.
    /// </summary>
    public static void Load(string path, DeepTrainer trainer)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no checkpoint to resume from (start the run without --resume).", path);
        }

        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        Header? header;
        try
        {
            if (reader.ReadString() != Magic)
            {
                throw new InvalidDataException($"{path}: not a Scrawl deep checkpoint.");
            }

            header = JsonSerializer.Deserialize<Header>(reader.ReadString(), JsonOptions);
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException or FormatException)
        {
            throw new InvalidDataException($"{path}: not a Scrawl deep checkpoint ({e.Message}).", e);
        }

        if (header is null || header.Options with { Epochs = trainer.Options.Epochs } != trainer.Options)
        {
            throw new InvalidDataException($"{path}: the checkpoint was made with other settings ({JsonSerializer.Serialize(header?.Options)}); resume with the same ones.");
        }

        try
        {
            trainer.Model.load(reader);
            ((OptimizerHelper)trainer.Optimizer).load_state_dict(reader);
        }
        catch (Exception e) when (e is ArgumentException or EndOfStreamException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path}: the checkpoint's weights do not fit this model ({e.Message}).", e);
        }

        trainer.RestoreHistory(header.History);
    }
}
