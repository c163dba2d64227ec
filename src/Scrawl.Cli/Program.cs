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
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            return root.Parse(args).Invoke(config);
        }
        catch (CliException e)
        {
            stderr.WriteLine($"scrawl: {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            // File problems: the message already names the file; no stack trace for the user.
            stderr.WriteLine($"scrawl: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (TrainingDivergedException e)
        {
            stderr.WriteLine($"scrawl: {e.Message}");
            return ExitCodes.CheckFailed;
        }
    }
}
