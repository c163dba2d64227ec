using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Scrawl.Imaging;
using Scrawl.Ocr;
using Scrawl.Reading;

namespace Scrawl.Cli.Ocr;

/// <summary>
/// <c>scrawl bench ocr [IMAGE…] [--model M] [--runs 5]</c>: times the OCR pipeline end to end (file → decode →
/// segment → classify → text) per image: one warm-up, then the median of the runs; also the classifier alone on
/// 1,000 crops. Ends with <c>seconds-per-image: &lt;value&gt;</c> (the mean over the images of their median times).
/// </summary>
internal static class BenchOcrCommand
{
    public static Command Create(CliOutput io)
    {
        var images = new Argument<string[]>("images") { Description = "Photos to read (default: the shipped samples/sample-page.jpg)", Arity = ArgumentArity.ZeroOrMore };
        var model = OcrCommand.ModelOption();
        var runs = new Option<int>("--runs") { Description = "Timed runs per image after one warm-up (≥ 1)", DefaultValueFactory = _ => 5 };
        var command = new Command("ocr", "Time the OCR pipeline (decode → text) per image; ends with 'seconds-per-image: <value>'.") { images, model, runs };
        command.SetAction(r => Run(io, r.GetValue(images) ?? [], r.GetValue(model), r.GetValue(runs)));
        return command;
    }

    private static int Run(CliOutput io, string[] images, string? modelName, int runs)
    {
        if (runs < 1)
        {
            throw new CliException("--runs must be ≥ 1.");
        }

        if (images.Length == 0)
        {
            images = [ModelLocator.FindRepositoryFile(Path.Combine("samples", "sample-page.jpg"))
                ?? throw new CliException("samples/sample-page.jpg: the shipped sample was not found; name the images to time.")];
        }

        var watch = Stopwatch.StartNew();
        using var reader = PhotoReader.Open(modelName);
        io.Out.WriteLine(Invariant($"model: {reader.ModelName} (loaded in {watch.Elapsed.TotalSeconds:F3} s); {Environment.ProcessorCount} cores"));
        var medians = new List<double>();
        foreach (string image in images)
        {
            reader.Read(image); // warm-up (JIT, caches); errors surface here as one line
            var times = new List<PhotoReading>();
            for (int r = 0; r < runs; r++)
            {
                times.Add(reader.Read(image));
            }

            var median = times.OrderBy(t => t.Timings.TotalSeconds).ElementAt(times.Count / 2);
            medians.Add(median.Timings.TotalSeconds);
            var (h, w) = (median.Result.Height, median.Result.Width);
            io.Out.WriteLine(Invariant($"{image}: {w}×{h} ({w * (double)h / 1e6:F1} MP), {median.Result.Characters.Count()} characters, {median.Result.Lines.Count} lines: ")
                + Invariant($"median {median.Timings.TotalSeconds:F3} s (decode {median.Timings.DecodeSeconds:F3}, segment {median.Timings.SegmentSeconds:F3}, crops+classify+context {median.Timings.ClassifySeconds:F3}); ")
                + Invariant($"runs {string.Join(" ", times.Select(t => t.Timings.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture)))}"));
        }

        BenchClassifier(io, reader.Classifier);
        io.Out.WriteLine(Invariant($"seconds-per-image: {medians.Average():F3}"));
        return ExitCodes.Ok;
    }

    /// <summary>The classifier alone: 1,000 crops in one batch (median of 5 after a warm-up).</summary>
    private static void BenchClassifier(CliOutput io, ICharacterClassifier classifier)
    {
        const int Crops = 1000;
        var random = new Scrawl.Numerics.SeededRandom(1);
        var crops = Enumerable.Range(0, Crops).Select(_ =>
        {
            var image = new FloatImage(32, 32);
            random.FillUniform(image.Pixels, 0f, 1f);
            return image;
        }).ToArray();
        classifier.Classify(crops);
        var seconds = new List<double>();
        for (int r = 0; r < 5; r++)
        {
            var watch = Stopwatch.StartNew();
            classifier.Classify(crops);
            seconds.Add(watch.Elapsed.TotalSeconds);
        }

        double median = seconds.Order().ElementAt(2);
        io.Out.WriteLine(Invariant($"classify: {Crops:N0} crops in {median:F4} s ({Crops / median:N0} crops/s, one batch)"));
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
