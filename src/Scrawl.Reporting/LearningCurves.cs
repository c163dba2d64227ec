using Scrawl.NeuralNet.Training;

namespace Scrawl.Reporting;

/// <summary>Which per-epoch figure a learning-curve chart shows.</summary>
public enum CurveMetric
{
    /// <summary>Mean cross-entropy loss per sample.</summary>
    Loss,

    /// <summary>Classification accuracy in [0, 1].</summary>
    Accuracy,
}

/// <summary>Learning curves of training runs: train (dashed) vs validation (solid) per epoch, for one run or several on shared axes.</summary>
public static class LearningCurves
{
    /// <summary>PNG of one run's train and validation curves of <paramref name="metric"/> against the epoch; <paramref name="history"/> needs ≥ 1 epoch.</summary>
    public static byte[] Render(IReadOnlyList<EpochMetrics> history, CurveMetric metric, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        return Render([("", history)], metric, title ?? $"Learning curves: {Name(metric)}");
    }

    /// <summary>
    /// PNG of several runs (e.g. a learning-rate study) on shared axes: one colour per run, train dashed,
    /// validation solid, legend "label train" / "label valid"; each run needs ≥ 1 epoch.
    /// </summary>
    public static byte[] Render(IReadOnlyList<(string Label, IReadOnlyList<EpochMetrics> History)> runs, CurveMetric metric, string title)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return CurveFigure.Render(title, "epoch", Name(metric), Series(runs, metric), metric == CurveMetric.Accuracy ? (0, 1.02) : null);
    }

    /// <summary>The series <see cref="Render(IReadOnlyList{ValueTuple{string, IReadOnlyList{EpochMetrics}}}, CurveMetric, string)"/> draws: per run, train then valid.</summary>
    public static IReadOnlyList<CurveSeries> Series(IReadOnlyList<(string Label, IReadOnlyList<EpochMetrics> History)> runs, CurveMetric metric)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var series = new List<CurveSeries>(runs.Count * 2);
        for (int r = 0; r < runs.Count; r++)
        {
            var (label, history) = runs[r];
            if (history.Count == 0)
            {
                throw new ArgumentException($"Run '{label}' has no epochs.", nameof(runs));
            }

            double[] epochs = [.. history.Select(m => (double)m.Epoch)];
            double[] train = [.. history.Select(m => metric == CurveMetric.Loss ? m.TrainLoss : m.TrainAccuracy)];
            double[] valid = [.. history.Select(m => metric == CurveMetric.Loss ? m.ValidLoss : m.ValidAccuracy)];
            string prefix = label.Length == 0 ? "" : label + " ";
            series.Add(new CurveSeries(prefix + "train", epochs, train, r, Dashed: true));
            // One run: train and valid get colours of their own; several: one colour per run.
            series.Add(new CurveSeries(prefix + "valid", epochs, valid, runs.Count == 1 ? 1 : r));
        }

        return series;
    }

    private static string Name(CurveMetric metric) => metric == CurveMetric.Loss ? "loss (cross-entropy per sample)" : "accuracy";
}
