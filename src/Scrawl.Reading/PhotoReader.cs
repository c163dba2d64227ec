using System.Diagnostics;
using Scrawl.Data.Images;
using Scrawl.Imaging;
using Scrawl.Media;
using Scrawl.Ocr;
using Scrawl.Reading.Characters;

namespace Scrawl.Reading;

/// <summary>
/// Reads photos of handwritten block letters: decode at the working size (<see cref="PageReadingOptions.WorkingSide"/>),
/// then <see cref="PageReader"/> (segment, crop, classify, context). Open it once and read many photos; one reader reads one
/// photo at a time (use one reader per thread). Problems with a photo raise <see cref="InvalidDataException"/> or
/// <see cref="IOException"/> naming it.
/// </summary>
/// <example>
/// <code>
/// using var reader = PhotoReader.Open();               // the shipped character model
/// var page = reader.Read("photo.jpg");
/// Console.WriteLine(page.Text);                         // one line per text line
/// foreach (var c in page.Result.Characters) Console.WriteLine($"{c.Label} {c.Confidence:P0} {c.Box}");
/// </code>
/// </example>
public sealed class PhotoReader : IDisposable
{
    /// <summary>The most bytes <see cref="Read(Stream, string)"/> accepts from a stream (256 MiB).</summary>
    public const long MaxStreamBytes = 256L * 1024 * 1024;

    /// <summary>A JPEG whose reduced DCT scale lands within this fraction of the working side is decoded at that scale, with no resampling pass.</summary>
    private const double DecodeSlack = 0.2;

    private readonly CharacterControl control;
    private readonly PhotoBuffer photoBuffer = new();
    private PhotoReader? capitals;
    private bool ownsOrientationClassifier;

    /// <summary>
    /// A reader that classifies with <paramref name="classifier"/>; <paramref name="modelName"/> names the model in results (e.g. its path);
    /// <paramref name="characters"/> limits what it writes (<see cref="ArgumentException"/> when it does not fit the model).
    /// </summary>
    public PhotoReader(ICharacterClassifier classifier, string modelName, PageReadingOptions? options = null, CharacterOptions? characters = null)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentException.ThrowIfNullOrEmpty(modelName);
        Classifier = classifier;
        ModelName = modelName;
        Characters = characters ?? new CharacterOptions();
        control = new CharacterControl(classifier, Characters);
        Options = options ?? new PageReadingOptions();
    }

    /// <summary>The character classifier.</summary>
    public ICharacterClassifier Classifier { get; }

    /// <summary>
    /// The classifier that decides which way up a page is (<see cref="OrientationCheck"/>): in mixed and auto mode the capitals classifier
    /// when one was given (<see cref="ForCase"/>); null when <see cref="Classifier"/> decides.
    /// </summary>
    public ICharacterClassifier? OrientationClassifier { get; private set; }

    /// <summary>The model's name as given to <see cref="Open(string?, PageReadingOptions?, CharacterOptions?)"/> (a path, or <c>deep:FILE</c>).</summary>
    public string ModelName { get; }

    /// <summary>The reading settings.</summary>
    public PageReadingOptions Options { get; }

    /// <summary>What the reader may write: character set, user words, confidence floor.</summary>
    public CharacterOptions Characters { get; }

    /// <summary>
    /// A reader with the model <paramref name="model"/>: null for the shipped model (<see cref="ModelLocator.ShippedModelPath()"/>), a
    /// <c>.scrawl</c> model file or NIST36 <c>.npz</c>, or <c>deep:FILE</c> (a TorchSharp model run by the scrawl-deep program).
    /// <paramref name="options"/> null reads with <see cref="ModelLocator.DefaultReading"/> (every word read again whole when the shipped word
    /// reader fits the model); <c>new PageReadingOptions()</c> reads the finder's characters only.
    /// Raises <see cref="FileNotFoundException"/> or <see cref="InvalidDataException"/> naming the model when it cannot be used, and
    /// <see cref="ArgumentException"/> when <paramref name="characters"/> does not fit it.
    /// </summary>
    public static PhotoReader Open(string? model = null, PageReadingOptions? options = null, CharacterOptions? characters = null)
    {
        string name = model ?? ModelLocator.ShippedModelPath();
        var classifier = ModelLocator.OpenClassifier(name);
        try
        {
            return new PhotoReader(classifier, name, options ?? ModelLocator.DefaultReading(classifier), characters);
        }
        catch
        {
            (classifier as IDisposable)?.Dispose();
            throw;
        }
    }

    /// <summary>How this reader treats letter case (<see cref="Open(string?, PageReadingOptions?, CharacterOptions?, LetterCase)"/>).</summary>
    public LetterCase LetterCase { get; private set; }

    /// <summary>
    /// A reader in <paramref name="letterCase"/>: <see cref="LetterCase.Upper"/> as <see cref="Open(string?, PageReadingOptions?, CharacterOptions?)"/>;
    /// <see cref="LetterCase.Mixed"/> with <paramref name="model"/> (which must have lower-case classes; null: the shipped
    /// <see cref="ModelLocator.ShippedMixedModelName"/>) and mixed-case reading (<see cref="PageReadingOptions.MixedCase"/>), the shipped capitals
    /// model deciding which way up each page is when it is there (else the mixed-case model decides);
    /// <see cref="LetterCase.Auto"/> as mixed, with the shipped capitals model (required) also re-reading pages that read as capitals (<see cref="LetterCases.AutoLowerShare"/>).
    /// A model without lower case for mixed or auto is an <see cref="InvalidDataException"/> naming it.
    /// </summary>
    public static PhotoReader Open(string? model, PageReadingOptions? options, CharacterOptions? characters, LetterCase letterCase)
    {
        if (letterCase == LetterCase.Upper)
        {
            return Open(model, options, characters);
        }

        string name = model ?? ModelLocator.ShippedModelPath(ModelLocator.ShippedMixedModelName);
        var classifier = ModelLocator.OpenClassifier(name);
        ICharacterClassifier? capitalsClassifier = null;
        try
        {
            string? capitalsName = null;
            if (Ocr.Case.HeightKinds.HasLowerCase(classifier.ClassNames))
            {
                // Auto cannot do without the capitals model; mixed only uses it to decide the page's turn, so reads on without it.
                capitalsName = letterCase == LetterCase.Auto ? ModelLocator.ShippedModelPath() : ModelLocator.FindShippedModel(ModelLocator.ShippedModelName);
                capitalsClassifier = capitalsName is null ? null : ModelLocator.OpenClassifier(capitalsName);
            }

            return ForCase(letterCase, classifier, name, capitalsClassifier, capitalsName, options, characters);
        }
        catch
        {
            (classifier as IDisposable)?.Dispose();
            (capitalsClassifier as IDisposable)?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A reader in <paramref name="letterCase"/> over classifiers it then owns: <see cref="LetterCase.Upper"/> reads with
    /// <paramref name="classifier"/> as the constructor does (with <see cref="ModelLocator.DefaultReading"/> when <paramref name="options"/> is null); <see cref="LetterCase.Mixed"/> and <see cref="LetterCase.Auto"/> need a
    /// <paramref name="classifier"/> with lower-case classes (else <see cref="InvalidDataException"/> naming <paramref name="modelName"/>)
    /// and read with the line's geometry and word case. The capitals classifier <paramref name="capitalsClassifier"/> (named
    /// <paramref name="capitalsName"/>) decides which way up each page is (<see cref="OrientationClassifier"/>); mixed reads without it
    /// (<paramref name="classifier"/> then decides, less reliably), auto needs it (else <see cref="ArgumentException"/>) and re-reads with it
    /// the pages that read as capitals. Upper case ignores it.
    /// </summary>
    public static PhotoReader ForCase(LetterCase letterCase, ICharacterClassifier classifier, string modelName, ICharacterClassifier? capitalsClassifier = null,
        string? capitalsName = null, PageReadingOptions? options = null, CharacterOptions? characters = null)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        if (letterCase == LetterCase.Upper)
        {
            return new PhotoReader(classifier, modelName, options ?? ModelLocator.DefaultReading(classifier), characters);
        }

        if (!Ocr.Case.HeightKinds.HasLowerCase(classifier.ClassNames))
        {
            throw new InvalidDataException($"{modelName}: the model has no lower-case classes, so it cannot read mixed case; use --case upper, or a mixed-case model such as models/{ModelLocator.ShippedMixedModelName}.");
        }

        if (letterCase == LetterCase.Auto && (capitalsClassifier is null || capitalsName is null))
        {
            throw new ArgumentException("--case auto needs a capitals model as well as the mixed-case one.", nameof(capitalsClassifier));
        }

        var mixed = (options ?? new PageReadingOptions()) with { MixedCase = (options?.MixedCase) ?? new Ocr.Case.MixedCaseOptions() };
        var reader = new PhotoReader(classifier, modelName, mixed, characters) { LetterCase = letterCase, OrientationClassifier = capitalsClassifier };
        if (letterCase == LetterCase.Auto)
        {
            reader.capitals = new PhotoReader(capitalsClassifier!, capitalsName!, options, characters); // owns it
        }
        else
        {
            reader.ownsOrientationClassifier = true;
        }

        return reader;
    }

    /// <summary>Reads the photo file at <paramref name="path"/> (JPEG, PNG, …): a regular file of at most <see cref="MaxStreamBytes"/> bytes (<see cref="InputFiles.CheckRegularFile"/>).</summary>
    public PhotoReading Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var watch = Stopwatch.StartNew();
        InputFiles.CheckRegularFile(path, MaxStreamBytes);
        return ReadDecoded(path, PhotoLoader.Load(path, Options.WorkingSide, slack: DecodeSlack, pixels: photoBuffer.Take), watch);
    }

    /// <summary>Reads an encoded photo held in memory; <paramref name="name"/> names it in results and errors.</summary>
    public PhotoReading Read(byte[] encoded, string name)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var watch = Stopwatch.StartNew();
        return ReadDecoded(name, PhotoLoader.Load(encoded, name, Options.WorkingSide, slack: DecodeSlack, pixels: photoBuffer.Take), watch);
    }

    /// <summary>Reads an encoded photo from <paramref name="stream"/> (at most <see cref="MaxStreamBytes"/> bytes); <paramref name="name"/> names it in results and errors.</summary>
    public PhotoReading Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(name);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        for (int got; (got = stream.Read(chunk)) > 0;)
        {
            if (buffer.Length + got > MaxStreamBytes)
            {
                throw new InvalidDataException($"{name}: larger than {MaxStreamBytes / (1024 * 1024)} MiB; not read.");
            }

            buffer.Write(chunk, 0, got);
        }

        return Read(buffer.ToArray(), name);
    }

    /// <summary>Writes the photo (re-read at the size it was read at) with line boxes, character boxes and labels drawn, as a PNG, atomically; orange marks characters below 50 % confidence.</summary>
    public static void SaveAnnotated(string photoPath, PhotoReading reading, string outPath)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var (rgb, _, _) = PhotoLoader.Load(photoPath, Math.Max(reading.Working.Height, reading.Working.Width), ColorMode.Rgb);
        Annotation.Save(rgb, AnnotationBoxes(reading.Working.ScaledTo(rgb.Height, rgb.Width)), outPath);
    }

    /// <summary>The boxes to draw for a result: line boxes, and character boxes labelled with their text (doubtful below 50 % confidence).</summary>
    public static List<AnnotationBox> AnnotationBoxes(OcrResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return
        [
            .. result.Lines.Select(l => new AnnotationBox(l.Box.Top, l.Box.Left, l.Box.Bottom, l.Box.Right, AnnotationKind.Line)),
            .. result.Characters.Select(c => new AnnotationBox(c.Box.Top, c.Box.Left, c.Box.Bottom, c.Box.Right,
                c.Confidence >= 0.5 ? AnnotationKind.Character : AnnotationKind.DoubtfulCharacter, c.Label)),
        ];
    }

    /// <summary>Releases the classifiers it owns when they hold resources.</summary>
    public void Dispose()
    {
        (Classifier as IDisposable)?.Dispose();
        capitals?.Dispose();
        if (ownsOrientationClassifier)
        {
            (OrientationClassifier as IDisposable)?.Dispose();
        }
    }

    /// <summary>Reads a photo this reader decoded, then keeps its pixel array for the next one (nothing read from it refers to the pixels).</summary>
    private PhotoReading ReadDecoded(string name, (FloatImage Image, int PhotoHeight, int PhotoWidth) decoded, Stopwatch watch)
    {
        try
        {
            return Read(name, decoded, watch);
        }
        finally
        {
            photoBuffer.Keep(decoded.Image.Pixels);
        }
    }

    private PhotoReading Read(string name, (FloatImage Image, int PhotoHeight, int PhotoWidth) decoded, Stopwatch watch)
    {
        var (image, photoHeight, photoWidth) = decoded;
        double decodeSeconds = watch.Elapsed.TotalSeconds;
        var page = PageReader.ReadTimed(image, control.Classifier, Options, OrientationClassifier);
        var timings = new ReadingTimings(decodeSeconds, page.SegmentSeconds, page.ClassifySeconds);
        var working = control.Apply(page.Result);
        if (capitals is not null && LetterCases.LowerShare(working) < LetterCases.AutoLowerShare)
        {
            return capitals.Read(name, decoded, watch);
        }

        return new PhotoReading(name, working.ScaledTo(photoHeight, photoWidth), working, timings, page.Geometry);
    }
}
