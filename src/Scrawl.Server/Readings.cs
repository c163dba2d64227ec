using Scrawl.Data.Images;
using Scrawl.Imaging;
using Scrawl.Media;
using Scrawl.Ocr;
using Scrawl.Reading;
using Scrawl.Reading.Formats;

namespace Scrawl.Server;

/// <summary>The work a worker does for one request, on its own classifiers: read a photo into a document, or classify one character image.</summary>
internal static class Readings
{
    /// <summary>The longer side a character image is decoded at (it ends as 32×32 anyway).</summary>
    public const int CharacterSide = 512;

    /// <summary>
    /// 415 unless <paramref name="image"/> starts like a JPEG, PNG, GIF, BMP or WebP file (the formats the decoder reads); anything else is not an image here.
    /// Corrupt or absurd images of those formats are the decoder's to refuse (400).
    /// </summary>
    public static void CheckFormat(byte[] image, string name)
    {
        ReadOnlySpan<byte> b = image;
        bool known = b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])
            || b.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G'])
            || b.StartsWith("GIF8"u8)
            || b.StartsWith("BM"u8)
            || (b.Length >= 12 && b.StartsWith("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8));
        if (!known)
        {
            throw new ApiException(415, $"{name}: not a JPEG, PNG, WebP, BMP or GIF image ({image.Length:N0} bytes starting {Convert.ToHexString(image, 0, Math.Min(8, image.Length))}).");
        }
    }

    /// <summary>The document of <paramref name="request"/> for the photo <paramref name="image"/>, read with the worker's classifier of the request's model.</summary>
    public static string Ocr(IReadOnlyDictionary<string, ICharacterClassifier> classifiers, OcrRequest request, byte[] image, string name)
    {
        var classifier = new BorrowedClassifier(classifiers[request.Model.Name]);
        var capitals = request.Capitals is { } c ? new BorrowedClassifier(classifiers[c.Name]) : null;
        var options = request.Case == LetterCase.Upper ? DefaultReading(request.Model.Name, classifiers[request.Model.Name]) : null;
        using var reader = PhotoReader.ForCase(request.Case, classifier, request.Model.Name, capitals, request.Capitals?.Name, options, request.Characters);
        var reading = reader.Read(image, name);
        return OutputFormats.Write(request.Format, [reading], request.Model.Name);
    }

    /// <summary>Each model's default reading (<see cref="ModelLocator.DefaultReading"/>: whole words), opened once per worker thread, which reads one request at a time (the word reader is not safe for concurrent calls).</summary>
    [ThreadStatic]
    private static Dictionary<string, PageReadingOptions?>? defaultReadings;

    /// <summary>The default reading of <paramref name="model"/> for this thread, opened on its first request.</summary>
    private static PageReadingOptions? DefaultReading(string model, ICharacterClassifier classifier)
    {
        defaultReadings ??= new Dictionary<string, PageReadingOptions?>(StringComparer.OrdinalIgnoreCase);
        if (!defaultReadings.TryGetValue(model, out var options))
        {
            options = ModelLocator.DefaultReading(classifier);
            defaultReadings[model] = options;
        }

        return options;
    }

    /// <summary>The classes of one character image, as <c>classify</c> frames it: polarity detected, ink made 1, framed, classified; the best first.</summary>
    public static CharacterAnswer Classify(IReadOnlyDictionary<string, ICharacterClassifier> classifiers, ClassifyRequest request, byte[] image, string name)
    {
        var classifier = classifiers[request.Model.Name];
        var (grey, _, _) = PhotoLoader.Load(image, name, CharacterSide);
        var polarity = InkPolarity.Of(grey) ?? Polarity.DarkInkOnLight;
        var crop = CharacterImages.Frame(polarity == Polarity.DarkInkOnLight ? grey.Inverted() : grey, request.Framing);
        float[] p = classifier.Classify([crop])[0];
        var top = Enumerable.Range(0, p.Length).OrderByDescending(c => p[c]).ThenBy(c => c).Take(request.Top)
            .Select(c => new ClassAnswer(classifier.ClassNames[c], Math.Round(p[c], 4))).ToList();
        return new CharacterAnswer(name, request.Model.Name, polarity == Polarity.DarkInkOnLight ? "dark-on-light" : "light-on-dark",
            request.Framing == CharacterFraming.Grey ? "grey" : "ocr", top);
    }

    /// <summary>A worker's classifier lent to a per-request reader: disposing the reader leaves the worker's classifier open.</summary>
    private sealed class BorrowedClassifier(ICharacterClassifier inner) : ICharacterClassifier
    {
        public IReadOnlyList<string> ClassNames => inner.ClassNames;

        public float[][] Classify(IReadOnlyList<FloatImage> crops) => inner.Classify(crops);
    }
}

/// <summary>One class and its probability.</summary>
/// <param name="Label">The class name.</param>
/// <param name="Probability">Its probability in [0, 1], rounded to 4 decimals.</param>
internal sealed record ClassAnswer(string Label, double Probability);

/// <summary>The answer of <c>/v1/classify</c>.</summary>
/// <param name="File">The image's name.</param>
/// <param name="Model">The model's name.</param>
/// <param name="Polarity">How the ink was found: <c>dark-on-light</c> or <c>light-on-dark</c>.</param>
/// <param name="Framing">How the image was framed: <c>grey</c> or <c>ocr</c>.</param>
/// <param name="Top">The most probable classes, best first.</param>
internal sealed record CharacterAnswer(string File, string Model, string Polarity, string Framing, IReadOnlyList<ClassAnswer> Top);
