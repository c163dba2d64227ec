using System.CommandLine;
using Scrawl.Data;
using Scrawl.Data.Catalog;
using Scrawl.Deep.Cli.Commands;
using Scrawl.Media;

namespace Scrawl.Deep.Cli;

/// <summary><c>scrawl deep</c>: the TorchSharp commands, run as their own program.</summary>
internal static class DeepCli
{
    private static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Parses and runs a command line, writing to the given streams; returns the exit code.</summary>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var io = new CliOutput(stdout, stderr);
        var root = new RootCommand("scrawl deep: the deep-learning track on TorchSharp (libtorch).")
        {
            TrainCommand.Create(io),
            BenchCommand.Create(io),
            FinetuneCommand.Create(io),
            ClassifyCommand.Create(io),
            EnsembleCommand.Create(io),
        };
        return CliHost.Run("scrawl deep", root, args, io, Classify);
    }

    /// <summary>Exit codes of what TorchSharp and the deep commands throw: bad arguments and unsupported requests are bad input, a failed operation a failed run.</summary>
    private static int? Classify(Exception e) => e switch
    {
        ArgumentException or NotSupportedException => ExitCodes.BadInput,
        InvalidOperationException => ExitCodes.CheckFailed,
        _ => null,
    };

    /// <summary>Resolves a catalog name or path with the environment's data roots and the SkiaSharp decoder.</summary>
    internal static DatasetSplits Load(string data, long seed, int imageSize = 64)
    {
        try
        {
            return DataResolver.Resolve(data, new DataContext(DataLocator.FromEnvironment(), new SkiaImageDecoder(), seed, ImageSize: imageSize));
        }
        catch (FileNotFoundException e)
        {
            throw new CliException(e.Message);
        }
    }
}
