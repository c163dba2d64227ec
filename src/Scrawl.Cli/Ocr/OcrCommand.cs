using System.CommandLine;
using Scrawl.Reading;

namespace Scrawl.Cli.Ocr;

/// <summary>
/// <c>scrawl ocr IMAGE… [--model M] [--json] [--annotate OUT.png]</c>: the text of photos of handwritten block
/// letters, one output line per text line. A file that cannot be read gets a one-line error; the others are
/// still read, and the exit code is 2 at the end. <c>scrawl ocr --list FILES.txt --shard I/N --out DIR</c> is bulk mode (<see cref="OcrBulk"/>).
/// </summary>
internal static class OcrCommand
{
    /// <summary>Adds <c>ocr</c>, <c>ocr-eval</c>, <c>ocr-stress</c>, <c>ocr-sample</c> and <c>bench ocr</c> to the command line.</summary>
    public static void AddTo(RootCommand root, CliOutput io)
    {
        root.Add(Create(io));
        root.Add(OcrEvalCommand.Create(io));
        root.Add(OcrStressCommand.Create(io));
        root.Add(OcrTouchingCommand.Create(io));
        root.Add(OcrSampleCommand.Create(io));
        var bench = root.Subcommands.FirstOrDefault(c => c.Name == "bench");
        if (bench is null)
        {
            bench = new Command("bench", "Benchmarks.");
            root.Add(bench);
        }

        bench.Add(BenchOcrCommand.Create(io));
    }

    /// <summary>The --model option every OCR command takes.</summary>
    public static Option<string?> ModelOption() => new("--model")
    {
        Description = "Character model: a .scrawl model file, a NIST36 .npz (e.g. ../shared/models/nist36-mlp-reference.npz) or deep:DIR/model.pt (a 'scrawl deep train' model, run by the scrawl-deep program); default: the shipped models/charmodel.scrawl",
    };

    private static Command Create(CliOutput io)
    {
        var images = new Argument<string[]>("images") { Description = "Photos (JPEG, PNG, …) of handwritten block letters", Arity = ArgumentArity.ZeroOrMore };
        var model = ModelOption();
        var json = new Option<bool>("--json") { Description = "Print the full hierarchy (lines, words, characters with boxes and confidences) as JSON" };
        var annotate = new Option<string?>("--annotate") { Description = "Write the photo with line boxes, character boxes and labels drawn as this PNG (several photos: one file each, OUT-NAME.png)" };
        var command = new Command("ocr", "Read the text of photos of handwritten block letters: one output line per text line.") { images, model, json, annotate };
        var bulk = new OcrBulkOptions(command);
        command.SetAction(r => OcrBulk.TryRun(io, r, bulk, r.GetValue(images)!, r.GetValue(model), r.GetValue(json), r.GetValue(annotate))
            ?? Run(io, r.GetValue(images)!, r.GetValue(model), r.GetValue(json), r.GetValue(annotate)));
        return command;
    }

    private static int Run(CliOutput io, string[] images, string? modelName, bool json, string? annotate)
    {
        using var reader = PhotoReader.Open(modelName);
        var readings = new List<PhotoReading>();
        bool failed = false;
        foreach (string image in images)
        {
            try
            {
                var reading = reader.Read(image);
                if (annotate is not null)
                {
                    PhotoReader.SaveAnnotated(image, reading, AnnotationPath(annotate, image, images.Length));
                }

                readings.Add(reading);
                if (!json)
                {
                    WriteText(io, reading, images.Length > 1);
                }

                Warn(io, reading);
            }
            catch (Exception e) when (CliHost.IsFileProblem(e))
            {
                io.Error.WriteLine($"scrawl: {e.Message}");
                failed = true;
            }
        }

        if (json && readings.Count > 0)
        {
            io.Out.WriteLine(ReadingJson.Serialize(readings, reader.ModelName));
        }

        return failed ? ExitCodes.BadInput : ExitCodes.Ok;
    }

    private static void WriteText(CliOutput io, PhotoReading reading, bool header)
    {
        if (header)
        {
            io.Out.WriteLine($"== {reading.Name} ==");
        }

        foreach (var line in reading.Result.Lines)
        {
            io.Out.WriteLine(line.Text);
        }
    }

    /// <summary>One line on stderr when a person should look at the page: nothing found, or read with low confidence (the exit code stays 0).</summary>
    private static void Warn(CliOutput io, PhotoReading reading)
    {
        if (reading.Result.Lines.Count == 0)
        {
            io.Error.WriteLine($"scrawl: {reading.Name}: no handwriting found.");
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
