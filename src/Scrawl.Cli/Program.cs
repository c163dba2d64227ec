using System.CommandLine;
using Scrawl.Cli.Commands;
using Scrawl.NeuralNet.Training;
using Scrawl.Reading;

namespace Scrawl.Cli;

/// <summary>The <c>scrawl</c> command line: the only part of Scrawl that prints.</summary>
internal static class Program
{
    private static int Main(string[] args) => Run(args, Console.Out, Console.Error, Console.OpenStandardInput);

    /// <summary>Parses and runs a command line, writing to the given streams (and reading <paramref name="stdin"/> for a <c>-</c> argument); returns the exit code.</summary>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, Func<Stream>? stdin = null)
    {
        var io = new CliOutput(stdout, stderr, stdin);
        var root = new RootCommand("Scrawl reads handwriting with neural networks written from scratch.")
        {
            DataCommand.Create(io),
            TrainCommand.Create(io),
            TrainCharModelCommand.Create(io),
            TrainSegmentCheckCommand.Create(io),
            ScoreCharModelCommand.Create(io),
            SweepCommand.Create(io),
            EvaluateCommand.Create(io),
            ClassifyCommand.Create(io),
            CompressCommand.Create(io),
            ReportCommand.Create(io),
            BenchCommand.Create(io),
            GradcheckCommand.Create(io),
            SelfcheckCommand.Create(io),
            DeepCommand.Create(io),
            ServeCommand.Create(io),
        };
        Ocr.OcrCommand.AddTo(root, io);
        return CliHost.Run("scrawl", root, args, io, Classify);
    }

    /// <summary>The exit code of the exceptions only this program knows: a diverged training run or a failed scrawl-deep child are failed checks.</summary>
    private static int? Classify(Exception e) =>
        e is TrainingDivergedException or DeepProgramException ? ExitCodes.CheckFailed : null;
}
