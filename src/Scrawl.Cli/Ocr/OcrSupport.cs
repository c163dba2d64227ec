using System.Diagnostics;
using Scrawl.Data.Images;
using Scrawl.Media;
using Scrawl.Ocr;

namespace Scrawl.Cli.Ocr;

/// <summary>What the OCR commands share: finding and opening the character model, and reading one photo file.</summary>
internal static class OcrSupport
{
    /// <summary>The shipped character model's file name, looked up in a <c>models</c> folder.</summary>
    public const string DefaultModelName = "charmodel.scrawl";

    /// <summary>Opens <paramref name="model"/> (null: the shipped model; <c>deep:FILE</c>: a TorchSharp model run by scrawl-deep) as a classifier; problems become one-line CLI errors.</summary>
    public static (ICharacterClassifier Classifier, string Path) OpenModel(string? model)
    {
        string path = model ?? DefaultModelPath();
        if (path.StartsWith(CharacterModels.DeepPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return (DeepProcessClassifier.Open(path), path);
        }

        try
        {
            return (CharacterModels.Load(path), path);
        }
        catch (NotSupportedException e)
        {
            throw new CliException(e.Message);
        }
        catch (FileNotFoundException e)
        {
            throw new CliException(e.Message);
        }
    }

    /// <summary>models/charmodel.scrawl next to the executable, else in a models folder above it (a source checkout); a clear error when neither exists.</summary>
    public static string DefaultModelPath()
    {
        string beside = Path.Combine(AppContext.BaseDirectory, "models", DefaultModelName);
        if (File.Exists(beside))
        {
            return beside;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory).Parent; dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "models", DefaultModelName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new CliException($"{beside}: the shipped character model is missing (and no models/{DefaultModelName} was found above {AppContext.BaseDirectory}); "
            + "build from a checkout that has models/charmodel.scrawl, or pass --model FILE (a .scrawl model or a NIST36 .npz such as ../shared/models/nist36-mlp-reference.npz).");
    }

    /// <summary>The first existing file among <paramref name="relative"/> paths tried from the working directory and from the folders above the executable, or null.</summary>
    public static string? FindRepositoryFile(string relative)
    {
        if (File.Exists(relative))
        {
            return Path.GetFullPath(relative);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Reads one photo file: decode at the working size, segment, classify, decode context.</summary>
    public static PhotoReading Read(string path, ICharacterClassifier classifier, PageReadingOptions options)
    {
        var watch = Stopwatch.StartNew();
        // A JPEG with a DCT scale within ±20 % of the working side is decoded and worked at that size (no resampling pass).
        var (image, photoHeight, photoWidth) = PhotoLoader.Load(path, options.WorkingSide, slack: 0.2);
        double decodeSeconds = watch.Elapsed.TotalSeconds;
        options = options with { WorkingSide = Math.Max(options.WorkingSide, Math.Max(image.Height, image.Width)) };
        var page = PageSegmenter.Segment(image, PageReader.SegmentationFor(image, options));
        double segmentSeconds = watch.Elapsed.TotalSeconds - decodeSeconds;
        var working = PageReader.Read(page, classifier, options);
        double classifySeconds = watch.Elapsed.TotalSeconds - decodeSeconds - segmentSeconds;
        return new PhotoReading(path, working, working.ScaledTo(photoHeight, photoWidth), decodeSeconds, segmentSeconds, classifySeconds);
    }

    /// <summary>True for the exceptions that mean "this file cannot be read" (reported per file, the others still processed).</summary>
    public static bool IsFileProblem(Exception e) => e is InvalidDataException or IOException or UnauthorizedAccessException;

    /// <summary>The boxes to draw for a result read at the working size: line boxes, and character boxes labelled with their text (orange below 50 % confidence).</summary>
    public static List<AnnotationBox> AnnotationBoxes(OcrResult working) =>
    [
        .. working.Lines.Select(l => new AnnotationBox(l.Box.Top, l.Box.Left, l.Box.Bottom, l.Box.Right, AnnotationKind.Line)),
        .. working.Characters.Select(c => new AnnotationBox(c.Box.Top, c.Box.Left, c.Box.Bottom, c.Box.Right,
            c.Confidence >= 0.5 ? AnnotationKind.Character : AnnotationKind.DoubtfulCharacter, c.Label)),
    ];

    /// <summary>Writes the photo at the size it was read at with the result's boxes and labels drawn, atomically.</summary>
    public static void Annotate(PhotoReading reading, string outPath)
    {
        var (rgb, _, _) = PhotoLoader.Load(reading.Path, Math.Max(reading.Working.Height, reading.Working.Width), ColorMode.Rgb);
        Annotation.Save(rgb, AnnotationBoxes(reading.Working.ScaledTo(rgb.Height, rgb.Width)), outPath);
    }
}

/// <summary>One photo read: the result at the working size (for drawing) and in the photo's own pixels, with stage times.</summary>
internal sealed record PhotoReading(string Path, OcrResult Working, OcrResult Result, double DecodeSeconds, double SegmentSeconds, double ClassifySeconds)
{
    public double TotalSeconds => DecodeSeconds + SegmentSeconds + ClassifySeconds;
}
