using System.Numerics.Tensors;
using Scrawl.Imaging;

namespace Scrawl.Ocr.Segmentation;

/// <summary>
/// Segmentation by recognition (issue #16). The finder's characters are a first guess; a character whose width is far beyond what its
/// class is written at on this line, or that the classifier is unsure of, is cut into pieces along seams (<see cref="InkCuts"/>), and
/// neighbouring pieces that nearly touch may be read together (broken letters). Every run of up to <see cref="RecognitionOptions.MaxPieces"/>
/// consecutive pieces is a candidate character, classified in one batch and scored by its class probabilities and a width prior
/// (<see cref="SegmentationPath.Score"/>): each class's width/height ratio from <see cref="ClassAspects"/>, scaled by the writer's own
/// proportions measured on the line (or page) from the characters read surely. The best path through each word is kept (<see cref="SegmentationPath.Best"/>).
/// A wide letter read surely at its class's width (M, W) is never cut.
/// </summary>
public static class RecognitionSegmenter
{
    /// <summary>
    /// The page re-segmented and each of its characters' probability vectors (reading order). <paramref name="probabilities"/> are the
    /// classifier's vectors for <paramref name="page"/>'s characters in reading order; crops are made with <paramref name="crops"/>.
    /// <paramref name="pageCrops"/> are those characters' crops when the caller has made them already (the segment check reads them too).
    /// </summary>
    public static (OcrPage Page, float[][] Probabilities) Resegment(OcrPage page, float[][] probabilities, ICharacterClassifier classifier, CropOptions crops, RecognitionOptions options, ClassAspects? aspects = null, IReadOnlyList<FloatImage>? pageCrops = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        aspects ??= ClassAspects.Glyphs36;
        var names = classifier.ClassNames;
        var classAspects = names.Select(n => aspects.Of(n)).Select(a => (a.LogMedian, Spread: Math.Max(a.Spread, options.MinAspectSpread))).ToArray();
        var characters = page.Characters.ToList();
        if (pageCrops is not null && pageCrops.Count != characters.Count)
        {
            throw new ArgumentException($"{pageCrops.Count} crops for {characters.Count} characters.", nameof(pageCrops));
        }

        if (characters.Count == 0)
        {
            return (page, probabilities);
        }

        double scale = characters.Sum(c => (double)c.Box.Height + c.Box.Width) / characters.Sum(c => (double)c.Ink.WorkingBox.Height + c.Ink.WorkingBox.Width);
        var lineHeights = page.Lines.Select(l => Median(l.Words.SelectMany(w => w.Characters).Select(c => (double)c.Ink.WorkingBox.Height))).ToArray();
        var offsets = WriterOffsets(page, probabilities, classAspects, lineHeights, options);
        double[]? checkOne = options.Check is { } check ? SegmentCheck.One(check, pageCrops ?? Crops(characters.Select(c => c.Ink).ToList(), crops)) : null;

        // Plan every word: its pieces and candidates; crops still to classify go into one batch.
        var plans = new List<WordPlan>();
        var pending = new List<InkCharacter>();
        int next = 0;
        for (int l = 0; l < page.Lines.Count; l++)
        {
            var expected = classAspects.Select(a => (a.LogMedian + offsets[l], a.Spread)).ToArray();
            foreach (var word in page.Lines[l].Words)
            {
                plans.Add(Plan(word, next, probabilities, checkOne, expected, lineHeights[l], scale, page, options, pending));
                next += word.Characters.Count;
            }
        }

        var pendingCrops = Crops(pending, crops);
        var fresh = pending.Count == 0 ? [] : classifier.Classify(pendingCrops);
        double[]? freshOne = options.Check is { } again ? SegmentCheck.One(again, pendingCrops) : null;
        var outProbabilities = new List<float[]>(characters.Count);
        var lines = new List<OcrLine>(page.Lines.Count);
        int w = 0;
        foreach (var line in page.Lines)
        {
            var words = new List<OcrWord>(line.Words.Count);
            foreach (var _ in line.Words)
            {
                var plan = plans[w++];
                var scored = plan.Candidates.Select(c =>
                {
                    var p = c.Original >= 0 ? probabilities[c.Original] : fresh[c.Pending];
                    double cut = c.End < plan.Origins.Length && plan.Origins[c.End] == plan.Origins[c.End - 1] ? options.CutCost : 0;
                    double one = checkOne is null ? 0 : options.CheckWeight * Math.Log(Math.Max(c.Original >= 0 ? checkOne[c.Original] : freshOne![c.Pending], 1e-4));
                    return new SegmentCandidate(c.Start, c.End, SegmentationPath.Score(p, Math.Max(1, c.Ink.WorkingBox.Width) / plan.Height, plan.Expected).Score - cut + one);
                }).ToList();
                var chosen = SegmentationPath.Best(plan.Pieces, scored, options.CharacterBonus).Select(i => plan.Candidates[i]).ToList();
                var chars = chosen.Select(c => c.Original >= 0 ? characters[c.Original] : new OcrCharacter(c.Ink.Box, c.Ink)).ToList();
                outProbabilities.AddRange(chosen.Select(c => c.Original >= 0 ? probabilities[c.Original] : fresh[c.Pending]));
                words.Add(new OcrWord(PixelBox.Enclosing(chars.Select(c => c.Box)), chars));
            }

            lines.Add(new OcrLine(PixelBox.Enclosing(words.Select(x => x.Box)), words));
        }

        return (new OcrPage(page.Height, page.Width, lines), [.. outProbabilities]);
    }

    /// <summary>ln of how much wider than glyphs36 the writer writes, per line: the median of ln(width / height) − μ(top class) over the characters read surely (the line's own when it has 4, else the page's when it has 3, else 0).</summary>
    private static double[] WriterOffsets(OcrPage page, float[][] probabilities, (double LogMedian, double Spread)[] classAspects, double[] lineHeights, RecognitionOptions options)
    {
        var perLine = new List<double>[page.Lines.Count];
        int i = 0;
        for (int l = 0; l < page.Lines.Count; l++)
        {
            perLine[l] = [];
            foreach (var c in page.Lines[l].Words.SelectMany(w => w.Characters))
            {
                var p = probabilities[i++];
                int top = TensorPrimitives.IndexOfMax(p);
                double r = Math.Log(Math.Max(1, c.Ink.WorkingBox.Width) / lineHeights[l]) - classAspects[top].LogMedian;
                if (p[top] >= options.WriterConfidence && Math.Abs(r) <= 0.7)
                {
                    perLine[l].Add(r);
                }
            }
        }

        var all = perLine.SelectMany(x => x).ToList();
        double pageOffset = all.Count >= 3 ? Median(all) : 0;
        return [.. perLine.Select(x => x.Count >= 4 ? Median(x) : pageOffset)];
    }

    private static WordPlan Plan(OcrWord word, int first, float[][] probabilities, double[]? checkOne, (double LogMedian, double Spread)[] expected, double height, double scale, OcrPage page, RecognitionOptions options, List<InkCharacter> pending)
    {
        double widest = Math.Exp(expected.Max(e => e.LogMedian)) * height, typical = Math.Exp(Median(expected.Select(e => e.LogMedian))) * height;
        var pieces = new List<(PixelBox Box, BinaryImage Mask, int Original)>();
        var origins = new List<int>();
        for (int k = 0; k < word.Characters.Count; k++)
        {
            var ink = word.Characters[k].Ink;
            var p = probabilities[first + k];
            int top = TensorPrimitives.IndexOfMax(p);
            double ratio = ink.WorkingBox.Width / (Math.Exp(expected[top].LogMedian) * height);
            bool doubted = checkOne is not null && checkOne[first + k] < options.CheckSuspicious;
            bool suspicious = (ratio > options.SuspiciousWidth && ink.WorkingBox.Width > 1.25 * widest) || ((p[top] < options.SuspiciousConfidence || doubted) && ink.WorkingBox.Width > typical);
            var parts = suspicious ? Cut(ink, typical, height) : [];
            if (parts.Count < 2)
            {
                pieces.Add((ink.WorkingBox, ink.Mask, first + k));
                origins.Add(k);
                continue;
            }

            pieces.AddRange(parts.Select(x => (x.Box, x.Mask, -1)));
            origins.AddRange(parts.Select(_ => k));
        }

        var candidates = new List<Candidate>();
        for (int s = 0; s < pieces.Count; s++)
        {
            // A cut character stays a candidate whole, however many pieces it was cut into.
            int own = s;
            while (own < pieces.Count && origins[own] == origins[s])
            {
                own++;
            }

            bool cutStart = pieces[s].Original < 0 && (s == 0 || origins[s - 1] != origins[s]);
            if (cutStart)
            {
                candidates.Add(new Candidate(s, own, first + origins[s], -1, word.Characters[origins[s]].Ink));
            }

            for (int e = s + 1; e <= Math.Min(pieces.Count, s + options.MaxPieces); e++)
            {
                // Pieces of different characters join only whole (a broken letter); a cut piece joins only its own blob's pieces.
                bool mixed = origins[e - 1] != origins[s] && (pieces[e - 1].Original < 0 || pieces[e - 2].Original < 0);
                if (e - s > 1 && (mixed || pieces[e - 1].Box.Left - pieces[e - 2].Box.Right > options.MaxMergeGap * height
                    || PixelBox.Enclosing(pieces.Skip(s).Take(e - s).Select(x => x.Box)).Width > options.MaxWidth * widest))
                {
                    break;
                }

                if (cutStart && e == own)
                {
                    continue;
                }

                if (e - s == 1 && pieces[s].Original >= 0)
                {
                    candidates.Add(new Candidate(s, e, pieces[s].Original, -1, word.Characters[pieces[s].Original - first].Ink));
                    continue;
                }

                var (box, mask) = InkCuts.Union([.. pieces.Skip(s).Take(e - s).Select(x => (x.Box, x.Mask))]);
                var ink = new InkCharacter(box.Scaled(scale, page.Height, page.Width), box, mask);
                candidates.Add(new Candidate(s, e, -1, pending.Count, ink));
                pending.Add(ink);
            }
        }

        return new WordPlan(pieces.Count, [.. origins], candidates, expected, height);
    }

    /// <summary>The pieces of a suspicious character cut along seams from its candidate columns (working coordinates).</summary>
    private static List<(PixelBox Box, BinaryImage Mask)> Cut(InkCharacter ink, double typicalWidth, double height)
    {
        // Cuts closer than a stroke and a half would slice one stroke twice; a piece narrower than a stroke is no character.
        double stroke = CropPreparation.StrokeWidth(ink.Mask);
        int spacing = Math.Max(2, (int)Math.Round(Math.Max(1.5 * stroke, 0.08 * height))), margin = Math.Max(2, (int)Math.Round(stroke));
        var columns = InkCuts.Columns(ink.Mask, spacing, margin);
        if (columns.Length == 0)
        {
            return [];
        }

        int reach = Math.Max(2, spacing / 2);
        var seams = columns.Select(x => InkCuts.Seam(ink.Mask, x, reach)).ToList();
        return InkCuts.Pieces(ink.WorkingBox, ink.Mask, seams);
    }

    private static FloatImage[] Crops(List<InkCharacter> characters, CropOptions crops)
    {
        var result = new FloatImage[characters.Count];
        Parallel.For(0, result.Length, i => result[i] = CropPreparation.Prepare(characters[i], crops));
        return result;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 1 : sorted[sorted.Length / 2];
    }

    private sealed record Candidate(int Start, int End, int Original, int Pending, InkCharacter Ink);

    private sealed record WordPlan(int Pieces, int[] Origins, List<Candidate> Candidates, (double LogMedian, double Spread)[] Expected, double Height);
}
