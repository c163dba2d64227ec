using System.Globalization;
using System.Text;
using System.Text.Json;
using Scrawl.Deep.Training;
using Scrawl.Numerics;
using Scrawl.Reporting;

namespace Scrawl.Deep.Cli.Commands;

/// <summary>The files of a deep run: per-epoch history (CSV, JSON) and learning curves (PNG, train dashed, valid and test solid).</summary>
internal static class RunReport
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes <c>{prefix}history.csv</c> and <c>{prefix}history.json</c> atomically into <paramref name="folder"/>.</summary>
    public static void WriteHistory(string folder, IReadOnlyList<DeepEpoch> history, string prefix = "")
    {
        var csv = new StringBuilder("epoch,train_loss,train_acc,valid_loss,valid_acc,test_loss,test_acc,lr,seconds\n");
        foreach (var m in history)
        {
            csv.Append(string.Create(CultureInfo.InvariantCulture,
                $"{m.Epoch},{m.TrainLoss:R},{m.TrainAccuracy:R},{m.ValidLoss:R},{m.ValidAccuracy:R},{m.TestLoss:R},{m.TestAccuracy:R},{m.LearningRate:R},{m.Seconds:R}\n"));
        }

        AtomicFile.WriteAllBytes(Path.Combine(folder, prefix + "history.csv"), Encoding.UTF8.GetBytes(csv.ToString()));
        AtomicFile.WriteAllBytes(Path.Combine(folder, prefix + "history.json"), JsonSerializer.SerializeToUtf8Bytes(history, JsonOptions));
    }

    /// <summary>Writes <paramref name="settings"/> as indented JSON to <paramref name="folder"/>/<paramref name="name"/> atomically (what <c>scrawl report</c> compares to collect a run).</summary>
    public static void WriteSettings<T>(string folder, string name, T settings) =>
        AtomicFile.WriteAllBytes(Path.Combine(folder, name), JsonSerializer.SerializeToUtf8Bytes(settings, JsonOptions));

    /// <summary>The history in <c>{prefix}history.json</c> of <paramref name="folder"/>, or null when it is missing or unreadable.</summary>
    public static IReadOnlyList<DeepEpoch>? TryReadHistory(string folder, string prefix = "")
    {
        string path = Path.Combine(folder, prefix + "history.json");
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<List<DeepEpoch>>(File.ReadAllBytes(path), JsonOptions) : null;
        }
        catch (Exception e) when (e is JsonException or IOException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Writes <c>{prefix}curves-loss.png</c> and <c>{prefix}curves-accuracy.png</c>; returns their paths. Runs are (label, history) pairs, each ≥ 1 epoch.</summary>
    public static IReadOnlyList<string> WriteCurves(string folder, IReadOnlyList<(string Label, IReadOnlyList<DeepEpoch> History)> runs, string title, string prefix = "")
    {
        var paths = new List<string>();
        foreach (bool accuracy in new[] { false, true })
        {
            var series = new List<CurveSeries>();
            for (int r = 0; r < runs.Count; r++)
            {
                var (label, history) = runs[r];
                string lead = label.Length == 0 ? "" : label + " ";
                double[] x = [.. history.Select(m => (double)m.Epoch)];
                int color = runs.Count == 1 ? 0 : 3 * r;
                series.Add(new CurveSeries(lead + "train", x, [.. history.Select(m => accuracy ? m.TrainAccuracy : m.TrainLoss)], color, Dashed: true));
                if (history.Any(m => !double.IsNaN(m.ValidLoss)))
                {
                    series.Add(new CurveSeries(lead + "valid", x, [.. history.Select(m => accuracy ? m.ValidAccuracy : m.ValidLoss)], color + 1));
                }

                if (history.Any(m => !double.IsNaN(m.TestLoss)))
                {
                    series.Add(new CurveSeries(lead + "test", x, [.. history.Select(m => accuracy ? m.TestAccuracy : m.TestLoss)], color + 2));
                }
            }

            string name = accuracy ? "accuracy" : "loss";
            string path = Path.Combine(folder, $"{prefix}curves-{name}.png");
            Figure.Save(path, CurveFigure.Render($"{title}: {name} per epoch", "epoch", accuracy ? "accuracy" : "loss (cross-entropy per sample)", series, accuracy ? (0, 1.02) : null));
            paths.Add(path);
        }

        return paths;
    }

    /// <summary>One progress line of an epoch.</summary>
    public static string EpochLine(DeepEpoch m, int epochs) => string.Create(CultureInfo.InvariantCulture,
        $"epoch {m.Epoch,3}/{epochs}  lr {m.LearningRate:G4}  train_loss {m.TrainLoss:F4}  train_acc {m.TrainAccuracy:F4}  valid_loss {m.ValidLoss:F4}  valid_acc {m.ValidAccuracy:F4}  test_acc {m.TestAccuracy:F4}  {m.Seconds:F1} s");
}
