using System.CommandLine;
using Scrawl.Experiments.Training;

namespace Scrawl.Cli.Commands;

/// <summary>
/// <c>scrawl train</c>: the seed's classifier (in → hidden sigmoid → classes, softmax cross-entropy)
/// on any data, with a checkpoint after every epoch and an exact <c>--resume</c>.
/// </summary>
internal static class TrainCommand
{
    public static Command Create(CliOutput io)
    {
        var data = new Option<string>("--data") { Description = "Catalog name or path (see 'scrawl data list')", DefaultValueFactory = _ => "glyphs36" };
        var hidden = new Option<int>("--hidden") { Description = "Hidden units (≥ 1)", DefaultValueFactory = _ => 64 };
        var epochs = new Option<int>("--epochs") { Description = "Epochs (≥ 1)", DefaultValueFactory = _ => 100 };
        var rate = new Option<float>("--lr") { Description = "Learning rate (> 0)", DefaultValueFactory = _ => 0.02f };
        var batch = new Option<int>("--batch") { Description = "Batch size (≥ 1)", DefaultValueFactory = _ => 64 };
        var momentum = new Option<float>("--momentum") { Description = "Momentum μ in [0, 1) (0: plain SGD)", DefaultValueFactory = _ => 0f };
        var mean = new Option<bool>("--mean") { Description = "Average batch gradients instead of summing them (the seed sums)" };
        var seed = new Option<long>("--seed") { Description = "Seed for data, weights and shuffling", DefaultValueFactory = _ => 0 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Run folder: model.scrawl, checkpoint.ckpt, history.csv/json", DefaultValueFactory = _ => new DirectoryInfo("runs/train") };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its last checkpoint (same settings; ends bit-identical to an uninterrupted run)" };
        var command = new Command("train", "Train the seed's MLP classifier; per-epoch loss/accuracy, a checkpoint every epoch, the model file at the end.")
        {
            data, hidden, epochs, rate, batch, momentum, mean, seed, output, resume,
        };
        command.SetAction(r => Run(io, new TrainSettings(r.GetValue(data)!, r.GetValue(hidden), r.GetValue(epochs), r.GetValue(rate), r.GetValue(batch), r.GetValue(momentum), r.GetValue(mean), r.GetValue(seed)),
            r.GetValue(output)!, r.GetValue(resume)));
        return command;
    }

    private static int Run(CliOutput io, TrainSettings s, DirectoryInfo outDir, bool resume)
    {
        Library.Validate(s.Validate);
        var outcome = TrainingRun.Train(s, CliData.Load(s.Data, s.Seed), outDir.FullName, resume, io.Out.WriteLine);
        if (outcome.Diverged is { } e)
        {
            throw new CliException($"{e.Message} The last good checkpoint ({Path.Combine(outDir.FullName, TrainingRun.CheckpointFile)}) is kept.", ExitCodes.CheckFailed);
        }

        return ExitCodes.Ok;
    }
}
