using System.CommandLine;
using System.Globalization;
using Scrawl.NeuralNet.Training;
using Scrawl.Reporting;

namespace Scrawl.Cli.Commands;

/// <summary>
/// <c>scrawl sweep-lr</c>: the seed's learning-rate study. Trains the same network at lr, 10·lr and
/// 0.1·lr (one <c>train</c> run each, in <c>--out/lr-VALUE</c>), draws all their curves on shared axes,
/// prints a table and ends with <c>best-lr: &lt;value&gt;</c>, chosen by the final validation accuracy.
/// </summary>
internal static class SweepCommand
{
    /// <summary>The factors applied to --lr, in the order the runs are made.</summary>
    private static readonly decimal[] Factors = [1m, 10m, 0.1m];

    public static Command Create(CliOutput io)
    {
        var data = new Option<string>("--data") { Description = "Catalog name or path (see 'scrawl data list')", DefaultValueFactory = _ => "glyphs36" };
        var rate = new Option<float>("--lr") { Description = "Base learning rate (> 0); the study also runs 10x and 0.1x", DefaultValueFactory = _ => 0.02f };
        var epochs = new Option<int>("--epochs") { Description = "Epochs per run (≥ 1)", DefaultValueFactory = _ => 30 };
        var hidden = new Option<int>("--hidden") { Description = "Hidden units (≥ 1)", DefaultValueFactory = _ => 64 };
        var batch = new Option<int>("--batch") { Description = "Batch size (≥ 1)", DefaultValueFactory = _ => 64 };
        var seed = new Option<long>("--seed") { Description = "Seed for data, weights and shuffling (the same for every run)", DefaultValueFactory = _ => 0 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Study folder: lr-*/ run folders, sweep-loss.png, sweep-accuracy.png, sweep.csv", DefaultValueFactory = _ => new DirectoryInfo("runs/sweep") };
        var command = new Command("sweep-lr", "Learning-rate study: train at lr, 10·lr and 0.1·lr, plot all curves together, end with 'best-lr: <value>'.")
        {
            data, rate, epochs, hidden, batch, seed, output,
        };
        command.SetAction(r => Run(io, r.GetValue(data)!, r.GetValue(rate), r.GetValue(epochs), r.GetValue(hidden), r.GetValue(batch), r.GetValue(seed), r.GetValue(output)!));
        return command;
    }

    private static int Run(CliOutput io, string dataName, float rate, int epochs, int hidden, int batch, long seed, DirectoryInfo outDir)
    {
        var settings = new TrainCommand.RunSettings(dataName, hidden, epochs, rate, batch, 0f, false, seed);
        TrainCommand.Validate(settings);
        float[] rates = [.. Factors.Select(f => (float)((decimal)rate * f))];
        if (rates.Any(r => !(r > 0) || !float.IsFinite(r)))
        {
            throw new CliException($"--lr {Text(rate)}: 10x and 0.1x of it must be finite and > 0.");
        }

        var splits = TrainCommand.ResolveData(dataName, seed);
        var results = new List<(float Rate, TrainCommand.TrainOutcome Outcome)>();
        foreach (float r in rates)
        {
            var runDir = new DirectoryInfo(Path.Combine(outDir.FullName, $"lr-{Text(r)}"));
            io.Out.WriteLine($"== lr {Text(r)} -> {runDir.FullName}");
            var outcome = TrainCommand.Train(io, settings with { LearningRate = r }, splits, runDir, resume: false);
            if (outcome.Diverged is { } e)
            {
                io.Out.WriteLine($"lr {Text(r)}: {e.Message}");
            }

            results.Add((r, outcome));
        }

        var runs = results.OrderBy(x => x.Rate).Select(x => ($"lr {Text(x.Rate)}", x.Outcome.History)).Where(x => x.History.Count > 0).ToList();
        if (runs.Count > 0)
        {
            Figure.Save(Path.Combine(outDir.FullName, "sweep-loss.png"), LearningCurves.Render(runs, CurveMetric.Loss, "Learning-rate study: loss (dashed train, solid valid)"));
            Figure.Save(Path.Combine(outDir.FullName, "sweep-accuracy.png"), LearningCurves.Render(runs, CurveMetric.Accuracy, "Learning-rate study: accuracy (dashed train, solid valid)"));
            io.Out.WriteLine($"figures: {Path.Combine(outDir.FullName, "sweep-loss.png")}, {Path.Combine(outDir.FullName, "sweep-accuracy.png")}");
        }

        io.Out.WriteLine();
        io.Out.WriteLine($"{"lr",-10} {"epochs",6} {"train_loss",10} {"train_acc",9} {"valid_loss",10} {"valid_acc",9}  note");
        var csv = new System.Text.StringBuilder("lr,epochs,train_loss,train_acc,valid_loss,valid_acc,diverged\n");
        foreach (var (r, outcome) in results.OrderBy(x => x.Rate))
        {
            var last = outcome.History.Count > 0 ? outcome.History[^1] : new EpochMetrics(0, double.NaN, double.NaN, double.NaN, double.NaN, 0);
            string note = outcome.Diverged is { } e ? $"diverged in epoch {e.Epoch}" : "";
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Text(r),-10} {last.Epoch,6} {last.TrainLoss,10:F4} {last.TrainAccuracy,9:F4} {last.ValidLoss,10:F4} {last.ValidAccuracy,9:F4}  {note}"));
            csv.Append(string.Create(CultureInfo.InvariantCulture,
                $"{Text(r)},{last.Epoch},{last.TrainLoss:R},{last.TrainAccuracy:R},{last.ValidLoss:R},{last.ValidAccuracy:R},{(outcome.Diverged is null ? 0 : 1)}\n"));
        }

        Figure.Save(Path.Combine(outDir.FullName, "sweep.csv"), System.Text.Encoding.UTF8.GetBytes(csv.ToString()));
        var best = Best(results.Select(x => (x.Rate, x.Outcome)).ToList());
        if (best is null)
        {
            throw new CliException("every run diverged or has no validation accuracy; no best learning rate.", ExitCodes.CheckFailed);
        }

        io.Out.WriteLine($"best-lr: {Text(best.Value)}");
        return ExitCodes.Ok;
    }

    /// <summary>The rate whose completed run has the highest final validation accuracy (ties: the smaller rate); null when none qualifies.</summary>
    internal static float? Best(IReadOnlyList<(float Rate, TrainCommand.TrainOutcome Outcome)> results) =>
        results.Where(x => x.Outcome.Diverged is null && x.Outcome.History.Count > 0 && double.IsFinite(x.Outcome.History[^1].ValidAccuracy))
            .OrderByDescending(x => x.Outcome.History[^1].ValidAccuracy).ThenBy(x => x.Rate)
            .Select(x => (float?)x.Rate).FirstOrDefault();

    private static string Text(float value) => value.ToString(CultureInfo.InvariantCulture);
}
