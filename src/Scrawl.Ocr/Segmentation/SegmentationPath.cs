namespace Scrawl.Ocr.Segmentation;

/// <summary>One candidate character of a word: atoms [<paramref name="Start"/>, <paramref name="End"/>) taken together, and its score (a log-probability, ≤ 0 usually).</summary>
/// <param name="Start">First atom (≥ 0).</param>
/// <param name="End">One past the last atom (&gt; Start).</param>
/// <param name="Score">ln p(class | crop) + ln prior(width | class), maximised over classes (<see cref="SegmentationPath.Score"/>).</param>
public readonly record struct SegmentCandidate(int Start, int End, double Score);

/// <summary>
/// Segmentation by recognition, the search: a word is a row of atoms (ink pieces cut at candidate places); a segmentation is a path that
/// covers the atoms with consecutive candidates; its score is the sum of the candidates' scores plus <c>bonus</c> per character. Dynamic
/// programming finds the best path exactly (O(candidates)).
/// </summary>
public static class SegmentationPath
{
    /// <summary>How much wider (×) the width prior's spread is on the narrow side: characters are written narrow more freely than wide, while two characters read as one are always too wide.</summary>
    public const double NarrowSpread = 1.5;

    /// <summary>
    /// The candidates (indices into <paramref name="candidates"/>, left to right) of the best path over atoms 0..<paramref name="atoms"/>−1,
    /// each character adding <paramref name="bonus"/>; ties keep the path found first (fewer, earlier-listed candidates). Every atom must be
    /// covered by some path: otherwise an <see cref="ArgumentException"/>.
    /// </summary>
    public static int[] Best(int atoms, IReadOnlyList<SegmentCandidate> candidates, double bonus = 0)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfLessThan(atoms, 0);
        var best = new double[atoms + 1];
        var via = new int[atoms + 1];
        Array.Fill(best, double.NegativeInfinity);
        Array.Fill(via, -1);
        best[0] = 0;
        var byEnd = Enumerable.Range(0, candidates.Count).OrderBy(i => candidates[i].End).ThenBy(i => i).ToArray();
        foreach (int i in byEnd)
        {
            var c = candidates[i];
            if (c.Start < 0 || c.End > atoms || c.End <= c.Start)
            {
                throw new ArgumentException($"Candidate {i} covers atoms [{c.Start}, {c.End}) outside 0..{atoms}.", nameof(candidates));
            }

            double total = best[c.Start] + c.Score + bonus;
            if (total > best[c.End])
            {
                best[c.End] = total;
                via[c.End] = i;
            }
        }

        if (atoms > 0 && via[atoms] < 0)
        {
            throw new ArgumentException($"No path of candidates covers all {atoms} atoms.", nameof(candidates));
        }

        var path = new List<int>();
        for (int at = atoms; at > 0; at = candidates[via[at]].Start)
        {
            path.Add(via[at]);
        }

        path.Reverse();
        return [.. path];
    }

    /// <summary>
    /// The score of one candidate crop: max over classes c of ln max(p_c, <paramref name="floor"/>) − (ln <paramref name="aspect"/> − μ_c)² / (2 σ_c²),
    /// where (μ_c, σ_c) = <paramref name="expected"/>[c] is the class's expected ln(width / height) on this line and its spread (&gt; 0; × <see cref="NarrowSpread"/> below μ_c);
    /// <paramref name="aspect"/> (&gt; 0) is the crop's width over the line's character height. Returns the score and the class that gives it.
    /// </summary>
    public static (double Score, int Class) Score(ReadOnlySpan<float> probabilities, double aspect, IReadOnlyList<(double LogMedian, double Spread)> expected, double floor = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (probabilities.Length != expected.Count)
        {
            throw new ArgumentException($"{probabilities.Length} probabilities for {expected.Count} classes.", nameof(probabilities));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(aspect);
        double logAspect = Math.Log(aspect), best = double.NegativeInfinity;
        int which = 0;
        for (int c = 0; c < probabilities.Length; c++)
        {
            double d = (logAspect - expected[c].LogMedian) / (logAspect < expected[c].LogMedian ? NarrowSpread * expected[c].Spread : expected[c].Spread);
            double s = Math.Log(Math.Max(probabilities[c], floor)) - (d * d / 2);
            if (s > best)
            {
                best = s;
                which = c;
            }
        }

        return (best, which);
    }
}
