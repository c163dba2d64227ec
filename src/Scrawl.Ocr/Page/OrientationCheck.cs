using Scrawl.Imaging;

namespace Scrawl.Ocr;

/// <summary>The outcome of <see cref="OrientationCheck"/>: the quarter turns that read best and the evidence.</summary>
/// <param name="QuarterTurns">Extra quarter turns (0–3, content counter-clockwise) to apply; 0 keeps the page as it is.</param>
/// <param name="MeanConfidence">Mean top probability of the sampled characters at each of the four turns.</param>
/// <param name="Characters">How many characters were sampled.</param>
public sealed record Orientation(int QuarterTurns, IReadOnlyList<double> MeanConfidence, int Characters);

/// <summary>
/// Which way up a page reads, decided by the classifier: the largest characters found are classified as they are and turned by
/// one, two and three quarter turns (their ink masks turned, then cropped as usual) — the first <see cref="FirstBatch"/> in one batch, the next ones up to <see cref="SecondBatch"/> only when that batch does not already show every turn clearly worse than upright, and the rest only when those do not either. A turn wins only when its
/// characters are read more confidently than as they are by a clear margin — their paired differences in top probability have
/// a mean above zero by at least <see cref="MinStandardErrors"/> standard errors (Student's t at the same level, so a few characters
/// must agree far more clearly than many) — so an upright page, or a short word whose letters touch, is never turned on noise.
/// </summary>
public static class OrientationCheck
{
    /// <summary>How many standard errors the winning turn's mean gain must exceed (a one-sided test at about the 0.1 % level).</summary>
    public const double MinStandardErrors = 3;

    /// <summary>The turn that reads <paramref name="page"/> best with <paramref name="classifier"/>, from at most <paramref name="maxCharacters"/> (≥ 1) characters.</summary>
    public static Orientation Check(OcrPage page, ICharacterClassifier classifier, CropOptions? crops = null, int maxCharacters = 120)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCharacters, 1);
        var sample = page.Characters.Select(c => c.Ink).OrderByDescending(c => c.InkPixels).Take(maxCharacters).ToList();
        if (sample.Count < 3)
        {
            return new Orientation(0, [0, 0, 0, 0], sample.Count);
        }

        // Most pages are upright: a first batch of the largest characters usually shows every turn clearly worse, and the rest is
        // then not worth classifying; a second, larger batch settles most of the others. Otherwise (a turned page, or too little
        // evidence) the whole sample decides.
        double[][] top = [[], [], [], []];
        int done = 0;
        foreach (int limit in (int[])[FirstBatch, SecondBatch, sample.Count])
        {
            int end = Math.Min(limit, sample.Count);
            if (end <= done)
            {
                continue;
            }

            var more = TopProbabilities(sample[done..end], classifier, crops);
            top = [.. top.Zip(more, (a, b) => (double[])[.. a, .. b])];
            done = end;
            if (done < sample.Count && UprightClearlyBest(top))
            {
                break;
            }
        }

        int best = 0;
        double bestGain = 0;
        for (int k = 1; k < 4; k++)
        {
            var (mean, se) = Gain(top[k], top[0]);
            if (mean > bestGain && mean > CriticalValue(MinStandardErrors, top[k].Length - 1) * se)
            {
                (best, bestGain) = (k, mean);
            }
        }

        return new Orientation(best, [.. top.Select(t => t.Average())], top[0].Length);
    }

    /// <summary>How many standard errors below upright every turn must read in the first batch to stop there (symmetric letters such as O, X, S read alike at a half turn, so this is lower than <see cref="MinStandardErrors"/>).</summary>
    public const double StopStandardErrors = 1;

    /// <summary>How many of the largest characters are tried first (see <see cref="Check"/>).</summary>
    public const int FirstBatch = 16;

    /// <summary>How many of the largest characters are tried, in all, when the first batch is not clear (see <see cref="Check"/>).</summary>
    public const int SecondBatch = 40;

    /// <summary>Each character's top probability at each of the four turns: [turn][character], one batch for all.</summary>
    private static double[][] TopProbabilities(List<InkCharacter> sample, ICharacterClassifier classifier, CropOptions? crops)
    {
        var inputs = new FloatImage[4 * sample.Count];
        Parallel.For(0, inputs.Length, i =>
        {
            var c = sample[i % sample.Count];
            inputs[i] = CropPreparation.Prepare(c with { Mask = PagePreparation.Turn(c.Mask, i / sample.Count) }, crops);
        });
        var probabilities = classifier.Classify(inputs);
        var top = new double[4][];
        for (int k = 0; k < 4; k++)
        {
            top[k] = [.. Enumerable.Range(0, sample.Count).Select(i => (double)probabilities[(k * sample.Count) + i].Max())];
        }

        return top;
    }

    /// <summary>
    /// True when every turn reads the first batch worse than upright by more than <see cref="StopStandardErrors"/> standard errors: a turn
    /// could then win on the whole sample only if the remaining, smaller characters read it far better — which a turned page does not do.
    /// </summary>
    private static bool UprightClearlyBest(double[][] top)
    {
        for (int k = 1; k < 4; k++)
        {
            var (mean, se) = Gain(top[k], top[0]);
            if (!(mean < -StopStandardErrors * se))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The one-sided critical value of Student's t with <paramref name="degreesOfFreedom"/> (≥ 1) at the level where the normal's is
    /// <paramref name="z"/> (0–6): the Cornish–Fisher expansion to the fourth order, within 1 % of the exact value from 4 degrees of
    /// freedom on and below it for fewer (where it is still far beyond any gain a handful of characters shows).
    /// </summary>
    public static double CriticalValue(double z, int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(z);
        double v = degreesOfFreedom, z2 = z * z;
        double g1 = z * (z2 + 1) / 4;
        double g2 = z * ((((5 * z2) + 16) * z2) + 3) / 96;
        double g3 = z * ((((((3 * z2) + 19) * z2) + 17) * z2) - 15) / 384;
        double g4 = z * ((((((((79 * z2) + 776) * z2) + 1482) * z2) - 1920) * z2) - 945) / 92160;
        return z + (g1 / v) + (g2 / (v * v)) + (g3 / (v * v * v)) + (g4 / (v * v * v * v));
    }

    /// <summary>The mean of the paired differences turned − upright and its standard error.</summary>
    private static (double Mean, double StandardError) Gain(double[] turned, double[] upright)
    {
        var d = turned.Zip(upright, (a, b) => a - b).ToArray();
        double mean = d.Average();
        double sd = Math.Sqrt(d.Sum(v => (v - mean) * (v - mean)) / (d.Length - 1));
        return (mean, sd / Math.Sqrt(d.Length));
    }
}
