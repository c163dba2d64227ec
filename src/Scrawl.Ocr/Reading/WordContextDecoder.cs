namespace Scrawl.Ocr;

/// <summary>What kind of symbol a class is, for context decoding.</summary>
public enum SymbolKind
{
    /// <summary>A letter (A–Z, a–z).</summary>
    Letter,

    /// <summary>A digit (0–9).</summary>
    Digit,

    /// <summary>Anything else (punctuation, …): allowed in letter and digit runs alike.</summary>
    Other,
}

/// <summary>
/// Context decoding of handwritten words: O/0, I/1, S/5, Z/2, B/8, G/6, T/7, A/4, D/0 … are decided by the
/// word and its line, from the classifier's full probability vectors, not their top-1 alone.
/// <para>
/// Model. Each character i of a word has a hidden kind k_i ∈ {letter, digit}; its emission score is
/// q_i(k) = max over the classes of kind k (and of kind Other) of p_i(class). Kinds follow a two-state
/// Markov chain inside the word whose switch probability ε (<see cref="WordContextOptions.SwitchProbability"/>)
/// is small, starting from a prior π (neutral unless given). Viterbi finds the kind sequence maximising
/// log π(k_1) + Σ log q_i(k_i) + (number of switches) · log ε; each character then takes the best class of
/// its kind. So a word that is mostly letters reads as letters ("T0" → "TO"), mostly digits as digits
/// ("2O1" → "201"), and a character whose own evidence beats the switch cost by far keeps its top-1 (mixed
/// words stay possible when the classifier is confident).
/// </para>
/// <para>
/// Context is per word, not per line. A word of two or more characters is decoded on its own with a neutral prior
/// (its letters and digits are its own evidence). One-character words are genuinely ambiguous alone, so a run of
/// consecutive one-character words ("A B C D", "1 2 3 4") is decoded as one sequence by the same model with a
/// larger switch probability (<see cref="WordContextOptions.RunSwitchProbability"/>): the run's confident symbols
/// decide its ambiguous ones. A one-character word standing alone between longer words or at the start of a line
/// (a list number "1", "2", or "A", "I") has no such evidence and keeps its own most probable class, so a list
/// number is not turned into a letter by the words after it.
/// </para>
/// </summary>
public static class WordContextDecoder
{
    /// <summary>The kind of each class name: a single letter, a single digit, or other.</summary>
    public static SymbolKind[] Kinds(IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        return [.. classNames.Select(n => n.Length == 1 && char.IsAsciiLetter(n[0]) ? SymbolKind.Letter
            : n.Length == 1 && char.IsAsciiDigit(n[0]) ? SymbolKind.Digit : SymbolKind.Other)];
    }

    /// <summary>
    /// The chosen class index of every character of every word of one line: <paramref name="line"/> holds the
    /// words left to right, each word its characters' probability vectors (over classes of the given <paramref name="kinds"/>).
    /// Words of two or more characters are decoded on their own; a run of consecutive one-character words is decoded
    /// as one sequence (switch probability <see cref="WordContextOptions.RunSwitchProbability"/>); a one-character word
    /// between longer words (a list number, "A", "I") keeps its own top-1.
    /// </summary>
    public static int[][] DecodeLine(IReadOnlyList<IReadOnlyList<float[]>> line, IReadOnlyList<SymbolKind> kinds, WordContextOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(kinds);
        options ??= new WordContextOptions();
        options.Validate();
        var result = new int[line.Count][];
        for (int w = 0; w < line.Count; w++)
        {
            if (line[w].Count != 1)
            {
                result[w] = Decode(line[w], kinds, 0, options.SwitchProbability, options.Floor);
                continue;
            }

            int end = w;
            while (end + 1 < line.Count && line[end + 1].Count == 1)
            {
                end++;
            }

            var run = Decode([.. line.Skip(w).Take(end - w + 1).Select(x => x[0])], kinds, 0, options.RunSwitchProbability, options.Floor);
            for (int k = w; k <= end; k++)
            {
                result[k] = [run[k - w]];
            }

            w = end;
        }

        return result;
    }

    /// <summary>The chosen class index of each character of one word, given the prior log-odds of letters vs digits for its first character, <paramref name="priorLetterLogOdds"/> (0: neutral).</summary>
    public static int[] DecodeWord(IReadOnlyList<float[]> word, IReadOnlyList<SymbolKind> kinds, double priorLetterLogOdds, WordContextOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(word);
        ArgumentNullException.ThrowIfNull(kinds);
        options ??= new WordContextOptions();
        options.Validate();
        return Decode(word, kinds, priorLetterLogOdds, options.SwitchProbability, options.Floor);
    }

    /// <summary>Viterbi over the kinds of a character sequence (see the class remarks).</summary>
    private static int[] Decode(IReadOnlyList<float[]> word, IReadOnlyList<SymbolKind> kinds, double priorLetterLogOdds, double switchProbability, double floor)
    {
        int n = word.Count;
        if (n == 0)
        {
            return [];
        }

        // Viterbi over two states: 0 = letter, 1 = digit.
        double stay = Math.Log(1 - switchProbability), change = Math.Log(switchProbability);
        var score = new double[n, 2];
        var from = new int[n, 2];
        var best = new int[n, 2];
        double half = priorLetterLogOdds / 2;
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < 2; k++)
            {
                var (index, p) = BestOfKind(word[i], kinds, k == 0 ? SymbolKind.Letter : SymbolKind.Digit);
                best[i, k] = index;
                double emission = Math.Log(Math.Max(p, floor));
                if (i == 0)
                {
                    score[0, k] = (k == 0 ? half : -half) + emission;
                    continue;
                }

                double viaSame = score[i - 1, k] + stay, viaOther = score[i - 1, 1 - k] + change;
                from[i, k] = viaSame >= viaOther ? k : 1 - k;
                score[i, k] = Math.Max(viaSame, viaOther) + emission;
            }
        }

        var chosen = new int[n];
        int state = score[n - 1, 0] >= score[n - 1, 1] ? 0 : 1;
        for (int i = n - 1; i >= 0; i--)
        {
            chosen[i] = best[i, state];
            state = i > 0 ? from[i, state] : state;
        }

        return chosen;
    }

    /// <summary>Σ over the word's characters of log q(letter) − log q(digit): positive when the word reads better as letters.</summary>
    public static double LetterLogOdds(IReadOnlyList<float[]> word, IReadOnlyList<SymbolKind> kinds, double floor = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(word);
        double sum = 0;
        foreach (var p in word)
        {
            sum += Math.Log(Math.Max(BestOfKind(p, kinds, SymbolKind.Letter).P, floor)) - Math.Log(Math.Max(BestOfKind(p, kinds, SymbolKind.Digit).P, floor));
        }

        return sum;
    }

    /// <summary>The most probable class of kind <paramref name="kind"/> or <see cref="SymbolKind.Other"/> (the overall top-1 when the model has no class of that kind).</summary>
    private static (int Index, double P) BestOfKind(float[] p, IReadOnlyList<SymbolKind> kinds, SymbolKind kind)
    {
        if (p.Length != kinds.Count)
        {
            throw new ArgumentException($"A probability vector has {p.Length} values for {kinds.Count} classes.", nameof(p));
        }

        int best = -1, top = 0;
        for (int c = 0; c < p.Length; c++)
        {
            if (p[c] > p[top])
            {
                top = c;
            }

            if ((kinds[c] == kind || kinds[c] == SymbolKind.Other) && (best < 0 || p[c] > p[best]))
            {
                best = c;
            }
        }

        return best < 0 ? (top, p[top]) : (best, p[best]);
    }
}
