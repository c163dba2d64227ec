using System.Globalization;
using System.Text;
using System.Text.Json;
using Scrawl.NeuralNet.Training;
using Scrawl.Numerics;

namespace Scrawl.Experiments.Training;

/// <summary>A run folder's history files: history.csv and history.json, one row per finished epoch.</summary>
public static class RunHistory
{
    /// <summary>Writes history.csv and history.json (atomically) into <paramref name="folder"/>.</summary>
    public static void Write(string folder, IReadOnlyList<EpochMetrics> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var csv = new StringBuilder("epoch,train_loss,train_acc,valid_loss,valid_acc,seconds\n");
        foreach (var m in history)
        {
            csv.Append(string.Create(CultureInfo.InvariantCulture, $"{m.Epoch},{m.TrainLoss:R},{m.TrainAccuracy:R},{m.ValidLoss:R},{m.ValidAccuracy:R},{m.Seconds:R}\n"));
        }

        AtomicFile.WriteAllBytes(Path.Combine(folder, "history.csv"), Encoding.UTF8.GetBytes(csv.ToString()));
        AtomicFile.WriteAllBytes(Path.Combine(folder, "history.json"), JsonSerializer.SerializeToUtf8Bytes(history, HistoryJson.Default.IReadOnlyListEpochMetrics));
    }

    /// <summary>The epochs in <paramref name="folder"/>'s history.json; <see cref="InvalidDataException"/> naming the file when it is empty.</summary>
    public static List<EpochMetrics> Read(string folder)
    {
        string path = Path.Combine(folder, "history.json");
        return JsonSerializer.Deserialize(File.ReadAllBytes(path), HistoryJson.Default.ListEpochMetrics)
            ?? throw new InvalidDataException($"{path}: empty history.");
    }
}
