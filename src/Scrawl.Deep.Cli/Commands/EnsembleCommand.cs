using System.CommandLine;
using Scrawl.Deep.Transfer;

namespace Scrawl.Deep.Cli.Commands;

/// <summary>
/// <c>scrawl deep ensemble --runs DIR1,DIR2,…</c>: averages the saved softmax (<c>pretrained-probabilities.csv</c>) of
/// fine-tuning runs and prints each run's and the ensemble's errors per split, with all test-time views and with the first
/// view alone. Reads files only (no libtorch).
/// </summary>
internal static class EnsembleCommand
{
    /// <summary>The file a pretrained <c>deep finetune</c> run leaves in its <c>--out</c>.</summary>
    internal const string FileName = "pretrained-probabilities.csv";

    public static Command Create(CliOutput io)
    {
        var runs = new Option<string>("--runs") { Description = "Comma-separated run folders (each with " + FileName + ") or files", Required = true };
        var command = new Command("ensemble", "Average the saved valid/test probabilities of fine-tuning runs; prints errors per split.") { runs };
        command.SetAction(r => Run(io, r.GetValue(runs)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        return command;
    }

    internal static int Run(CliOutput io, IReadOnlyList<string> runs)
    {
        if (runs.Count == 0)
        {
            throw new CliException("--runs names no run.");
        }

        var members = new List<RunProbabilities>();
        foreach (string run in runs)
        {
            string path = Directory.Exists(run) ? Path.Combine(run, FileName) : run;
            if (!File.Exists(path))
            {
                throw new CliException($"{path}: no such probabilities file.");
            }

            try
            {
                members.Add(RunProbabilities.Read(path));
            }
            catch (InvalidDataException e)
            {
                throw new CliException(e.Message);
            }

            io.Out.WriteLine($"{path}: {Line(members[^1])}");
        }

        try
        {
            var all = ProbabilityEnsemble.Average(members);
            var first = ProbabilityEnsemble.Average(members, firstViewOnly: true);
            io.Out.WriteLine($"ensemble of {members.Count}: " + string.Join(", ", all.Splits.Select(s =>
                $"{s.Name} {s.Errors()} errors of {s.Count} (first views only: {first.Split(s.Name)!.Errors()})")));
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message);
        }

        return ExitCodes.Ok;
    }

    private static string Line(RunProbabilities run) => string.Join(", ", run.Splits.Select(s =>
        $"{s.Name} {s.Errors()} errors of {s.Count} ({s.Views} view{(s.Views == 1 ? "" : "s")}; first view {s.Errors(firstViewOnly: true)})"));
}
