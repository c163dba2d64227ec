using System.CommandLine;
using Scrawl.Media;
using Scrawl.Ocr;
using Scrawl.Ocr.Segmentation;
using Scrawl.Reading;
using Scrawl.Stress;
using Scrawl.Stress.Touching;

namespace Scrawl.Cli.Ocr;

/// <summary>
/// <c>scrawl ocr-touching [--seed S] [--words N] [--quick] [--data DIR] [--recognition] [--whole-words [--word-reader FILE]] [--out DIR] [--model M] [--misses]</c>: the touching-letters benchmark
/// (<see cref="TouchingBenchmark"/>): seeded words of touching, overlapping and broken glyphs read by the OCR, word accuracy per bucket.
/// </summary>
internal static class OcrTouchingCommand
{
    public static Command Create(CliOutput io)
    {
        var seed = new Option<long>("--seed") { Description = "Seed of every word (text, glyphs, spacing, breaks, paper)", DefaultValueFactory = _ => 1 };
        var words = new Option<int?>("--words") { Description = $"Words per bucket (≥ 1; default {TouchingBenchmark.FullWordsPerBucket}, --quick {TouchingBenchmark.QuickWordsPerBucket})" };
        var quick = new Option<bool>("--quick") { Description = "A small run for CI" };
        var data = new Option<string?>("--data") { Description = "The shared datasets folder (handwritten36/photo-chars, emnist/byclass-test); default ../shared/datasets when found, else synthetic glyphs only" };
        var misses = new Option<bool>("--misses") { Description = "Also print every word read wrong: bucket, source, truth → reading" };
        var recognition = OcrReadOptions.RecognitionOption();
        var output = new Option<string?>("--out") { Description = "Also write every word image as OUT/BUCKET/NNN-TEXT.png" };
        var segmentCheck = new Option<string?>("--segment-check") { Description = "With --recognition: the segment check (one character or not) as a model file, or 'none'; default the shipped models/segcheck.scrawl when present" };
        var wholeWords = OcrReadOptions.WordsOption();
        var wordReader = new Option<string?>("--word-reader") { Description = "The word reader of --whole-words (a model of train-wordreader) instead of the shipped models/wordreader.scrawl" };
        var model = OcrCommand.ModelOption();
        var command = new Command("ocr-touching", "Touching-letters benchmark: seeded words of glyphs apart, overlapping by 0–30 % or broken into strokes, read by the OCR; word accuracy per bucket.")
        {
            seed, words, quick, data, misses, output, recognition, segmentCheck, wholeWords, wordReader, model,
        };
        command.SetAction(r => Run(io, r.GetValue(seed), r.GetValue(words), r.GetValue(quick), r.GetValue(data), r.GetValue(misses), r.GetValue(output), r.GetValue(recognition), r.GetValue(model), r.GetValue(segmentCheck), OcrReadOptions.Given(r, wholeWords), r.GetValue(wordReader)));
        return command;
    }

    private static int Run(CliOutput io, long seed, int? wordCount, bool quick, string? data, bool showMisses, string? outDir, bool useRecognition, string? modelName, string? checkName, bool? useWords, string? wordReaderPath)
    {
        int perBucket = wordCount ?? (quick ? TouchingBenchmark.QuickWordsPerBucket : TouchingBenchmark.FullWordsPerBucket);
        if (perBucket < 1)
        {
            throw new CliException($"--words must be at least 1 (got {perBucket}).");
        }

        IReadOnlyList<IGlyphSource> sources;
        try
        {
            string? folder = data ?? StressBenchmark.FindFolder(Path.Combine("..", "shared", "datasets"), AppContext.BaseDirectory);
            sources = TouchingBenchmark.Sources(folder, new SkiaImageDecoder());
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            throw new CliException(e.Message);
        }

        if (checkName is not null && !useRecognition)
        {
            throw new CliException("--segment-check is used by segmentation by recognition: add --recognition.");
        }

        using var reader = PhotoReader.Open(modelName);
        // The default reading (whole words when the shipped word reader fits the model); --recognition instead of it unless --whole-words is given too.
        var options = useRecognition ? reader.Options with { Recognition = ModelLocator.RecognitionReading(checkName).Recognition, Words = null } : reader.Options;
        if (wordReaderPath is not null && useWords == false)
        {
            throw new CliException("--word-reader chooses the word reader of --whole-words: it cannot be used with --whole-words false.");
        }

        if (useWords == false)
        {
            options = options with { Words = null };
        }
        else if (useWords == true || wordReaderPath is not null)
        {
            options = options with { Words = ModelLocator.WordReading(wordReaderPath) };
        }

        io.Out.WriteLine($"model: {reader.ModelName}");
        if (options.Words is not null)
        {
            io.Out.WriteLine($"word reader: {wordReaderPath ?? ModelLocator.FindShippedModel(Scrawl.Ocr.Words.WordReader.FileName)}");
        }

        if (options.Recognition is { } chosen)
        {
            io.Out.WriteLine($"segment check: {(chosen.Check is null ? ModelLocator.NoSegmentCheck : checkName ?? ModelLocator.FindShippedModel(SegmentCheck.FileName))}");
        }

        io.Out.WriteLine($"touching: seed {seed}, {perBucket} words per bucket, sources {string.Join(", ", sources.Select(s => s.Name))}");
        var words = TouchingBenchmark.Words(sources, seed, perBucket);
        var report = TouchingBenchmark.Run(outDir is null ? words : TouchingBenchmark.SavedTo(words, outDir), image => PageReader.Read(image, reader.Classifier, options).Text, new LineProgress(io.Error.WriteLine));
        if (showMisses)
        {
            foreach (var (word, read) in report.Misses)
            {
                io.Out.WriteLine($"miss: {word.Bucket} {word.Source} {word.Text} → {(read.Length == 0 ? "(nothing)" : read)}");
            }
        }

        foreach (string line in TouchingBenchmark.Format(report))
        {
            io.Out.WriteLine(line);
        }

        return ExitCodes.Ok;
    }
}
