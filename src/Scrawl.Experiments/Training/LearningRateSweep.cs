using System.Globalization;
using System.Text;
using Scrawl.Data;
using Scrawl.NeuralNet.Training;
using Scrawl.Reporting;

namespace Scrawl.Experiments.Training;

/// <summary>One run of a learning-rate study: its rate and what the run left.</summary>
/// <param name="Rate">The learning rate (&gt; 0).</param>
/// <param name="Outcome">The run's history and divergence.</param>
public sealed record SweepRun(float Rate, TrainOutcome Outcome);

/// <summary>
/// The seed's learning-rate study: the same network trained at lr, 10·lr and 0.1·lr (one <see cref="TrainingRun"/>
/// each, in <c>folder/lr-VALUE</c>), all curves on shared axes, sweep.csv, and the best rate by final validation accuracy.
/// </summary>
public static class LearningRateSweep
{
    /// <summary>The factors applied to the base rate, in the order the runs are made.</summary>
    private static readonly decimal[] Factors = [1m, 10m, 0.1m];

    /// <summary>
    /// Runs the study with <paramref name="settings"/> (its learning rate is the base) into <paramref name="folder"/>; returns
    /// the runs sorted by rate. Progress lines go to <paramref name="log"/>. Out-of-range settings, or a base whose 10x and
    /// 0.1x are not finite and &gt; 0, are an <see cref="ArgumentException"/>.
    /// </summary>
    public static IReadOnlyList<SweepRun> Run(TrainSettings settings, DatasetSplits splits, string folder, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        settings.Validate();
        var results = new List<SweepRun>();
        foreach (float r in CheckRates(settings.LearningRate))
        {
            string runDir = Path.Combine(folder, $"lr-{Text(r)}");
            log($"== lr {Text(r)} -> {runDir}");
            var outcome = TrainingRun.Train(settings with { LearningRate = r }, splits, runDir, resume: false, log);
            if (outcome.Diverged is { } e)
            {
                log($"lr {Text(r)}: {e.Message}");
            }

            results.Add(new SweepRun(r, outcome));
        }

        var sorted = results.OrderBy(x => x.Rate).ToList();
        var runs = sorted.Select(x => ($"lr {Text(x.Rate)}", x.Outcome.History)).Where(x => x.History.Count > 0).ToList();
        if (runs.Count > 0)
        {
            Figure.Save(Path.Combine(folder, "sweep-loss.png"), LearningCurves.Render(runs, CurveMetric.Loss, "Learning-rate study: loss (dashed train, solid valid)"));
            Figure.Save(Path.Combine(folder, "sweep-accuracy.png"), LearningCurves.Render(runs, CurveMetric.Accuracy, "Learning-rate study: accuracy (dashed train, solid valid)"));
            log($"figures: {Path.Combine(folder, "sweep-loss.png")}, {Path.Combine(folder, "sweep-accuracy.png")}");
        }

        var csv = new StringBuilder("lr,epochs,train_loss,train_acc,valid_loss,valid_acc,diverged\n");
        foreach (var run in sorted)
        {
            var last = Last(run.Outcome);
            csv.Append(string.Create(CultureInfo.InvariantCulture,
                $"{Text(run.Rate)},{last.Epoch},{last.TrainLoss:R},{last.TrainAccuracy:R},{last.ValidLoss:R},{last.ValidAccuracy:R},{(run.Outcome.Diverged is null ? 0 : 1)}\n"));
        }

        Figure.Save(Path.Combine(folder, "sweep.csv"), Encoding.UTF8.GetBytes(csv.ToString()));
        return sorted;
    }

    /// <summary>The study's rates for base <paramref name="rate"/>; an <see cref="ArgumentException"/> unless all are finite and &gt; 0.</summary>
    public static float[] CheckRates(float rate)
    {
        float[] rates = [.. Factors.Select(f => (float)((decimal)rate * f))];
        if (rates.Any(r => !(r > 0) || !float.IsFinite(r)))
        {
            throw new ArgumentException($"--lr {Text(rate)}: 10x and 0.1x of it must be finite and > 0.");
        }

        return rates;
    }

    /// <summary>A run's last epoch, or an all-NaN epoch 0 when it finished none.</summary>
    public static EpochMetrics Last(TrainOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.History.Count > 0 ? outcome.History[^1] : new EpochMetrics(0, double.NaN, double.NaN, double.NaN, double.NaN, 0);
    }

    /// <summary>The rate whose completed run has the highest final validation accuracy (ties: the smaller rate); null when none qualifies.</summary>
    public static float? Best(IEnumerable<SweepRun> results) =>
        results.Where(x => x.Outcome.Diverged is null && x.Outcome.History.Count > 0 && double.IsFinite(x.Outcome.History[^1].ValidAccuracy))
            .OrderByDescending(x => x.Outcome.History[^1].ValidAccuracy).ThenBy(x => x.Rate)
            .Select(x => (float?)x.Rate).FirstOrDefault();

    /// <summary>A rate as the study names it (invariant culture, shortest round-trip).</summary>
    public static string Text(float value) => value.ToString(CultureInfo.InvariantCulture);
}
