using System.CommandLine;
using System.Globalization;
using Scrawl.Ocr;
using Scrawl.Ocr.Training;
using Scrawl.Reading;
using Scrawl.Stress.MixedCase;

namespace Scrawl.Cli.Ocr;

/// <summary>
/// <c>scrawl ocr-mixed [--seed S] [--pages N] [--out DIR] [--case C] [--model M] [--misses]</c>: the mixed-case page benchmark
/// (<see cref="MixedCaseBenchmark"/>): writes seeded pages of held-out EMNIST glyphs with their truth, reads them like <c>ocr</c> and
/// scores them case-sensitively and case-folded; the last two lines are <c>overall-sensitive: …</c> and <c>overall-folded: …</c>.
/// </summary>
internal static class OcrMixedCommand
{
    public static Command Create(CliOutput io)
    {
        var seed = new Option<long>("--seed") { Description = "Seed of every page (text, glyphs, proportions, spacing, paper)", DefaultValueFactory = _ => 1 };
        var pages = new Option<int>("--pages") { Description = "Pages to write and read (≥ 1)", DefaultValueFactory = _ => MixedCaseBenchmark.DefaultPages };
        var output = new Option<string>("--out") { Description = "Folder for the pages: NAME.png and NAME.txt (the truth)", DefaultValueFactory = _ => Path.Combine("artifacts", "ocr-mixed") };
        var misses = new Option<bool>("--misses") { Description = "Also print every line read wrong (case-sensitive): expected vs read" };
        var letterCase = OcrReadOptions.CaseOption();
        letterCase.DefaultValueFactory = _ => "mixed";
        var model = OcrCommand.ModelOption();
        var command = new Command("ocr-mixed", "Mixed-case page benchmark: seeded pages of real EMNIST glyphs held out from training (lower case at x-height, ascenders, descenders, Capitalised and CAPITAL words, numbers), read and scored case-sensitively and case-folded.")
        {
            seed, pages, output, misses, letterCase, model,
        };
        command.SetAction(r => Run(io, r.GetValue(seed), r.GetValue(pages), r.GetValue(output)!, r.GetValue(misses), OcrReadOptions.ParseCase(r.GetValue(letterCase)), r.GetValue(model)));
        return command;
    }

    private static int Run(CliOutput io, long seed, int pageCount, string outDir, bool showMisses, LetterCase letterCase, string? modelName)
    {
        if (pageCount < 1)
        {
            throw new CliException($"--pages must be at least 1 (got {pageCount}).");
        }

        var glyphs = MixedCaseData.HeldOut((name, s) => CliData.Load(name, s));
        using var reader = OcrReadOptions.Open(modelName, new Reading.Characters.CharacterOptions(), letterCase);
        io.Out.WriteLine($"model: {reader.ModelName} (--case {letterCase.ToString().ToLowerInvariant()})");
        io.Out.WriteLine(Invariant($"mixed-case pages: seed {seed}, {pageCount} pages of {glyphs.Count:N0} held-out {MixedCaseData.Source} glyphs, written to {outDir}"));
        TextScore sensitive = TextScore.Empty, folded = TextScore.Empty;
        int k = 0;
        foreach (var page in MixedCaseBenchmark.Pages(glyphs, seed, pageCount))
        {
            io.Error.WriteLine($"ocr-mixed: page {++k}/{pageCount}: {page.Name}");
            string path = MixedCaseBenchmark.Write(page, outDir);
            var score = MixedCaseBenchmark.Score(page, reader.Read(path).Text);
            sensitive = sensitive.Add(score.Sensitive);
            folded = folded.Add(score.Folded);
            io.Out.WriteLine(Invariant($"{page.Name}: CER sensitive {score.Sensitive.CharacterErrorRate * 100:F2}% folded {score.Folded.CharacterErrorRate * 100:F2}% WER sensitive {score.Sensitive.WordErrorRate * 100:F2}% lines {score.Sensitive.LinesRight}/{score.Sensitive.Lines}"));
            foreach (var (expected, got) in showMisses ? score.Misses() : [])
            {
                io.Out.WriteLine($"  expected \"{expected}\" read \"{got}\"");
            }
        }

        io.Out.WriteLine(OcrEvalCommand.OverallLine(sensitive, "overall-sensitive"));
        io.Out.WriteLine(OcrEvalCommand.OverallLine(folded, "overall-folded"));
        return ExitCodes.Ok;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
