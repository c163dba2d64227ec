using System.CommandLine;
using System.Globalization;
using Scrawl.Experiments.CharModel;

namespace Scrawl.Cli.Commands;

/// <summary><c>scrawl train-wordreader</c>: trains the word reader (a CTC network over whole words), reproducibly.</summary>
internal static class TrainWordReaderCommand
{
    /// <summary>The command.</summary>
    public static Command Create(CliOutput io)
    {
        var defaults = new WordReaderRecipe();
        var epochs = new Option<int>("--epochs") { Description = "Epochs (≥ 1); each composes fresh words", DefaultValueFactory = _ => defaults.Epochs };
        var perEpoch = new Option<int>("--per-epoch") { Description = "Words per epoch (≥ 64): 1–7 glyphs apart, touching, overlapping or broken", DefaultValueFactory = _ => defaults.PerEpoch };
        var width = new Option<int>("--width") { Description = "Channels of the first conv block (≥ 2); the blocks have w, 2w, 4w, 4w, then 8w per column", DefaultValueFactory = _ => defaults.Width };
        var rate = new Option<float>("--lr") { Description = "Peak Adam learning rate (> 0), one-cycle schedule", DefaultValueFactory = _ => defaults.LearningRate };
        var seed = new Option<long>("--seed") { Description = "Seed of weights, glyph synthesis and composition", DefaultValueFactory = _ => defaults.Seed };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder for wordreader.scrawl", DefaultValueFactory = _ => new DirectoryInfo("runs/wordreader") };
        var command = new Command("train-wordreader", "Train the word reader (a convolutional network read with CTC over a whole word, so touching letters need no cut) on words composed from synthetic glyphs, photo-chars and EMNIST more36; ends with 'heldout-words: <fraction>' and 'heldout-cer: <fraction>' on words of held-out photo-chars glyphs.")
        {
            epochs, perEpoch, width, rate, seed, output,
        };
        command.SetAction(r => Run(io, new WordReaderRecipe(r.GetValue(epochs), r.GetValue(perEpoch), r.GetValue(width), r.GetValue(rate), r.GetValue(seed)), r.GetValue(output)!));
        return command;
    }

    private static int Run(CliOutput io, WordReaderRecipe recipe, DirectoryInfo outDir)
    {
        Library.Validate(recipe.Validate);
        var result = WordReaderRun.Run(recipe, outDir.FullName, CliData.Load, io.Out.WriteLine);
        io.Out.WriteLine($"model: {result.ModelPath}");
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seconds: {result.Seconds:F0}"));
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"heldout-words: {result.HeldOutWordAccuracy:F4}"));
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"heldout-cer: {result.HeldOutCer:F4}"));
        return ExitCodes.Ok;
    }
}
