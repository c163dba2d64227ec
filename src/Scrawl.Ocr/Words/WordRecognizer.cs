using Scrawl.Imaging;
using Scrawl.Ocr.Segmentation;

namespace Scrawl.Ocr.Words;

/// <summary>Settings of <see cref="WordRecognizer"/>.</summary>
public sealed record WordReadingOptions
{
    /// <summary>The word reader (its classes must be the character classifier's, in any order).</summary>
    public required WordReader Reader { get; init; }

    /// <summary>Exponent (≥ 0) of the word reader's probabilities in each character's vote; the classifier's has <see cref="ClassifierWeight"/>.</summary>
    public double ReaderWeight { get; init; } = 1;

    /// <summary>Exponent (≥ 0) of the character classifier's probabilities in each character's vote.</summary>
    public double ClassifierWeight { get; init; } = 1;

    /// <summary>The reader's characters replace the page's when they differ in number and every one of them is read at least this surely (in [0, 1]).</summary>
    public double MinSegmentConfidence { get; init; } = 0.5;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Reader);
        if (!(ReaderWeight >= 0) || !(ClassifierWeight >= 0) || double.IsInfinity(ReaderWeight + ClassifierWeight))
        {
            throw new ArgumentOutOfRangeException(nameof(ReaderWeight), "ReaderWeight and ClassifierWeight must be finite numbers ≥ 0.");
        }

        if (!(MinSegmentConfidence is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MinSegmentConfidence), MinSegmentConfidence, "MinSegmentConfidence must be in [0, 1].");
        }
    }
}

/// <summary>
/// Reads every word of a page a second time, whole, with the <see cref="WordReader"/> (issue #16). Where the reader finds as many characters as
/// the page has, each character's probabilities become the normalised product of the classifier's and the reader's (each to its weight); where
/// it finds another number and is sure of every one, the word's ink is cut along least-ink seams (<see cref="InkCuts"/>) at the reader's
/// boundaries, the pieces are classified, and the same vote decides each. So touching and overlapping letters are counted by a model that
/// saw whole words, and named by both models.
/// </summary>
public static class WordRecognizer
{
    /// <summary>The page's words re-read: its characters (possibly re-cut) and their probability vectors, in reading order.</summary>
    public static (OcrPage Page, float[][] Probabilities) Apply(OcrPage page, float[][] probabilities, ICharacterClassifier classifier, CropOptions crops, WordReadingOptions options)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var map = ClassMap(options.Reader.ClassNames, classifier.ClassNames);
        var words = page.Lines.SelectMany(l => l.Words).ToList();
        if (words.Count == 0)
        {
            return (page, probabilities);
        }

        var characters = page.Characters.ToList();
        double scale = characters.Sum(c => (double)c.Box.Height + c.Box.Width) / characters.Sum(c => (double)c.Ink.WorkingBox.Height + c.Ink.WorkingBox.Width);
        var unions = words.Select(w => InkCuts.Union([.. w.Characters.Select(c => (c.Ink.WorkingBox, c.Ink.Mask))])).ToList();
        var read = options.Reader.Read([.. unions.Select(u => u.Mask)]);

        // Words whose count the reader changes are cut at its boundaries; their pieces are classified in one batch.
        var cuts = new List<(PixelBox Box, BinaryImage Mask)>?[words.Count];
        var pending = new List<InkCharacter>();
        for (int w = 0; w < words.Count; w++)
        {
            if (read[w].Length > 0 && read[w].Length != words[w].Characters.Count && read[w].All(c => c.Probabilities.Max() >= options.MinSegmentConfidence))
            {
                var (box, mask) = unions[w];
                int reach = Math.Max(2, (int)Math.Round(0.12 * box.Height));
                var seams = read[w].Skip(1).Select(c => InkCuts.Seam(mask, Math.Clamp(c.Left, 1, mask.Width - 1), reach)).ToList();
                var pieces = InkCuts.Pieces(box, mask, seams);
                if (pieces.Count == read[w].Length)
                {
                    cuts[w] = pieces;
                    pending.AddRange(pieces.Select(p => new InkCharacter(p.Box.Scaled(scale, page.Height, page.Width), p.Box, p.Mask)));
                }
            }
        }

        var fresh = pending.Count == 0 ? [] : classifier.Classify([.. pending.Select(c => CropPreparation.Prepare(c, crops))]);
        var outProbabilities = new List<float[]>(characters.Count);
        var lines = new List<OcrLine>(page.Lines.Count);
        int next = 0, nextWord = 0, nextFresh = 0;
        foreach (var line in page.Lines)
        {
            var outWords = new List<OcrWord>(line.Words.Count);
            foreach (var word in line.Words)
            {
                var reading = read[nextWord];
                if (cuts[nextWord] is { } pieces)
                {
                    var chars = new List<OcrCharacter>(pieces.Count);
                    for (int k = 0; k < pieces.Count; k++)
                    {
                        var ink = pending[nextFresh];
                        chars.Add(new OcrCharacter(ink.Box, ink));
                        outProbabilities.Add(Vote(fresh[nextFresh++], reading[k].Probabilities, map, options));
                    }

                    outWords.Add(new OcrWord(PixelBox.Enclosing(chars.Select(c => c.Box)), chars));
                }
                else
                {
                    bool same = reading.Length == word.Characters.Count;
                    for (int k = 0; k < word.Characters.Count; k++)
                    {
                        outProbabilities.Add(same ? Vote(probabilities[next + k], reading[k].Probabilities, map, options) : probabilities[next + k]);
                    }

                    outWords.Add(word);
                }

                next += word.Characters.Count;
                nextWord++;
            }

            lines.Add(new OcrLine(PixelBox.Enclosing(outWords.Select(x => x.Box)), outWords));
        }

        return (new OcrPage(page.Height, page.Width, lines), [.. outProbabilities]);
    }

    /// <summary>For each classifier class, the reader's index of the class of the same name; an <see cref="ArgumentException"/> unless both have the same classes.</summary>
    public static int[] ClassMap(IReadOnlyList<string> reader, IReadOnlyList<string> classifier)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(classifier);
        var map = classifier.Select(n => reader.ToList().IndexOf(n)).ToArray();
        if (reader.Count != classifier.Count || map.Any(i => i < 0))
        {
            throw new ArgumentException($"The word reader reads {reader.Count} classes ({string.Join("", reader.Take(40))}) and the character model {classifier.Count} ({string.Join("", classifier.Take(40))}): they must be the same classes.");
        }

        return map;
    }

    /// <summary>The normalised product p_classifier^a · p_reader^b (classifier order).</summary>
    internal static float[] Vote(float[] classifier, float[] reader, int[] map, WordReadingOptions options)
    {
        var result = new double[classifier.Length];
        for (int k = 0; k < result.Length; k++)
        {
            result[k] = (options.ClassifierWeight * Math.Log(Math.Max(classifier[k], 1e-7))) + (options.ReaderWeight * Math.Log(Math.Max(reader[map[k]], 1e-7)));
        }

        double max = result.Max(), sum = result.Sum(v => Math.Exp(v - max));
        return [.. result.Select(v => (float)(Math.Exp(v - max) / sum))];
    }
}
