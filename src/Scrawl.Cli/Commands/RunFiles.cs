using System.Globalization;
using System.Text;
using System.Text.Json;
using Scrawl.NeuralNet;
using Scrawl.NeuralNet.Optimizers;
using Scrawl.NeuralNet.Training;
using Scrawl.Numerics;

namespace Scrawl.Cli.Commands;

/// <summary>The files of a training run: resuming from its checkpoint and writing its history.</summary>
internal static class RunFiles
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Loads the checkpoint into the fresh network, optimizer and trainer; returns the history so far.</summary>
    public static IReadOnlyList<EpochMetrics> Resume(string path, TrainCommand.RunSettings settings, Sequential network, IOptimizer optimizer, Trainer trainer)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"{path}: no checkpoint to resume from (start the run without --resume).");
        }

        var checkpoint = Checkpoint.Load(path);
        var saved = checkpoint.Model.Metadata.TryGetValue("run", out string? json)
            ? JsonSerializer.Deserialize<TrainCommand.RunSettings>(json)
            : null;
        if (saved is null || saved with { Epochs = settings.Epochs } != settings)
        {
            throw new CliException($"{path}: the checkpoint was made with other settings ({json ?? "unknown"}); resume with the same --data, --hidden, --lr, --batch, --momentum, --mean and --seed.");
        }

        var parameters = checkpoint.Model.Network.Parameters;
        if (parameters.Count != network.Parameters.Count)
        {
            throw new CliException($"{path}: the checkpoint's network does not match this run.");
        }

        for (int i = 0; i < parameters.Count; i++)
        {
            network.Parameters[i].Value.EnsureSameShape(parameters[i].Value, nameof(path));
            parameters[i].Value.CopyTo(network.Parameters[i].Value);
        }

        if (optimizer is IStatefulOptimizer stateful)
        {
            stateful.LoadState(network.Parameters, checkpoint.OptimizerState);
        }

        trainer.Restore(checkpoint.Trainer);
        return checkpoint.History;
    }

    /// <summary>Writes history.csv and history.json (atomically) into the run folder.</summary>
    public static void WriteHistory(string folder, IReadOnlyList<EpochMetrics> history)
    {
        var csv = new StringBuilder("epoch,train_loss,train_acc,valid_loss,valid_acc,seconds\n");
        foreach (var m in history)
        {
            csv.Append(string.Create(CultureInfo.InvariantCulture, $"{m.Epoch},{m.TrainLoss:R},{m.TrainAccuracy:R},{m.ValidLoss:R},{m.ValidAccuracy:R},{m.Seconds:R}\n"));
        }

        AtomicFile.WriteAllBytes(Path.Combine(folder, "history.csv"), Encoding.UTF8.GetBytes(csv.ToString()));
        AtomicFile.WriteAllBytes(Path.Combine(folder, "history.json"), JsonSerializer.SerializeToUtf8Bytes(history, JsonOptions));
    }
}
