using System.CommandLine;
using Scrawl.Reading;
using Scrawl.Stress;

namespace Scrawl.Cli.Ocr;

/// <summary>
/// <c>scrawl ocr-stress [--from DIR] [--seed S] [--out DIR] [--quick] [--categories a,b] [--model M] [--case upper|mixed|auto] [--recognition] [--whole-words]</c>: the robustness
/// benchmark (<see cref="StressBenchmark"/>): writes seeded photo variants of pages with ground truth, reads them and prints
/// one ocr-eval-style line per category, the overall line and last <c>variants-with-garbage: N</c>.
/// </summary>
internal static class OcrStressCommand
{
    public static Command Create(CliOutput io)
    {
        var from = new Option<string?>("--from") { Description = "Folder of NAME.jpg|png photos with NAME.txt ground truth (default: ../shared/images when found)" };
        var seed = new Option<long>("--seed") { Description = "Seed of every variant parameter: same seed, byte-identical files", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Folder for the variants (OUT/CATEGORY/NAME-vK.jpg|png + .txt)", DefaultValueFactory = _ => Path.Combine("artifacts", "ocr-stress") };
        var quick = new Option<bool>("--quick") { Description = "A small set for CI: one variant per category from the sample page and one synthetic page" };
        var categories = new Option<string?>("--categories") { Description = "Comma-separated categories (default: all): " + string.Join(",", StressCategories.All.Select(c => c.Name)) };
        var model = OcrCommand.ModelOption();
        var letterCase = OcrReadOptions.CaseOption();
        var recognition = OcrReadOptions.RecognitionOption();
        var words = OcrReadOptions.WordsOption();
        var command = new Command("ocr-stress", "Robustness benchmark: seeded variants (turned, tilted, on desks, ruled paper, …) of pages with ground truth, scored per category like ocr-eval.")
        {
            from, seed, output, quick, categories, model, letterCase, recognition, words,
        };
        command.SetAction(r => Run(io, r.GetValue(from), r.GetValue(seed), r.GetValue(output)!, r.GetValue(quick), r.GetValue(categories), r.GetValue(model),
            OcrReadOptions.ParseCase(r.GetValue(letterCase)), r.GetValue(recognition), OcrReadOptions.Given(r, words)));
        return command;
    }

    private static int Run(CliOutput io, string? from, long seed, string outDir, bool quick, string? categories, string? modelName, LetterCase letterCase, bool recognition, bool? words)
    {
        StressPlan plan;
        try
        {
            string? folder = from ?? StressBenchmark.FindFolder(Path.Combine("..", "shared", "images"), AppContext.BaseDirectory);
            string? sample = ModelLocator.FindRepositoryFile(Path.Combine("samples", "sample-page.jpg"));
            plan = StressBenchmark.Plan(folder, from is not null, sample, quick, seed, categories, outDir);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException)
        {
            throw new CliException(e.Message);
        }

        using var reader = OcrReadOptions.Open(modelName, new Reading.Characters.CharacterOptions(), letterCase, recognition, words);
        io.Out.WriteLine($"model: {reader.ModelName}" + (letterCase == LetterCase.Upper ? "" : $" (case {letterCase.ToString().ToLowerInvariant()})") + (recognition ? " (segmentation by recognition)" : "") + (reader.Options.Words is not null ? " (whole words)" : ""));
        io.Error.WriteLine($"ocr-stress: {plan.Pages.Count} pages ({string.Join(", ", plan.Pages.Select(p => p.Name))}), {plan.Categories.Count} categories × {plan.PerCategory}, seed {seed}, into {outDir}");
        var lines = StressBenchmark.Run(plan, path => reader.Read(path).Text, new LineProgress(io.Error.WriteLine));
        foreach (string line in lines)
        {
            io.Out.WriteLine(line);
        }

        return ExitCodes.Ok;
    }
}
