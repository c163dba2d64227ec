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
            ScoreCommand.Create(io),
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

    /// <summary>
    /// The name of EMNIST byclass-test split as the OCR's mixed-case model is (<see cref="Scrawl.Ocr.Training.MixedCaseData"/>: 80/10/10
    /// per class with its fixed split seed, whatever <c>--seed</c> says), so its test part is the held-out 10 % that <c>score-charmodel</c> scores.
    /// </summary>
    internal const string MixedCaseName = "emnist-mixedcase";

    /// <summary>Resolves a catalog name or path (or <see cref="MixedCaseName"/>) with the environment's data roots and the SkiaSharp decoder.</summary>
    internal static DatasetSplits Load(string data, long seed, int imageSize = 64)
    {
        if (data == MixedCaseName)
        {
            var split = Scrawl.Ocr.Training.MixedCaseData.Split((name, splitSeed) => Load(name, splitSeed, imageSize));
            return new DatasetSplits(MixedCaseName, split.Train, split.Valid, split.Test);
        }

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
