using System.CommandLine;
using Scrawl.Reading;
using Scrawl.Reading.Characters;
using Scrawl.Reading.Formats;

namespace Scrawl.Cli.Ocr;

/// <summary>
/// <c>scrawl ocr IMAGE|DIR|-… [--model M] [--format F] [--out DIR] [--chars SET] [--user-words FILE] [--min-conf P] [--annotate OUT.png]</c>:
/// the text of photos of handwritten block letters, one output line per text line, or another format (<see cref="OutputFormats"/>).
/// A file that cannot be read gets a one-line error; the others are still read, and the exit code is 2 at the end. <c>scrawl ocr --list FILES.txt --shard I/N --out DIR</c> is bulk mode (<see cref="OcrBulk"/>).
/// </summary>
internal static class OcrCommand
{
    /// <summary>The top-level commands of the OCR family by name, in the order <c>scrawl --help</c> lists them: <c>ocr</c>, <c>ocr-eval</c>, <c>ocr-calibration</c>, <c>ocr-stress</c>, <c>ocr-touching</c>, <c>ocr-mixed</c>, <c>ocr-sample</c> (<c>bench ocr</c> is <see cref="BenchOcrCommand"/>).</summary>
    public static IReadOnlyList<(string Name, Func<CliOutput, Command> Create)> Commands { get; } =
    [
        ("ocr", Create),
        ("ocr-eval", OcrEvalCommand.Create),
        ("ocr-calibration", OcrCalibrationCommand.Create),
        ("ocr-stress", OcrStressCommand.Create),
        ("ocr-touching", OcrTouchingCommand.Create),
        ("ocr-mixed", OcrMixedCommand.Create),
        ("ocr-sample", OcrSampleCommand.Create),
    ];

    /// <summary>The --model option every OCR command takes.</summary>
    public static Option<string?> ModelOption() => new("--model")
    {
        Description = "Character model: a .scrawl model file, a NIST36 .npz (e.g. ../shared/models/nist36-mlp-reference.npz) or deep:DIR/model.pt (a 'scrawl deep train' model, run by the scrawl-deep program); default: the shipped models/charmodel.scrawl",
    };

    private static Command Create(CliOutput io)
    {
        var images = new Argument<string[]>("images") { Description = "Photos (JPEG, PNG, …) of handwritten block letters; a folder reads its images in sorted order; - reads one photo from standard input", Arity = ArgumentArity.ZeroOrMore };
        var model = ModelOption();
        var annotate = new Option<string?>("--annotate") { Description = "Write the photo with line boxes, character boxes and labels drawn as this PNG (several photos: one file each, OUT-NAME.png)" };
        var command = new Command("ocr", "Read the text of photos of handwritten block letters: one output line per text line (or --format json, tsv, hocr, alto, page).") { images, model, annotate };
        var read = new OcrReadOptions(command);
        var bulk = new OcrBulkOptions(command);
        command.SetAction(r =>
        {
            var format = read.OutputFormat(r);
            var characters = read.Characters(r);
            string[] arguments = r.GetValue(images)!;
            var letterCase = OcrReadOptions.ParseCase(r.GetValue(read.Case));
            bool recognition = r.GetValue(read.Recognition);
            bool? words = OcrReadOptions.Given(r, read.Words);
            return OcrBulk.TryRun(io, r, bulk, arguments, r.GetValue(model), format, characters, r.GetValue(annotate), letterCase, recognition, words)
                ?? Run(io, arguments, new OcrRun(r.GetValue(model), format, r.GetValue(bulk.Out), r.GetValue(annotate), characters) { Case = letterCase, Recognition = recognition, Words = words });
        });
        return command;
    }

    private static int Run(CliOutput io, string[] arguments, OcrRun run)
    {
        if (arguments.Length == 0)
        {
            throw new CliException("scrawl ocr needs IMAGE… (files, folders or - for standard input), or --list FILES.txt --out DIR for bulk mode.");
        }

        bool failed = false;
        var inputs = OcrInputs.Expand(arguments, io, ref failed);
        if (run.OutDir is not null)
        {
            OcrInputs.CheckDistinctNames(inputs);
        }
        else if (inputs.Count > 1 && !OutputFormats.HoldsSeveralPhotos(run.Format))
        {
            throw new CliException($"--format {OutputFormats.Name(run.Format)} holds one photo a document: give --out DIR to write one file per photo for these {inputs.Count} photos.");
        }

        if (run.Annotate is not null && inputs.Any(i => i.Path is null))
        {
            throw new CliException("--annotate redraws the photo from its file: it cannot be used with - (standard input).");
        }

        using var reader = OcrReadOptions.Open(run.Model, run.Characters, run.Case, run.Recognition, run.Words);
        if (run.OutDir is not null)
        {
            Directory.CreateDirectory(run.OutDir);
        }

        var readings = new List<PhotoReading>();
        foreach (var input in inputs)
        {
            try
            {
                var reading = input.Path is null ? reader.Read(io.OpenInput(), input.Name) : reader.Read(input.Path);
                if (run.Annotate is not null)
                {
                    PhotoReader.SaveAnnotated(input.Path!, reading, AnnotationPath(run.Annotate, input.Path!, inputs.Count));
                }

                if (run.OutDir is not null)
                {
                    OutputFormats.Save(run.Format, reading, reader.ModelName, Path.Combine(run.OutDir, $"{input.ResultName}.{OutputFormats.Extension(run.Format)}"));
                }
                else if (run.Format == OutputFormat.Text)
                {
                    io.Out.Write(TextFormat.Write(reading, header: inputs.Count > 1));
                }
                else
                {
                    readings.Add(reading);
                }

                Warn(io, reading);
            }
            catch (Exception e) when (CliHost.IsFileProblem(e))
            {
                io.Error.WriteLine($"scrawl: {e.Message}");
                failed = true;
            }
        }

        if (readings.Count > 0)
        {
            io.Out.Write(OutputFormats.Write(run.Format, readings, reader.ModelName));
        }

        return failed ? ExitCodes.BadInput : ExitCodes.Ok;
    }

    /// <summary>One line on stderr when a person should look at the page: nothing found, or read with low confidence (the exit code stays 0).</summary>
    private static void Warn(CliOutput io, PhotoReading reading)
    {
        if (reading.Result.Lines.Count == 0)
        {
            io.Error.WriteLine($"scrawl: {reading.Name}: no handwriting found.");
        }
        else if (reading.SmallCharacters)
        {
            io.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"scrawl: warning: {reading.Name}: the characters are only about {reading.CharacterHeight:F0} pixels tall (reliable from {PhotoReading.ReadableCharacterHeight:F0}); photograph closer or at a higher resolution, and check this page by eye."));
        }
        else if (reading.Unsure)
        {
            io.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"scrawl: warning: {reading.Name}: read with low confidence (mean {reading.Confidence:F2}); check this page by eye."));
        }
    }

    /// <summary>The annotation file for <paramref name="image"/>: OUT itself for one photo, OUT-NAME.EXT (NAME = the photo's file name without extension) for several.</summary>
    internal static string AnnotationPath(string annotate, string image, int imageCount)
    {
        if (imageCount <= 1)
        {
            return annotate;
        }

        string ext = Path.GetExtension(annotate) is { Length: > 0 } e ? e : ".png";
        string stem = Path.Combine(Path.GetDirectoryName(annotate) ?? "", Path.GetFileNameWithoutExtension(annotate));
        return $"{stem}-{Path.GetFileNameWithoutExtension(image)}{ext}";
    }
}

/// <summary>What one non-bulk <c>scrawl ocr</c> run was asked for.</summary>
/// <param name="Model">--model (null: the shipped model).</param>
/// <param name="Format">The output format.</param>
/// <param name="OutDir">--out (null: print to stdout).</param>
/// <param name="Annotate">--annotate (null: none).</param>
/// <param name="Characters">--chars, --user-words, --min-conf.</param>
internal sealed record OcrRun(string? Model, OutputFormat Format, string? OutDir, string? Annotate, CharacterOptions Characters)
{
    /// <summary>--case (default upper).</summary>
    public LetterCase Case { get; init; } = LetterCase.Upper;

    /// <summary>--recognition (default off).</summary>
    public bool Recognition { get; init; }

    /// <summary>--whole-words as given (null when not given: on for capitals when the word reader fits the model).</summary>
    public bool? Words { get; init; }
}
