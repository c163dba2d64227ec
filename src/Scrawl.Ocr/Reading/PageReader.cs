using System.Diagnostics;
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

    /// <summary>
    /// Tolerance in [0, 0.5]: an image whose longer side is at most WorkingSide × (1 + WorkingSlack) is read at its own size,
    /// with no resampling pass (a JPEG decoded at the DCT scale nearest the working side lands within it).
    /// </summary>
    public double WorkingSlack { get; init; } = 0.2;

    /// <summary>The longer side (≥ 1) at which an image whose longer side is <paramref name="imageSide"/> (≥ 1) is read: its own when within the slack, else <see cref="WorkingSide"/>.</summary>
    public int WorkingSideFor(int imageSide)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(imageSide, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(WorkingSide, 64);
        if (!(WorkingSlack is >= 0 and <= 0.5))
        {
            throw new InvalidOperationException($"WorkingSlack {WorkingSlack} is outside [0, 0.5].");
        }

        return imageSide <= WorkingSide * (1 + WorkingSlack) ? imageSide : WorkingSide;
    }

    /// <summary>Stages 1–3: characters, lines, words; pixel sizes for characters 45–115 pixels tall (see <see cref="WorkingResolution"/>).</summary>
    public PageSegmentationOptions Segmentation { get; init; } = new();

    /// <summary>Stage 4: how crops are made (stroke width, 32×32 frame in the training data's convention, blur).</summary>
    public CropOptions Crops { get; init; } = new();

    /// <summary>Stage 5b: letters-vs-digits context per word.</summary>
    public WordContextOptions Context { get; init; } = new();

    /// <summary>
    /// Stage 5c: a line whose characters' mean probability is below this (in [0, 1]) and below <see cref="RelativeLineConfidence"/> of the
    /// page's median line is dropped as not writing (grain, ruling, a pen read as rows of I, F, M).
    /// </summary>
    public double MinLineConfidence { get; init; } = 0.5;

    /// <summary>
    /// Stage 5c: the fraction (in [0, 1]) of the page's median line confidence below which a line may be dropped: a weaker model is unsure
    /// of every line alike, so its real lines are kept, while grain and ruling stand out against the page's real writing.
    /// </summary>
    public double RelativeLineConfidence { get; init; } = 0.7;

    /// <summary>Stage 0: the sheet, its perspective, tilt, scale (<see cref="PagePreparation"/>); null reads the photo as it is.</summary>
    public PagePreparationOptions? Preparation { get; init; } = new();

    /// <summary>
    /// Stage 5a: segmentation by recognition, cutting blobs of touching characters and joining broken ones by what the classifier reads best
    /// (<see cref="Segmentation.RecognitionSegmenter"/>); null (the default: it does not yet pay off on the robustness benchmark) keeps the finder's characters.
    /// </summary>
    public Segmentation.RecognitionOptions? Recognition { get; init; }

    /// <summary>
    /// Every word read again whole by a word reader (<see cref="Words.WordRecognizer"/>: it may re-cut touching letters and votes on each
    /// character with the classifier); null (the default) skips it. Capitals only: it is not used when <see cref="MixedCase"/> is set.
    /// </summary>
    public Words.WordReadingOptions? Words { get; init; }

    /// <summary>
    /// Mixed-case reading (needs a model with lower-case classes): i and j dots kept and joined to their stems, each line's geometry and
    /// each word's case pattern deciding the letters that differ only by size (<see cref="Case.CaseDecoder"/>); null (the default) reads capitals.
    /// </summary>
    public Case.MixedCaseOptions? MixedCase { get; init; }

    /// <summary>Stage 0b: try the page turned by quarter turns and keep the turn the classifier (or <see cref="PageReader.ReadTimed"/>'s orientation classifier) reads clearly best (<see cref="OrientationCheck"/>).</summary>
    public bool DetectOrientation { get; init; } = true;
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
        return ReadTimed(photo, classifier, options).Result;
    }

    /// <summary>
    /// As <see cref="Read(FloatImage, ICharacterClassifier, PageReadingOptions?)"/>, with the seconds spent segmenting and classifying;
    /// <paramref name="orientationClassifier"/> decides which way up the page is (<see cref="OrientationCheck"/>) when given, else
    /// <paramref name="classifier"/> does. A capitals model is the better judge for mixed-case reading: turned lower-case letters
    /// read confidently as other lower-case letters (u as n, d as p, b as q), so a mixed-case model finds turned pages almost as readable.
    /// </summary>
    public static PageReading ReadTimed(FloatImage photo, ICharacterClassifier classifier, PageReadingOptions? options = null, ICharacterClassifier? orientationClassifier = null)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(classifier);
        options ??= new PageReadingOptions();
        var judge = orientationClassifier ?? classifier;
        long start = Stopwatch.GetTimestamp();
        var geometry = options.Preparation is { } preparation
            ? PagePreparation.Plan(photo, preparation)
            : PageGeometry.Identity(photo.Height, photo.Width);
        var working = PagePreparation.Render(photo, geometry);
        // The plan measured the character height already; it holds for the working image unless that was turned or straightened.
        double? planned = geometry is { QuarterTurns: 0, SkewDegrees: 0, CharacterHeight: { } h } ? h * geometry.Scale : null;
        var page = PageSegmenter.Segment(working, SegmentationFor(working, options, planned));
        Orientation? orientation = null;
        if (options.DetectOrientation)
        {
            orientation = OrientationCheck.Check(page, judge, options.Crops);
            if (orientation.QuarterTurns % 2 == 1 && options.Preparation is { } prep)
            {
                // The lines run the other way: plan again in that frame (its own tilt), then only a half turn is left to decide.
                // The first check already chose between the two quarter turns; the new plan turns one fixed way, so the half turn
                // that choice implies is where the page stands unless the second check reads upright at least as well.
                int chosen = (geometry.QuarterTurns + orientation.QuarterTurns) % 4;
                geometry = PagePreparation.Plan(photo, prep, vertical: geometry.QuarterTurns % 2 == 0);
                working = PagePreparation.Render(photo, geometry);
                page = PageSegmenter.Segment(working, SegmentationFor(working, options));
                var again = OrientationCheck.Check(page, judge, options.Crops);
                bool implied = (chosen - geometry.QuarterTurns + 4) % 4 == 2 && again.MeanConfidence[2] > again.MeanConfidence[0];
                orientation = again with { QuarterTurns = again.QuarterTurns == 2 || implied ? 2 : 0 };
            }

            if (orientation.QuarterTurns != 0)
            {
                geometry = PagePreparation.Turn(geometry, orientation.QuarterTurns);
                working = PagePreparation.Render(photo, geometry);
                page = PageSegmenter.Segment(working, SegmentationFor(working, options));
            }
        }

        double segment = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var result = geometry.ToPhotoResult(Read(page, classifier, options), photo.Height, photo.Width);
        return new PageReading(result, segment, Stopwatch.GetElapsedTime(start).TotalSeconds - segment, geometry, orientation);
    }

    /// <summary>
    /// The segmentation settings <see cref="Read(FloatImage, ICharacterClassifier, PageReadingOptions?)"/> uses for
    /// <paramref name="photo"/>: the working side <see cref="PageReadingOptions.WorkingSideFor"/>, and the pixel settings scaled to the
    /// page's measured character height at that working size (<see cref="WorkingResolution"/>): <paramref name="characterHeight"/> (pixels
    /// of <paramref name="photo"/>, &gt; 0) when it was measured already, else <see cref="WorkingResolution.EstimateCharacterHeight(FloatImage)"/>.
    /// </summary>
    public static PageSegmentationOptions SegmentationFor(FloatImage photo, PageReadingOptions options, double? characterHeight = null)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(options);
        int longer = Math.Max(photo.Height, photo.Width);
        int workingSide = options.WorkingSideFor(longer);
        double shrink = (double)workingSide / longer;
        double? height = (characterHeight ?? WorkingResolution.EstimateCharacterHeight(photo)) * shrink;
        var characters = WorkingResolution.Scale(options.Segmentation.Characters, WorkingResolution.Factor(height)) with
        {
            WorkingSide = workingSide,
            BackgroundLength = WorkingResolution.BackgroundLength(height, Math.Min(longer, workingSide)),
        };
        if (options.MixedCase is { } mixed)
        {
            characters = characters with { NoiseFraction = mixed.NoiseFraction, LowerCase = true };
        }

        return options.MixedCase is { } lines
            ? options.Segmentation with { Characters = characters, Lines = options.Segmentation.Lines with { SlopeRidge = lines.SlopeRidge, Tolerance = lines.LineTolerance } }
            : options.Segmentation with { Characters = characters };
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

        if (options.Recognition is { } recognition)
        {
            (page, probabilities) = Segmentation.RecognitionSegmenter.Resegment(page, probabilities, classifier, options.Crops, recognition, pageCrops: crops);
        }

        if (options.Words is { } wordReading && options.MixedCase is null)
        {
            (page, probabilities) = Words.WordRecognizer.Apply(page, probabilities, classifier, options.Crops, wordReading);
        }

        var names = classifier.ClassNames;
        if (options.MixedCase is { } mixedCase)
        {
            probabilities = Case.CaseDecoder.Adjust(page, probabilities, names, mixedCase);
        }

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

            var chosen = options.MixedCase is { } caseOptions
                ? Case.CaseDecoder.DecodeLine(wordProbabilities, names, caseOptions)
                : WordContextDecoder.DecodeLine(wordProbabilities, kinds, options.Context);
            var words = new List<ReadWord>(line.Words.Count);
            for (int w = 0; w < line.Words.Count; w++)
            {
                var read = line.Words[w].Characters.Select((c, i) => Character(c.Box, wordProbabilities[w][i], chosen[w][i], names)).ToList();
                words.Add(new ReadWord(line.Words[w].Box, read));
            }

            lines.Add(new ReadLine(line.Box, words));
        }

        return new OcrResult(page.Height, page.Width, WithoutUnreadableLines(lines, options));
    }

    /// <summary>The lines whose mean confidence reaches <see cref="PageReadingOptions.MinLineConfidence"/> or <see cref="PageReadingOptions.RelativeLineConfidence"/> of the median line's.</summary>
    private static List<ReadLine> WithoutUnreadableLines(List<ReadLine> lines, PageReadingOptions options)
    {
        if (lines.Count == 0)
        {
            return lines;
        }

        var sorted = lines.Select(l => l.Confidence).Order().ToArray();
        double median = sorted[sorted.Length / 2];
        double floor = Math.Min(options.MinLineConfidence, options.RelativeLineConfidence * median);
        return [.. lines.Where(l => l.Confidence >= floor)];
    }

    private static ReadCharacter Character(PixelBox box, float[] p, int chosen, IReadOnlyList<string> names)
    {
        int top = System.Numerics.Tensors.TensorPrimitives.IndexOfMax(p);
        return new ReadCharacter(box, names[chosen], p[chosen], names[top], p[top]) { Probabilities = ReadCharacter.Ranked(p, names) };
    }
}

/// <summary>A page read by <see cref="PageReader.ReadTimed"/>: the result (boxes in the given image's pixels), the seconds (≥ 0) spent preparing and segmenting and classifying (crops, classification, context), the working geometry and the orientation evidence (null when not checked).</summary>
public sealed record PageReading(OcrResult Result, double SegmentSeconds, double ClassifySeconds, PageGeometry Geometry, Orientation? Orientation);
