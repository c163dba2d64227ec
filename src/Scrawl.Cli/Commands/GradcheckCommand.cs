using System.CommandLine;
using System.Globalization;
using Scrawl.NeuralNet.Checking;

namespace Scrawl.Cli.Commands;

/// <summary><c>scrawl gradcheck</c>: numerical gradient check of every layer and loss.</summary>
internal static class GradcheckCommand
{
    public static Command Create(CliOutput io)
    {
        var tolerance = new Option<double>("--tolerance")
        {
            Description = "Bound on each tensor's relative gradient error ‖num − ana‖/(‖num‖ + ‖ana‖)",
            DefaultValueFactory = _ => new GradientCheckOptions().Tolerance,
        };
        var seed = new Option<long>("--seed") { Description = "Seed for the random inputs and weights", DefaultValueFactory = _ => 1 };
        var command = new Command("gradcheck", "Check every layer's and loss's gradients against central differences; exits 1 above the tolerance.")
        {
            tolerance, seed,
        };
        command.SetAction(r => Run(io, r.GetValue(tolerance), r.GetValue(seed)));
        return command;
    }

    private static int Run(CliOutput io, double tolerance, long seed)
    {
        if (!(tolerance > 0))
        {
            throw new CliException($"--tolerance must be > 0, got {tolerance}.");
        }

        var options = new GradientCheckOptions { Tolerance = tolerance, Seed = seed };
        var checks = GradientCheckSuite.Cases(seed).Select(c => (c.Name, Result: c.Run(options))).ToList();
        io.Out.WriteLine($"{"check",-34} {"tensor",-28} {"entries",7} {"rel-error",10} {"max-abs",10}");
        bool passed = true;
        double worst = 0;
        foreach (var (name, result) in checks)
        {
            foreach (var e in result.Entries)
            {
                string flag = e.RelativeError <= tolerance ? "" : "  FAIL";
                io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-34} {e.Name,-28} {e.EntriesChecked,7} {e.RelativeError,10:E2} {e.MaxAbsoluteError,10:E2}{flag}"));
            }

            passed &= result.Passed;
            worst = Math.Max(worst, result.WorstRelativeError);
        }

        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"worst relative error: {worst:E2} (tolerance {tolerance:E2})"));
        io.Out.WriteLine(passed ? "gradcheck: passed" : "gradcheck: FAILED");
        return passed ? ExitCodes.Ok : ExitCodes.CheckFailed;
    }
}
