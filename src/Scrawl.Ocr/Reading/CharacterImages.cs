using Scrawl.Data.Images;
using Scrawl.Imaging;

namespace Scrawl.Ocr;

/// <summary>A class and its probability in [0, 1].</summary>
/// <param name="Class">The class name as the model names it.</param>
/// <param name="Probability">The model's probability for it, in [0, 1].</param>
public sealed record ClassProbability(string Class, float Probability);

/// <summary>How a loose character image is brought to a 32×32 model input (both end in Scrawl's convention, <see cref="CharacterNormalizer"/>'s frame).</summary>
public enum CharacterFraming
{
    /// <summary>The grey image itself, contrast stretched and framed (<see cref="CharacterNormalizer.Normalize(FloatImage, CharacterNormalizeOptions?)"/>): how the real training and held-out sets are read.</summary>
    Grey,

    /// <summary>An ink mask made like the OCR's crops (<see cref="CharacterImages.Frame"/>, through <see cref="CropPreparation.Prepare"/>): thickened strokes, light blur.</summary>
    Ocr,
}

/// <summary>One image file classified, or why it could not be.</summary>
/// <param name="Path">The file as given.</param>
/// <param name="Top">The most probable classes, best first (empty when <paramref name="Error"/> is set).</param>
/// <param name="Polarity">The polarity the image was read with, or null when it failed.</param>
/// <param name="Error">One line naming the file and the problem, or null.</param>
public sealed record CharacterImageResult(string Path, IReadOnlyList<ClassProbability> Top, Polarity? Polarity, string? Error);

/// <summary>
/// Character images as users have them (any size, tight or with margins, either polarity) brought to the classifier's
/// input the way the OCR brings its crops (<see cref="Frame"/>), and classified (<see cref="Classify"/>).
/// </summary>
public static class CharacterImages
{
    /// <summary>
    /// The classifier input (Side×Side, ink = 1) of a grey ink = 1 image of any size. <see cref="CharacterFraming.Grey"/>: the
    /// image contrast stretched and framed by <see cref="CharacterNormalizer"/>. <see cref="CharacterFraming.Ocr"/>: the ink mask is every pixel above the
    /// midpoint between the paper level (the 30th percentile: most of a crop is paper) and the ink level (the 99th), so a
    /// margin darker than the paper stays paper; the mask then goes through the OCR's own <see cref="CropPreparation.Prepare"/> (stroke thickened to
    /// the training width, NIST-like framing, light blur). An image whose ink stands out by less than 0.05 gives a blank crop. Thread-safe.
    /// </summary>
    public static FloatImage Frame(FloatImage ink, CharacterFraming framing = CharacterFraming.Grey, CropOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ink);
        if (framing == CharacterFraming.Grey)
        {
            return CharacterNormalizer.Normalize(ink.Channels == 1 ? ink : ink.ToGrey(), (options ?? new CropOptions()).Normalize);
        }

        ArgumentNullException.ThrowIfNull(ink);
        options ??= new CropOptions();
        var grey = ink.Channels == 1 ? ink : ink.ToGrey();
        var sorted = (float[])grey.Pixels.Clone();
        Array.Sort(sorted);
        float paper = sorted[(int)(0.3 * (sorted.Length - 1))], inkLevel = sorted[(int)Math.Ceiling(0.99 * (sorted.Length - 1))];
        if (inkLevel - paper < 0.05f)
        {
            return new FloatImage(options.Normalize.Side, options.Normalize.Side);
        }

        var mask = grey.Above((paper + inkLevel) / 2);
        var box = new PixelBox(0, 0, grey.Height, grey.Width);
        return CropPreparation.Prepare(new InkCharacter(box, box, mask), options);
    }

    /// <summary>
    /// Decodes each file grey at its own size, decides its polarity on its own (<see cref="InkPolarity.Of"/>; a single tone
    /// counts as dark ink on light), frames it (<see cref="Frame"/>) and classifies all readable files in one batch; the
    /// <paramref name="top"/> (≥ 1) best classes per file. A file that cannot be read gets its <see cref="CharacterImageResult.Error"/>; the others are still read.
    /// </summary>
    public static IReadOnlyList<CharacterImageResult> Classify(ICharacterClassifier classifier, IReadOnlyList<string> paths, IImageDecoder decoder, int top = 5, CharacterFraming framing = CharacterFraming.Grey)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var results = new CharacterImageResult[paths.Count];
        var crops = new List<FloatImage>();
        var owners = new List<(int Index, Polarity Polarity)>();
        for (int i = 0; i < paths.Count; i++)
        {
            string path = paths[i];
            try
            {
                var image = ImageFolder.LoadImage(path, new ImageFolderOptions(), decoder);
                var polarity = InkPolarity.Of(image) ?? Polarity.DarkInkOnLight;
                crops.Add(Frame(polarity == Polarity.DarkInkOnLight ? image.Inverted() : image, framing));
                owners.Add((i, polarity));
            }
            catch (Exception e) when (e is InvalidDataException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
            {
                results[i] = new CharacterImageResult(path, [], null, e.Message.Contains(path, StringComparison.Ordinal) ? e.Message : $"{path}: {e.Message}");
            }
        }

        var probabilities = classifier.Classify(crops);
        for (int k = 0; k < owners.Count; k++)
        {
            var p = probabilities[k];
            var best = Enumerable.Range(0, p.Length).OrderByDescending(c => p[c]).ThenBy(c => c).Take(top)
                .Select(c => new ClassProbability(classifier.ClassNames[c], p[c])).ToList();
            results[owners[k].Index] = new CharacterImageResult(paths[owners[k].Index], best, owners[k].Polarity, null);
        }

        return results;
    }
}
