using System.CommandLine;
using Scrawl.Cli.Commands;
using Scrawl.NeuralNet.Training;

namespace Scrawl.Cli;

/// <summary>The <c>scrawl</c> command line: the only part of Scrawl that prints.</summary>
internal static class Program
{
    private static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Parses and runs a command line, writing to the given streams; returns the exit code.</summary>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var io = new CliOutput(stdout, stderr);
        var root = new RootCommand("Scrawl reads handwriting with neural networks written from scratch.")
        {
            DataCommand.Create(io),
            TrainCommand.Create(io),
            TrainCharModelCommand.Create(io),
            SweepCommand.Create(io),
            EvaluateCommand.Create(io),
            CompressCommand.Create(io),
            ReportCommand.Create(io),
            BenchCommand.Create(io),
            GradcheckCommand.Create(io),
            SelfcheckCommand.Create(io),
        };
        Ocr.OcrCommand.AddTo(root, io);
        var verbose = new Option<bool>("--verbose") { Description = "On an error, also print its stack trace", Recursive = true };
        root.Options.Add(verbose);
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        var parsed = root.Parse(args);
        try
        {
            return parsed.Invoke(config);
        }
        catch (Exception e)
        {
            return Report(e, parsed.GetValue(verbose), stderr);
        }
    }

    /// <summary>One line naming the problem (the stack trace too with --verbose); returns the exit code for <paramref name="e"/>.</summary>
    private static int Report(Exception e, bool verbose, TextWriter stderr)
    {
        // File problems: the message already names the file and the problem.
        (string line, int code) = e switch
        {
            CliException c => (c.Message, c.ExitCode),
            InvalidDataException or IOException or UnauthorizedAccessException => (e.Message, ExitCodes.BadInput),
            TrainingDivergedException => (e.Message, ExitCodes.CheckFailed),
            _ => ($"internal error ({e.GetType().Name}): {e.Message} (a bug; --verbose shows where)", ExitCodes.InternalError),
        };
        stderr.WriteLine($"scrawl: {OneLine(line)}");
        if (verbose)
        {
            stderr.WriteLine(e.ToString());
        }

        return code;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
