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
        var root = new RootCommand("Scrawl reads handwriting with neural networks written from scratch.");
        // Only the command asked for is built when the first argument names one: building the whole tree (every command's options,
        // many of them generic over Scrawl's enums, which ReadyToRun cannot precompile) cost each run tens of milliseconds of start-up.
        // Anything else (no command, --help, --version, a typo) gets the whole tree, so help and suggestions list every command.
        string? asked = args.Length > 0 && IsCommand(args[0]) ? args[0] : null;
        foreach (var (name, create) in Commands)
        {
            if (asked is null || name == asked)
            {
                root.Add(create(io));
            }
        }

        return CliHost.Run("scrawl", root, args, io, Classify);
    }

    /// <summary>The top-level commands by name, in the order <c>scrawl --help</c> lists them.</summary>
    internal static IReadOnlyList<(string Name, Func<CliOutput, Command> Create)> Commands { get; } =
    [
        ("data", DataCommand.Create),
        ("train", TrainCommand.Create),
        ("train-charmodel", TrainCharModelCommand.Create),
        ("train-segcheck", TrainSegmentCheckCommand.Create),
        ("train-wordreader", TrainWordReaderCommand.Create),
        ("score-charmodel", ScoreCharModelCommand.Create),
        ("sweep-lr", SweepCommand.Create),
        ("evaluate", EvaluateCommand.Create),
        ("classify", ClassifyCommand.Create),
        ("compress", CompressCommand.Create),
        ("report", ReportCommand.Create),
        ("bench", Bench),
        ("gradcheck", GradcheckCommand.Create),
        ("selfcheck", SelfcheckCommand.Create),
        ("deep", DeepCommand.Create),
        ("serve", ServeCommand.Create),
        .. Ocr.OcrCommand.Commands,
    ];

    /// <summary>True when <paramref name="name"/> is the name of a top-level command (a loop, not LINQ over value tuples, which would be compiled at start).</summary>
    private static bool IsCommand(string name)
    {
        foreach (var command in Commands)
        {
            if (command.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>bench</c> with the engine's benchmarks and <c>bench ocr</c>.</summary>
    private static Command Bench(CliOutput io)
    {
        var bench = BenchCommand.Create(io);
        bench.Add(Ocr.BenchOcrCommand.Create(io));
        return bench;
    }

    /// <summary>The exit code of the exceptions only this program knows: a diverged training run or a failed scrawl-deep child are failed checks.</summary>
    private static int? Classify(Exception e) =>
        e is TrainingDivergedException or DeepProgramException ? ExitCodes.CheckFailed : null;
}
