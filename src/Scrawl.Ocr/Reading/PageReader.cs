using Scrawl.Imaging;

namespace Scrawl.Ocr;

/// <summary>Settings of <see cref="PageReader"/>: the segmentation stages, the crop normalisation and the context decoding.</summary>
public sealed record PageReadingOptions
{
    /// <summary>
    /// Longer side (≥ 64) of the working image: larger photos are read downscaled to it (the CLI decodes them at this
    /// size directly); the pixel-valued segmentation settings follow the measured character height (<see cref="WorkingResolution"/>).
    /// </summary>
    public int WorkingSide { get; init; } = 1600;

    /// <summary>Stages 1–3: characters, lines, words; pixel sizes for characters 45–115 pixels tall (see <see cref="WorkingResolution"/>).</summary>
    public PageSegmentationOptions Segmentation { get; init; } = new();

    /// <summary>Stage 4: how crops are made (stroke width, 32×32 frame in the training data's convention, blur).</summary>
    public CropOptions Crops { get; init; } = new();

    /// <summary>Stage 5b: letters-vs-digits context per word.</summary>
    public WordContextOptions Context { get; init; } = new();
}

/// <summary>
/// The whole OCR pipeline on one photo: segment (<see cref="PageSegmenter"/>), turn every character's ink
/// mask into a 32×32 crop (<see cref="CropPreparation"/>), classify all crops of
/// the page in one batch, and decide each word with its line's context (<see cref="WordContextDecoder"/>).
/// Pure apart from the classifier it is given.
/// </summary>
public static class PageReader
{
    /// <summary>The text of <paramref name="photo"/> (grey in [0, 1], dark ink) read by <paramref name="classifier"/>; boxes in the photo's pixels.</summary>
    /// <example><c>var result = PageReader.Read(photo, CharacterModels.Load("models/charmodel.scrawl")); Console.WriteLine(result.Text);</c></example>
    public static OcrResult Read(FloatImage photo, ICharacterClassifier classifier, PageReadingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(photo);
        options ??= new PageReadingOptions();
        return Read(PageSegmenter.Segment(photo, SegmentationFor(photo, options)), classifier, options);
    }

    /// <summary>
    /// The segmentation settings <see cref="Read(FloatImage, ICharacterClassifier, PageReadingOptions?)"/> uses for
    /// <paramref name="photo"/>: working side WorkingSide, and the pixel settings scaled to the page's measured character
    /// height at that working size (<see cref="WorkingResolution"/>).
    /// </summary>
    public static PageSegmentationOptions SegmentationFor(FloatImage photo, PageReadingOptions options)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.WorkingSide, 64);
        double shrink = Math.Min(1.0, (double)options.WorkingSide / Math.Max(photo.Height, photo.Width));
        double? height = WorkingResolution.EstimateCharacterHeight(photo) * shrink;
        var characters = WorkingResolution.Scale(options.Segmentation.Characters, WorkingResolution.Factor(height)) with { WorkingSide = options.WorkingSide };
        return options.Segmentation with { Characters = characters };
    }

    /// <summary>Classifies and decodes an already segmented <paramref name="page"/>.</summary>
    public static OcrResult Read(OcrPage page, ICharacterClassifier classifier, PageReadingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(classifier);
        options ??= new PageReadingOptions();
        var characters = page.Characters.ToList();
        var crops = new FloatImage[characters.Count];
        Parallel.For(0, crops.Length, i => crops[i] = CropPreparation.Prepare(characters[i].Ink, options.Crops));
        var probabilities = classifier.Classify(crops);
        if (probabilities.Length != crops.Length)
        {
            throw new InvalidOperationException($"The classifier returned {probabilities.Length} results for {crops.Length} crops.");
        }

        var names = classifier.ClassNames;
        var kinds = WordContextDecoder.Kinds(names);
        int next = 0;
        var lines = new List<ReadLine>(page.Lines.Count);
        foreach (var line in page.Lines)
        {
            var wordProbabilities = new List<IReadOnlyList<float[]>>(line.Words.Count);
            int start = next;
            foreach (var word in line.Words)
            {
                wordProbabilities.Add(probabilities[next..(next + word.Characters.Count)]);
                next += word.Characters.Count;
            }

            var chosen = WordContextDecoder.DecodeLine(wordProbabilities, kinds, options.Context);
            var words = new List<ReadWord>(line.Words.Count);
            for (int w = 0; w < line.Words.Count; w++)
            {
                var read = line.Words[w].Characters.Select((c, i) => Character(c.Box, wordProbabilities[w][i], chosen[w][i], names)).ToList();
                words.Add(new ReadWord(line.Words[w].Box, read));
            }

            lines.Add(new ReadLine(line.Box, words));
        }

        return new OcrResult(page.Height, page.Width, lines);
    }

    private static ReadCharacter Character(PixelBox box, float[] p, int chosen, IReadOnlyList<string> names)
    {
        int top = System.Numerics.Tensors.TensorPrimitives.IndexOfMax(p);
        return new ReadCharacter(box, names[chosen], p[chosen], names[top], p[top]);
    }
}
