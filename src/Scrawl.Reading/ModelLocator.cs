using Scrawl.Ocr;

namespace Scrawl.Reading;

/// <summary>
/// Where models come from, in one place: the shipped character model (<c>models/charmodel.scrawl</c> beside the program or in a
/// <c>models</c> folder above it), model files by path, and <c>deep:FILE</c> TorchSharp models run by the scrawl-deep program.
/// </summary>
public static class ModelLocator
{
    /// <summary>The shipped character model's file name, looked up in a <c>models</c> folder.</summary>
    public const string ShippedModelName = "charmodel.scrawl";

    /// <summary>The shipped mixed-case (62-class) character model's file name, looked up like <see cref="ShippedModelName"/>.</summary>
    public const string ShippedMixedModelName = "charmodel-mixed.scrawl";

    /// <summary>The prefix that names a TorchSharp ("deep") model, e.g. <c>deep:runs/deep/model.pt</c>.</summary>
    public const string DeepPrefix = CharacterModels.DeepPrefix;

    /// <summary>True when <paramref name="model"/> names a TorchSharp model (<c>deep:FILE</c>).</summary>
    public static bool IsDeep(string model) => model.StartsWith(DeepPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The classifier for <paramref name="model"/>: <c>deep:FILE</c> through the scrawl-deep program, else a model file
    /// (<see cref="CharacterModels.Load"/>). <see cref="FileNotFoundException"/> or <see cref="InvalidDataException"/> name the problem.
    /// </summary>
    public static ICharacterClassifier OpenClassifier(string model)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        return IsDeep(model) ? DeepProcessClassifier.Open(model) : CharacterModels.Load(model);
    }

    /// <summary>
    /// The segment check of segmentation by recognition (<see cref="Ocr.Segmentation.SegmentCheck"/>): the model file at <paramref name="path"/>,
    /// none for <see cref="NoSegmentCheck"/>, or the shipped models/segcheck.scrawl when null (null when it is not there: recognition then reads
    /// without it). A file that is no segment check is an <see cref="InvalidDataException"/> naming it.
    /// </summary>
    public static ICharacterClassifier? OpenSegmentCheck(string? path)
    {
        string? file = path ?? FindShippedModel(Ocr.Segmentation.SegmentCheck.FileName);
        if (file is null or NoSegmentCheck)
        {
            return null;
        }

        var check = CharacterModels.Load(file);
        if (Ocr.Segmentation.SegmentCheck.Problem(check) is { } problem)
        {
            (check as IDisposable)?.Dispose();
            throw new InvalidDataException($"{file}: {problem}");
        }

        return check;
    }

    /// <summary>
    /// The word reader (<see cref="Ocr.Words.WordReader"/>): the model file at <paramref name="path"/>, none for <see cref="NoSegmentCheck"/>
    /// (<c>none</c>), or the shipped models/wordreader.scrawl when null (null when it is not there). A file that is no word reader is an
    /// <see cref="InvalidDataException"/> naming it.
    /// </summary>
    public static Ocr.Words.WordReader? OpenWordReader(string? path)
    {
        string? file = path ?? FindShippedModel(Ocr.Words.WordReader.FileName);
        return file is null or NoSegmentCheck ? null : Ocr.Words.WordReader.Open(file);
    }

    /// <summary>
    /// Word reading (<see cref="PageReadingOptions.Words"/>) with the word reader at <paramref name="path"/> (the shipped models/wordreader.scrawl
    /// when null; <see cref="FileNotFoundException"/> when it is missing) and the shipped segment check as the gate of its cuts (when present).
    /// </summary>
    public static Ocr.Words.WordReadingOptions WordReading(string? path = null)
    {
        return WordReading(OpenWordReader(path ?? ShippedModelPath(Ocr.Words.WordReader.FileName))!);
    }

    /// <summary>Word reading with <paramref name="reader"/>, gated by the shipped segment check (when present).</summary>
    private static Ocr.Words.WordReadingOptions WordReading(Ocr.Words.WordReader reader) => new() { Reader = reader, Check = OpenSegmentCheck(null) };

    /// <summary>
    /// The reading settings a capitals reader gets when none are given: every word read again whole (<see cref="WordReading(string?)"/>) when the
    /// shipped word reader is found and reads exactly <paramref name="classifier"/>'s classes (in any order); otherwise null, the
    /// <see cref="PageReadingOptions"/> defaults (the finder's characters). Each call opens its own word reader and segment check: they
    /// are not safe for concurrent use.
    /// </summary>
    public static PageReadingOptions? DefaultReading(ICharacterClassifier classifier)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        if (FindShippedModel(Ocr.Words.WordReader.FileName) is not { } file)
        {
            return null;
        }

        var reader = Ocr.Words.WordReader.Open(file);
        return Ocr.Words.WordRecognizer.SameClasses(reader.ClassNames, classifier.ClassNames) ? new PageReadingOptions { Words = WordReading(reader) } : null;
    }

    /// <summary>The segment-check name that asks for none: recognition by the character classifier alone.</summary>
    public const string NoSegmentCheck = "none";

    /// <summary>
    /// Reading options with segmentation by recognition (<see cref="PageReadingOptions.Recognition"/>) and its own copy of the segment check
    /// (<see cref="OpenSegmentCheck"/> of <paramref name="checkPath"/>; a classifier is not shared between workers).
    /// </summary>
    public static PageReadingOptions RecognitionReading(string? checkPath = null) =>
        new() { Recognition = new Ocr.Segmentation.RecognitionOptions { Check = OpenSegmentCheck(checkPath) } };

    /// <summary>models/charmodel.scrawl beside the program, else in a models folder above it (a source checkout); <see cref="FileNotFoundException"/> when neither exists.</summary>
    public static string ShippedModelPath() => ShippedModelPath(ShippedModelName);

    /// <summary>models/<paramref name="fileName"/> beside the program, else in a models folder above it; <see cref="FileNotFoundException"/> when neither exists.</summary>
    public static string ShippedModelPath(string fileName)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        string beside = Path.Combine(AppContext.BaseDirectory, "models", fileName);
        return FindShippedModel(fileName) ?? throw new FileNotFoundException($"{beside}: the shipped character model is missing (and no models/{fileName} was found above {AppContext.BaseDirectory}); "
            + $"build from a checkout that has models/{fileName}, or pass --model FILE (a .scrawl model or a NIST36 .npz such as ../shared/models/nist36-mlp-reference.npz).", beside);
    }

    /// <summary>models/<paramref name="fileName"/> beside the program, else in a models folder above it; null when neither exists.</summary>
    public static string? FindShippedModel(string fileName)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        string beside = Path.Combine(AppContext.BaseDirectory, "models", fileName);
        if (File.Exists(beside))
        {
            return beside;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory).Parent; dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "models", fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The first existing file at <paramref name="relative"/> from the working directory, else from the folders above the program; null when none.</summary>
    public static string? FindRepositoryFile(string relative)
    {
        ArgumentException.ThrowIfNullOrEmpty(relative);
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
}
