using System.CommandLine;
using System.Globalization;
using Scrawl.Numerics;

namespace Scrawl.Cli.Commands;

/// <summary><c>scrawl selfcheck</c>: verifies this machine's GEMM kernels against a naive reference.</summary>
internal static class SelfcheckCommand
{
    public static Command Create(CliOutput io)
    {
        var seed = new Option<int>("--seed") { Description = "Seed for the random matrices", DefaultValueFactory = _ => 1 };
        var command = new Command("selfcheck", "Check the matrix-multiply kernels this machine runs (SIMD or scalar) against a naive reference.")
        {
            seed,
        };
        command.SetAction(r =>
        {
            var result = Gemm.SelfCheck(r.GetValue(seed));
            io.Out.WriteLine($"gemm path: {result.Path}");
            io.Out.WriteLine($"cores used: {Environment.ProcessorCount}");
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"shapes checked: {result.ShapesChecked}, max relative error {result.MaxRelativeError:E2}"));
            if (!result.Passed)
            {
                io.Out.WriteLine($"first failure: {result.FirstFailure}");
            }

            io.Out.WriteLine(result.Passed ? "selfcheck: passed" : "selfcheck: FAILED");
            return result.Passed ? ExitCodes.Ok : ExitCodes.CheckFailed;
        });
        return command;
    }
}
