using System.CommandLine;
using System.Globalization;
using Scrawl.Experiments.CharModel;

namespace Scrawl.Cli.Commands;

/// <summary><c>scrawl train-segcheck</c>: trains the segment check of segmentation by recognition (one character or not), reproducibly.</summary>
internal static class TrainSegmentCheckCommand
{
    /// <summary>The command.</summary>
    public static Command Create(CliOutput io)
    {
        var defaults = new SegmentCheckRecipe();
        var epochs = new Option<int>("--epochs") { Description = "Epochs (≥ 1); each composes fresh crops", DefaultValueFactory = _ => defaults.Epochs };
        var perEpoch = new Option<int>("--per-epoch") { Description = "Crops per epoch (≥ 4): half single glyphs, half pairs of glyphs touching, overlapping or cut", DefaultValueFactory = _ => defaults.PerEpoch };
        var width = new Option<int>("--width") { Description = "Channels of the first conv block (≥ 4); the blocks have w, 2w, 4w", DefaultValueFactory = _ => defaults.Width };
        var rate = new Option<float>("--lr") { Description = "Peak Adam learning rate (> 0), one-cycle schedule", DefaultValueFactory = _ => defaults.LearningRate };
        var seed = new Option<long>("--seed") { Description = "Seed of weights, glyph synthesis and composition", DefaultValueFactory = _ => defaults.Seed };
        var pieces = new Option<bool>("--pieces") { Description = "Also train on pieces of single glyphs (a letter cut through) as 'not one character' (true or false)", DefaultValueFactory = _ => defaults.Pieces, Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder for segcheck.scrawl", DefaultValueFactory = _ => new DirectoryInfo("runs/segcheck") };
        var command = new Command("train-segcheck", "Train the segment check of segmentation by recognition (is a crop one character, or two touching letters, a letter and a half?) on glyph pairs composed from synthetic glyphs, photo-chars and EMNIST more36; ends with 'heldout-accuracy: <fraction>' on pairs of held-out photo-chars glyphs.")
        {
            epochs, perEpoch, width, rate, seed, pieces, output,
        };
        command.SetAction(r => Run(io, new SegmentCheckRecipe(r.GetValue(epochs), r.GetValue(perEpoch), r.GetValue(width), r.GetValue(rate), r.GetValue(seed), r.GetValue(pieces)), r.GetValue(output)!));
        return command;
    }

    private static int Run(CliOutput io, SegmentCheckRecipe recipe, DirectoryInfo outDir)
    {
        Library.Validate(recipe.Validate);
        var result = SegmentCheckRun.Run(recipe, outDir.FullName, CliData.Load, io.Out.WriteLine);
        io.Out.WriteLine($"model: {result.ModelPath}");
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seconds: {result.Seconds:F0}"));
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"heldout-accuracy: {result.HeldOutAccuracy:F4}"));
        return ExitCodes.Ok;
    }
}
