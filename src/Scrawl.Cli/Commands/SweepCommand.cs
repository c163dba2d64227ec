using System.CommandLine;
using System.Globalization;
using Scrawl.Experiments.Training;

namespace Scrawl.Cli.Commands;

/// <summary>
/// <c>scrawl sweep-lr</c>: the seed's learning-rate study. Trains the same network at lr, 10·lr and
/// 0.1·lr (one <c>train</c> run each, in <c>--out/lr-VALUE</c>), draws all their curves on shared axes,
/// prints a table and ends with <c>best-lr: &lt;value&gt;</c>, chosen by the final validation accuracy.
/// </summary>
internal static class SweepCommand
{
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
        command.SetAction(r => Run(io, new TrainSettings(r.GetValue(data)!, r.GetValue(hidden), r.GetValue(epochs), r.GetValue(rate), r.GetValue(batch), 0f, false, r.GetValue(seed)), r.GetValue(output)!));
        return command;
    }

    private static int Run(CliOutput io, TrainSettings settings, DirectoryInfo outDir)
    {
        Library.Validate(settings.Validate);
        Library.Validate(() => LearningRateSweep.CheckRates(settings.LearningRate));
        var results = LearningRateSweep.Run(settings, CliData.Load(settings.Data, settings.Seed), outDir.FullName, io.Out.WriteLine);
        io.Out.WriteLine();
        io.Out.WriteLine($"{"lr",-10} {"epochs",6} {"train_loss",10} {"train_acc",9} {"valid_loss",10} {"valid_acc",9}  note");
        foreach (var run in results)
        {
            var last = LearningRateSweep.Last(run.Outcome);
            string note = run.Outcome.Diverged is { } e ? $"diverged in epoch {e.Epoch}" : "";
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{LearningRateSweep.Text(run.Rate),-10} {last.Epoch,6} {last.TrainLoss,10:F4} {last.TrainAccuracy,9:F4} {last.ValidLoss,10:F4} {last.ValidAccuracy,9:F4}  {note}"));
        }

        var best = LearningRateSweep.Best(results)
            ?? throw new CliException("every run diverged or has no validation accuracy; no best learning rate.", ExitCodes.CheckFailed);
        io.Out.WriteLine($"best-lr: {LearningRateSweep.Text(best)}");
        return ExitCodes.Ok;
    }
}
