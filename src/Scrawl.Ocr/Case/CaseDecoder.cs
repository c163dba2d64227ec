namespace Scrawl.Ocr.Case;

/// <summary>
/// Mixed-case reading of a classified page. Two steps:
/// <para>
/// <b>Geometry</b> (<see cref="Adjust"/>): per line the baseline, x-height, cap height and descender depth are estimated from the
/// character boxes (<see cref="LineGeometryEstimator"/>); every class probability p(c) of a character is multiplied by how well the
/// character's box fits the class's <see cref="HeightKind"/> on that line (<see cref="LineGeometry.Fit"/>, never less than
/// <see cref="MixedCaseOptions.GeometryFloor"/>) and the vector renormalised. So glyphs that differ only by size (c/C, o/O, s/S, v/V,
/// w/W, x/X, z/Z, and roughly k/K, p/P, u/U, y/Y) are decided by their height against the line, q vs 9 by the descender.
/// </para>
/// <para>
/// <b>Word context</b> (<see cref="DecodeWord"/>): each character is an upper-case letter, a lower-case letter or a digit; a Viterbi over
/// each word finds the likeliest sequence under a word model in which words are lower case, CAPITALS or Capitalised
/// (<see cref="MixedCaseOptions.CapitalisedProbability"/>), other case changes cost <see cref="MixedCaseOptions.CaseSwitchProbability"/>
/// and letter/digit switches <see cref="MixedCaseOptions.DigitSwitchProbability"/>; each character then takes the best class of its state.
/// So l/I/1 follow their word ("lazy", "LIST", "2017").
/// </para>
/// </summary>
public static class CaseDecoder
{
    private enum State
    {
        Upper,
        Lower,
        Digit,
    }

    /// <summary>
    /// The probability vectors of every character of <paramref name="page"/> (reading order, over <paramref name="names"/>), reweighted by their line's
    /// geometry as described on the class; <paramref name="probabilities"/> is not changed.
    /// </summary>
    public static float[][] Adjust(OcrPage page, IReadOnlyList<float[]> probabilities, IReadOnlyList<string> names, MixedCaseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(names);
        options ??= new MixedCaseOptions();
        options.Validate();
        var kinds = HeightKinds.Of(names);
        bool[] evidence = [.. names.Select(n => !(n.Length == 1 && HeightKinds.SizeAmbiguous.Contains(n[0], StringComparison.Ordinal)))];
        var lineBoxes = new List<PixelBox[]>();
        var geometries = new List<LineGeometry>();
        int next = 0;
        foreach (var line in page.Lines)
        {
            var boxes = line.Words.SelectMany(w => w.Characters).Select(c => c.Box).ToArray();
            geometries.Add(LineGeometryEstimator.Estimate(boxes, [.. probabilities.Skip(next).Take(boxes.Length)], kinds, evidence));
            lineBoxes.Add(boxes);
            next += boxes.Length;
        }

        var completed = LineGeometryEstimator.Complete(geometries);
        var result = new float[probabilities.Count][];
        int k = 0;
        for (int l = 0; l < lineBoxes.Count; l++)
        {
            foreach (var box in lineBoxes[l])
            {
                result[k] = Reweigh(probabilities[k], box, completed[l], kinds, options.GeometryFloor);
                k++;
            }
        }

        return result;
    }

    /// <summary>
    /// The chosen class index of every character of every word of one line (<paramref name="line"/>: words left to right, each its characters'
    /// probability vectors): words of two or more characters by <see cref="DecodeWord"/>, and a run of consecutive one-character words
    /// ("1 2 3", "A B C") as one sequence, so its confident symbols decide its ambiguous ones (as <see cref="WordContextDecoder.DecodeLine"/> does).
    /// </summary>
    public static int[][] DecodeLine(IReadOnlyList<IReadOnlyList<float[]>> line, IReadOnlyList<string> names, MixedCaseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(line);
        var result = new int[line.Count][];
        for (int w = 0; w < line.Count; w++)
        {
            if (line[w].Count != 1)
            {
                result[w] = DecodeWord(line[w], names, options);
                continue;
            }

            int end = w;
            while (end + 1 < line.Count && line[end + 1].Count == 1)
            {
                end++;
            }

            var run = DecodeWord([.. line.Skip(w).Take(end - w + 1).Select(x => x[0])], names, options);
            for (int k = w; k <= end; k++)
            {
                result[k] = [run[k - w]];
            }

            w = end;
        }

        return result;
    }

    /// <summary>The chosen class index of each character of one word (its probability vectors over <paramref name="names"/>), by the word case model on the class.</summary>
    public static int[] DecodeWord(IReadOnlyList<float[]> word, IReadOnlyList<string> names, MixedCaseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(word);
        ArgumentNullException.ThrowIfNull(names);
        options ??= new MixedCaseOptions();
        options.Validate();
        int n = word.Count;
        if (n == 0)
        {
            return [];
        }

        var states = names.Select(StateOf).ToArray();
        var score = new double[n, 3];
        var from = new int[n, 3];
        var best = new int[n, 3];
        for (int i = 0; i < n; i++)
        {
            for (int s = 0; s < 3; s++)
            {
                var (index, p) = BestOf(word[i], states, (State)s);
                best[i, s] = index;
                double emission = Math.Log(Math.Max(p, 1e-6));
                if (i == 0)
                {
                    score[0, s] = emission;
                    continue;
                }

                double top = double.NegativeInfinity;
                for (int r = 0; r < 3; r++)
                {
                    double candidate = score[i - 1, r] + Transition((State)r, (State)s, i, options);
                    if (candidate > top)
                    {
                        top = candidate;
                        from[i, s] = r;
                    }
                }

                score[i, s] = top + emission;
            }
        }

        var chosen = new int[n];
        int state = Enumerable.Range(0, 3).MaxBy(s => score[n - 1, s]);
        for (int i = n - 1; i >= 0; i--)
        {
            chosen[i] = best[i, state];
            state = from[i, state];
        }

        return chosen;
    }

    /// <summary>The log-probability of going from <paramref name="a"/> at position <paramref name="i"/> − 1 to <paramref name="b"/> at <paramref name="i"/> (≥ 1).</summary>
    private static double Transition(State a, State b, int i, MixedCaseOptions options)
    {
        if ((a == State.Digit) != (b == State.Digit))
        {
            return Math.Log(options.DigitSwitchProbability);
        }

        if (a == State.Digit)
        {
            return Math.Log(1 - options.DigitSwitchProbability);
        }

        if (i == 1 && a == State.Upper)
        {
            return Math.Log(b == State.Lower ? options.CapitalisedProbability : 1 - options.CapitalisedProbability);
        }

        return Math.Log(a == b ? 1 - options.CaseSwitchProbability : options.CaseSwitchProbability);
    }

    private static float[] Reweigh(float[] p, PixelBox box, LineGeometry line, HeightKind[] kinds, double floor)
    {
        var q = new float[p.Length];
        var fit = new double[Enum.GetValues<HeightKind>().Length];
        foreach (var kind in Enum.GetValues<HeightKind>())
        {
            fit[(int)kind] = Math.Max(floor, line.Fit(box, kind));
        }

        double sum = 0;
        for (int c = 0; c < p.Length; c++)
        {
            q[c] = (float)(p[c] * fit[(int)kinds[c]]);
            sum += q[c];
        }

        if (sum <= 0)
        {
            return (float[])p.Clone();
        }

        for (int c = 0; c < q.Length; c++)
        {
            q[c] = (float)(q[c] / sum);
        }

        return q;
    }

    private static State? StateOf(string name) => name.Length != 1 ? null
        : char.IsAsciiLetterUpper(name[0]) ? State.Upper
        : char.IsAsciiLetterLower(name[0]) ? State.Lower
        : char.IsAsciiDigit(name[0]) ? State.Digit : null;

    /// <summary>The most probable class of <paramref name="state"/> or of no state (punctuation is allowed anywhere).</summary>
    private static (int Index, double P) BestOf(float[] p, State?[] states, State state)
    {
        int index = -1;
        double top = -1;
        for (int c = 0; c < p.Length; c++)
        {
            if ((states[c] is null || states[c] == state) && p[c] > top)
            {
                index = c;
                top = p[c];
            }
        }

        return index < 0 ? (System.Numerics.Tensors.TensorPrimitives.IndexOfMax(p), 0) : (index, top);
    }
}
