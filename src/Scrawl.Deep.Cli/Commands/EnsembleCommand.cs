using System.CommandLine;
using Scrawl.Deep.Transfer;

namespace Scrawl.Deep.Cli.Commands;

/// <summary>
/// <c>scrawl deep ensemble --runs DIR1,DIR2,… [--out FILE]</c>: averages the saved softmax (<c>pretrained-probabilities.csv</c>) of
/// fine-tuning runs and prints each run's and the ensemble's errors per split, with all test-time views and with the first
/// view alone; <c>--out</c> also writes them as JSON (<see cref="EnsembleErrors"/>). Reads files only (no libtorch).
/// </summary>
internal static class EnsembleCommand
{
    /// <summary>The file a pretrained <c>deep finetune</c> run leaves in its <c>--out</c>.</summary>
    internal const string FileName = "pretrained-probabilities.csv";

    public static Command Create(CliOutput io)
    {
        var runs = new Option<string>("--runs") { Description = "Comma-separated run folders (each with " + FileName + ") or files", Required = true };
        var output = new Option<string?>("--out") { Description = "Also write each run's and the ensemble's errors per split to this JSON file (atomically)" };
        var command = new Command("ensemble", "Average the saved valid/test probabilities of fine-tuning runs; prints errors per split.") { runs, output };
        command.SetAction(r => Run(io, r.GetValue(runs)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), r.GetValue(output)));
        return command;
    }

    internal static int Run(CliOutput io, IReadOnlyList<string> runs, string? output = null)
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
        }

        EnsembleErrors errors;
        try
        {
            errors = EnsembleErrors.Of(members);
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message);
        }

        foreach (var run in errors.Runs)
        {
            io.Out.WriteLine($"{run.Source}: " + string.Join(", ", run.Splits.Select(s =>
                $"{s.Name} {s.Errors} errors of {s.Count} ({s.Views} view{(s.Views == 1 ? "" : "s")}; first view {s.FirstViewErrors})")));
        }

        io.Out.WriteLine($"ensemble of {members.Count}: " + string.Join(", ", errors.Ensemble.Splits.Select(s =>
            $"{s.Name} {s.Errors} errors of {s.Count} (first views only: {s.FirstViewErrors})")));
        if (output is not null)
        {
            try
            {
                errors.Save(output);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"{output}: cannot write the ensemble's errors ({e.Message}).");
            }

            io.Out.WriteLine($"wrote {output}");
        }

        return ExitCodes.Ok;
    }
}
