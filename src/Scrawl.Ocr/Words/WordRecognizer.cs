using Scrawl.Imaging;
using Scrawl.Ocr.Segmentation;

namespace Scrawl.Ocr.Words;

/// <summary>Settings of <see cref="WordRecognizer"/>.</summary>
public sealed record WordReadingOptions
{
    /// <summary>The word reader (its classes must be the character classifier's, in any order).</summary>
    public required WordReader Reader { get; init; }

    /// <summary>
    /// Exponent (≥ 0) of the reader's probabilities in the vote on a character the finder already separated (the classifier's has 1). Default 0.5:
    /// with the shipped word reader (width 24, held-out CER 13.2 %) the robustness benchmark reads 0.83–0.86 % at 0 and 0.66–0.76 % at 0.5; with
    /// the earlier, weaker reader any weight read worse (1.07 % at 0, 1.14 % at 0.5).
    /// </summary>
    public double ReaderWeight { get; init; } = 0.5;

    /// <summary>Exponent (≥ 0) of the classifier's probabilities in the vote on the pieces of a cut (the reader's has 1): a seam through overlapping letters leaves crops the classifier reads poorly.</summary>
    public double CutClassifierWeight { get; init; }

    /// <summary>The segment check (<see cref="SegmentCheck"/>); when given, a page character is cut only when it puts p(one character) below <see cref="MaxCutOne"/>.</summary>
    public ICharacterClassifier? Check { get; init; }

    /// <summary>With <see cref="Check"/>: join the page characters that lie within one reader character's span (a broken letter, <see cref="WordMerges"/>) when the check puts p(one character) of their union at or above <see cref="MaxCutOne"/>.</summary>
    public bool JoinBroken { get; init; } = true;

    /// <summary>With <see cref="Check"/>: the p(one character) (in [0, 1]) below which a page character may be cut.</summary>
    public double MaxCutOne { get; init; } = 0.5;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Reader);
        if (!(ReaderWeight >= 0) || !(CutClassifierWeight >= 0) || double.IsInfinity(ReaderWeight + CutClassifierWeight))
        {
            throw new ArgumentOutOfRangeException(nameof(ReaderWeight), "ReaderWeight and CutClassifierWeight must be finite numbers ≥ 0.");
        }

        if (!(MaxCutOne is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxCutOne), MaxCutOne, "MaxCutOne must be in [0, 1].");
        }
    }
}

/// <summary>
/// Reads every word of a page a second time, whole, with the <see cref="WordReader"/> (issue #16). Each character the reader finds is
/// assigned to the page's character whose columns overlap its span most. A page character given one reader character (or none) keeps its ink
/// and, by default, the classifier's reading (<see cref="WordReadingOptions.ReaderWeight"/> lets the reader vote: the normalised product of
/// both probabilities, each to its weight); one given several, and doubted by the segment check, is cut along least-ink seams
/// (<see cref="InkCuts"/>) at the reader's boundaries into as many pieces, each named by the reader (<see cref="WordReadingOptions.CutClassifierWeight"/>
/// lets the classifier of the pieces vote). Characters apart stay
/// as the finder separated them; touching and overlapping letters are counted by a model that saw whole words.
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

        // Per page character: the reader's characters assigned to it, and the pieces of a cut where it was given several.
        var plans = new List<(int Character, WordCharacter[] Reading, List<(PixelBox Box, BinaryImage Mask)>? Pieces)>(characters.Count);
        var joins = new List<(int Word, int First, int Count, WordCharacter Reading, InkCharacter Ink)>();
        int index = 0;
        for (int w = 0; w < words.Count; w++)
        {
            var assigned = Assign(words[w], unions[w].Box, read[w]);
            if (options.JoinBroken && options.Check is not null)
            {
                joins.AddRange(WordMerges.Candidates(words[w], unions[w].Box, read[w], assigned)
                    .Select(m => (w, m.First, m.Count, m.Reading, WordMerges.Join(words[w], m.First, m.Count, scale, page.Height, page.Width))));
            }

            for (int k = 0; k < words[w].Characters.Count; k++, index++)
            {
                var reading = assigned[k];
                plans.Add((index, reading, reading.Length > 1 ? Cut(words[w].Characters[k].Ink, unions[w].Box, reading) : null));
            }
        }

        if (options.Check is { } check && plans.Any(p => p.Pieces is not null))
        {
            // Cut only what the segment check doubts is one character.
            var cut = plans.Select((p, i) => (p, i)).Where(x => x.p.Pieces is not null).ToList();
            var one = SegmentCheck.One(check, [.. cut.Select(x => CropPreparation.Prepare(characters[x.p.Character].Ink, crops))]);
            for (int j = 0; j < cut.Count; j++)
            {
                if (one[j] >= options.MaxCutOne)
                {
                    plans[cut[j].i] = (cut[j].p.Character, cut[j].p.Reading, null);
                }
            }
        }

        // Join only what the segment check takes for one character; the classifier and the reader vote on it.
        var joined = new Dictionary<(int Word, int First), (int Count, float[] Probabilities, InkCharacter Ink)>();
        if (joins.Count > 0)
        {
            var joinCrops = joins.Select(j => CropPreparation.Prepare(j.Ink, crops)).ToArray();
            var one = SegmentCheck.One(options.Check!, joinCrops);
            var kept = Enumerable.Range(0, joins.Count).Where(j => one[j] >= options.MaxCutOne).ToList();
            var joinProbabilities = kept.Count > 0 ? classifier.Classify([.. kept.Select(j => joinCrops[j])]) : [];
            for (int j = 0; j < kept.Count; j++)
            {
                var x = joins[kept[j]];
                joined[(x.Word, x.First)] = (x.Count, Vote(joinProbabilities[j], x.Reading.Probabilities, map, 1, 1), x.Ink);
            }
        }

        // The pieces, in reading order; the classifier reads them only when it has a say in their vote.
        var pending = plans.Where(p => p.Pieces is not null)
            .SelectMany(p => p.Pieces!.Select(x => new InkCharacter(x.Box.Scaled(scale, page.Height, page.Width), x.Box, x.Mask))).ToList();
        var fresh = options.CutClassifierWeight > 0 && pending.Count > 0
            ? classifier.Classify([.. pending.Select(c => CropPreparation.Prepare(c, crops))])
            : [.. pending.Select(_ => new float[classifier.ClassNames.Count])];
        var outProbabilities = new List<float[]>(characters.Count);
        var lines = new List<OcrLine>(page.Lines.Count);
        int plan = 0, nextFresh = 0, wordIndex = 0;
        foreach (var line in page.Lines)
        {
            var outWords = new List<OcrWord>(line.Words.Count);
            foreach (var word in line.Words)
            {
                var chars = new List<OcrCharacter>(word.Characters.Count);
                for (int c = 0; c < word.Characters.Count; c++)
                {
                    var character = word.Characters[c];
                    if (joined.TryGetValue((wordIndex, c), out var join))
                    {
                        chars.Add(new OcrCharacter(join.Ink.Box, join.Ink));
                        outProbabilities.Add(join.Probabilities);
                        plan += join.Count;
                        c += join.Count - 1;
                        continue;
                    }

                    var (at, reading, pieces) = plans[plan++];
                    if (pieces is null)
                    {
                        chars.Add(character);
                        outProbabilities.Add(reading.Length == 1 && options.ReaderWeight > 0 ? Vote(probabilities[at], reading[0].Probabilities, map, 1, options.ReaderWeight) : probabilities[at]);
                        continue;
                    }

                    for (int k = 0; k < pieces.Count; k++)
                    {
                        var ink = pending[nextFresh];
                        chars.Add(new OcrCharacter(ink.Box, ink));
                        outProbabilities.Add(Vote(fresh[nextFresh++], reading[k].Probabilities, map, options.CutClassifierWeight, 1));
                    }
                }

                outWords.Add(chars.Count == word.Characters.Count && chars.SequenceEqual(word.Characters) ? word : new OcrWord(PixelBox.Enclosing(chars.Select(c => c.Box)), chars));
                wordIndex++;
            }

            lines.Add(new OcrLine(PixelBox.Enclosing(outWords.Select(x => x.Box)), outWords));
        }

        return (new OcrPage(page.Height, page.Width, lines), [.. outProbabilities]);
    }

    /// <summary>Per character of <paramref name="word"/>, the reader's characters whose span (columns of the word's ink, whose box is <paramref name="box"/>) overlaps it most.</summary>
    private static WordCharacter[][] Assign(OcrWord word, PixelBox box, WordCharacter[] reading)
    {
        var lists = word.Characters.Select(_ => new List<WordCharacter>()).ToArray();
        foreach (var r in reading)
        {
            int best = 0;
            double bestScore = double.NegativeInfinity;
            for (int k = 0; k < lists.Length; k++)
            {
                var ink = word.Characters[k].Ink.WorkingBox;
                int left = ink.Left - box.Left, right = ink.Right - box.Left;
                // Overlap in columns; without any, minus the distance between centres.
                double overlap = Math.Min(right, r.Right) - Math.Max(left, r.Left);
                double score = overlap > 0 ? overlap : -Math.Abs(((left + right) / 2.0) - ((r.Left + r.Right) / 2.0)) - 1e6;
                if (score > bestScore)
                {
                    (best, bestScore) = (k, score);
                }
            }

            lists[best].Add(r);
        }

        return [.. lists.Select(l => l.ToArray())];
    }

    /// <summary>The character's ink cut along seams at the reader's boundaries (word columns → its own), or null unless that gives one piece per reader character.</summary>
    private static List<(PixelBox Box, BinaryImage Mask)>? Cut(InkCharacter ink, PixelBox wordBox, WordCharacter[] reading)
    {
        var mask = ink.Mask;
        if (mask.Width < 2)
        {
            return null;
        }

        int offset = ink.WorkingBox.Left - wordBox.Left;
        int reach = Math.Max(2, (int)Math.Round(0.12 * ink.WorkingBox.Height));
        var seams = reading.Skip(1).Select(c => InkCuts.Seam(mask, Math.Clamp(c.Left - offset, 1, mask.Width - 1), reach)).ToList();
        var pieces = InkCuts.Pieces(ink.WorkingBox, mask, seams);
        return pieces.Count == reading.Length ? pieces : null;
    }

    /// <summary>For each classifier class, the reader's index of the class of the same name; an <see cref="ArgumentException"/> unless both have the same classes.</summary>
    public static int[] ClassMap(IReadOnlyList<string> reader, IReadOnlyList<string> classifier)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(classifier);
        var map = classifier.Select(n => reader.ToList().IndexOf(n)).ToArray();
        if (!SameClasses(reader, classifier))
        {
            throw new ArgumentException($"The word reader reads {reader.Count} classes ({string.Join("", reader.Take(40))}) and the character model {classifier.Count} ({string.Join("", classifier.Take(40))}): they must be the same classes.");
        }

        return map;
    }

    /// <summary>True when a word reader of the classes <paramref name="reader"/> can vote with a classifier of <paramref name="classifier"/>: the same classes, in any order (what <see cref="ClassMap"/> requires).</summary>
    public static bool SameClasses(IReadOnlyList<string> reader, IReadOnlyList<string> classifier)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(classifier);
        return reader.Count == classifier.Count && classifier.All(reader.Contains);
    }

    /// <summary>The normalised product p_classifier^a · p_reader^b (classifier order).</summary>
    internal static float[] Vote(float[] classifier, float[] reader, int[] map, double classifierWeight, double readerWeight)
    {
        var result = new double[classifier.Length];
        for (int k = 0; k < result.Length; k++)
        {
            result[k] = (classifierWeight * Math.Log(Math.Max(classifier[k], 1e-7))) + (readerWeight * Math.Log(Math.Max(reader[map[k]], 1e-7)));
        }

        double max = result.Max(), sum = result.Sum(v => Math.Exp(v - max));
        return [.. result.Select(v => (float)(Math.Exp(v - max) / sum))];
    }
}
