using System.CommandLine;
using Scrawl.Data;
using Scrawl.Data.Catalog;
using Scrawl.Deep.Cli.Commands;
using Scrawl.Media;

namespace Scrawl.Deep.Cli;

/// <summary>Where commands write: results to stdout, diagnostics to stderr.</summary>
internal sealed record DeepOutput(TextWriter Out, TextWriter Error);

/// <summary>A user-facing failure: one line, no stack trace, an exit code (2 bad input, 1 a failed run).</summary>
internal sealed class DeepCliException(string message, int exitCode = DeepCli.BadInput) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary><c>scrawl deep</c>: the TorchSharp commands, run as their own program.</summary>
internal static class DeepCli
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    private static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Parses and runs a command line, writing to the given streams; returns the exit code.</summary>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var io = new DeepOutput(stdout, stderr);
        var root = new RootCommand("scrawl deep: the deep-learning track on TorchSharp (libtorch).")
        {
            TrainCommand.Create(io),
            BenchCommand.Create(io),
            FinetuneCommand.Create(io),
            ClassifyCommand.Create(io),
        };
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            return root.Parse(args).Invoke(config);
        }
        catch (DeepCliException e)
        {
            stderr.WriteLine($"scrawl deep: {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"scrawl deep: {e.Message}");
            return BadInput;
        }
        catch (NotSupportedException e)
        {
            stderr.WriteLine($"scrawl deep: {e.Message}");
            return BadInput;
        }
        catch (InvalidOperationException e)
        {
            stderr.WriteLine($"scrawl deep: {e.Message}");
            return Failed;
        }
    }

    /// <summary>Resolves a catalog name or path with the environment's data roots and the SkiaSharp decoder.</summary>
    internal static DatasetSplits Load(string data, long seed, int imageSize = 64)
    {
        try
        {
            return DataResolver.Resolve(data, new DataContext(DataLocator.FromEnvironment(), new SkiaImageDecoder(), seed, ImageSize: imageSize));
        }
        catch (FileNotFoundException e)
        {
            throw new DeepCliException(e.Message);
        }
    }
}
