namespace Scrawl.Ocr;

/// <summary>
/// Errors of a read text against its ground truth: the read lines are first aligned to the truth lines in order
/// (<see cref="Align"/>: a dynamic programme over pair, spurious and missing moves), so one spurious or missing
/// line costs only its own characters; per aligned pair the character errors are the edit distance between the
/// two lines reduced to A–Z/0–9 (upper-cased; spaces and punctuation ignored; <see cref="CaseScoring.Sensitive"/> keeps a–z as written), the word errors the edit distance
/// between their word lists (each word reduced the same way; words left empty dropped). A spurious (read, not in
/// the truth) or missing (in the truth, not read) line counts all its characters and words as errors.
/// </summary>
/// <param name="CharacterErrors">Summed character edit distance (≥ 0).</param>
/// <param name="Characters">Ground-truth characters counted (≥ 0).</param>
/// <param name="WordErrors">Summed word edit distance (≥ 0).</param>
/// <param name="Words">Ground-truth words counted (≥ 0).</param>
/// <param name="LinesRight">Lines read exactly right: aligned pairs with the same reduced characters and word breaks (≥ 0).</param>
/// <param name="Lines">Aligned pairs + spurious + missing lines (≥ max(truth, read lines)): a spurious line is a wrong line.</param>
/// <param name="TruthLineCount">Number of ground-truth lines (≥ 0).</param>
/// <param name="ReadLineCount">Number of read lines (≥ 0).</param>
/// <param name="SpuriousLines">Read lines aligned to no truth line (≥ 0).</param>
/// <param name="MissingLines">Truth lines aligned to no read line (≥ 0).</param>
public sealed record TextScore(int CharacterErrors, int Characters, int WordErrors, int Words, int LinesRight, int Lines, int TruthLineCount, int ReadLineCount,
    int SpuriousLines = 0, int MissingLines = 0)
{
    /// <summary>The score of nothing against nothing (all counts 0).</summary>
    public static TextScore Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Character error rate in [0, ∞) (0 when there are no ground-truth characters and no errors).</summary>
    public double CharacterErrorRate => Rate(CharacterErrors, Characters);

    /// <summary>Word error rate in [0, ∞).</summary>
    public double WordErrorRate => Rate(WordErrors, Words);

    /// <summary>True when the read text has as many lines as the ground truth.</summary>
    public bool LineCountRight => TruthLineCount == ReadLineCount;

    /// <summary>The sums of two scores (for an overall figure).</summary>
    public TextScore Add(TextScore other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(CharacterErrors + other.CharacterErrors, Characters + other.Characters, WordErrors + other.WordErrors, Words + other.Words,
            LinesRight + other.LinesRight, Lines + other.Lines, TruthLineCount + other.TruthLineCount, ReadLineCount + other.ReadLineCount,
            SpuriousLines + other.SpuriousLines, MissingLines + other.MissingLines);
    }

    /// <summary>The score of <paramref name="read"/> against <paramref name="truth"/> (texts with one line per text line; blank lines ignored), case folded.</summary>
    public static TextScore Compute(string truth, string read) => Compute(truth, read, CaseScoring.Folded);

    /// <summary>The score of <paramref name="read"/> against <paramref name="truth"/>, letter case folded or kept as <paramref name="scoring"/> says.</summary>
    public static TextScore Compute(string truth, string read, CaseScoring scoring)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(read);
        var t = SplitLines(truth, scoring);
        var r = SplitLines(read, scoring);
        int ce = 0, cn = 0, we = 0, wn = 0, right = 0, spurious = 0, missing = 0;
        foreach (var (ti, ri) in Align(t, r))
        {
            var tw = ti >= 0 ? t[ti] : [];
            var rw = ri >= 0 ? r[ri] : [];
            string tc = string.Concat(tw), rc = string.Concat(rw);
            ce += EditDistance(tc.AsSpan(), rc.AsSpan());
            cn += tc.Length;
            we += EditDistance<string>(tw, rw);
            wn += tw.Length;
            right += ti >= 0 && ri >= 0 && tw.SequenceEqual(rw) ? 1 : 0;
            spurious += ti < 0 ? 1 : 0;
            missing += ri < 0 ? 1 : 0;
        }

        return new(ce, cn, we, wn, right, t.Count + spurious, t.Count, r.Count, spurious, missing);
    }

    /// <summary>
    /// The in-order alignment of read lines to truth lines (each a list of reduced words) that minimises the character
    /// errors: pairing truth line i with read line j costs their edit distance, a spurious read line its own characters,
    /// a missing truth line its own characters; ties prefer pairing. Returns (truth index or −1, read index or −1) in order.
    /// </summary>
    public static IReadOnlyList<(int Truth, int Read)> Align(IReadOnlyList<string[]> truth, IReadOnlyList<string[]> read)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(read);
        int n = truth.Count, m = read.Count;
        var t = truth.Select(w => string.Concat(w)).ToArray();
        var r = read.Select(w => string.Concat(w)).ToArray();
        var cost = new int[n + 1, m + 1];
        for (int i = 0; i <= n; i++)
        {
            for (int j = 0; j <= m; j++)
            {
                cost[i, j] = i == 0 && j == 0 ? 0 : int.MaxValue;
                if (i > 0 && j > 0)
                {
                    cost[i, j] = cost[i - 1, j - 1] + EditDistance(t[i - 1].AsSpan(), r[j - 1].AsSpan());
                }

                if (i > 0)
                {
                    cost[i, j] = Math.Min(cost[i, j], cost[i - 1, j] + t[i - 1].Length);
                }

                if (j > 0)
                {
                    cost[i, j] = Math.Min(cost[i, j], cost[i, j - 1] + r[j - 1].Length);
                }
            }
        }

        var path = new List<(int Truth, int Read)>(n + m);
        for (int i = n, j = m; i > 0 || j > 0;)
        {
            if (i > 0 && j > 0 && cost[i, j] == cost[i - 1, j - 1] + EditDistance(t[i - 1].AsSpan(), r[j - 1].AsSpan()))
            {
                path.Add((--i, --j));
            }
            else if (i > 0 && cost[i, j] == cost[i - 1, j] + t[i - 1].Length)
            {
                path.Add((--i, -1));
            }
            else
            {
                path.Add((-1, --j));
            }
        }

        path.Reverse();
        return path;
    }

    /// <summary>The lines of <paramref name="text"/> as lists of reduced words (blank lines dropped), as the score sees them.</summary>
    public static IReadOnlyList<string[]> ReducedLines(string text) => ReducedLines(text, CaseScoring.Folded);

    /// <summary>The lines of <paramref name="text"/> as lists of words reduced as <paramref name="scoring"/> says (blank lines dropped).</summary>
    public static IReadOnlyList<string[]> ReducedLines(string text, CaseScoring scoring)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SplitLines(text, scoring);
    }

    /// <summary>A word reduced to upper-case A–Z and 0–9.</summary>
    public static string Reduce(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return string.Concat(word.ToUpperInvariant().Where(ch => char.IsAsciiLetterUpper(ch) || char.IsAsciiDigit(ch)));
    }

    /// <summary>A word reduced as <paramref name="scoring"/> says: upper-cased A–Z and 0–9 (folded), or A–Z, a–z and 0–9 as written (sensitive).</summary>
    public static string Reduce(string word, CaseScoring scoring)
    {
        ArgumentNullException.ThrowIfNull(word);
        return scoring == CaseScoring.Folded ? Reduce(word) : string.Concat(word.Where(char.IsAsciiLetterOrDigit));
    }

    /// <summary>Levenshtein distance (unit insert, delete and substitute costs) between two sequences.</summary>
    public static int EditDistance<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b)
        where T : IEquatable<T>
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitute = previous[j - 1] + (a[i - 1].Equals(b[j - 1]) ? 0 : 1);
                current[j] = Math.Min(substitute, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static List<string[]> SplitLines(string text, CaseScoring scoring) =>
        [.. text.Replace("\r", "", StringComparison.Ordinal).Split('\n')
            .Select(l => l.Split(' ', '\t').Select(w => Reduce(w, scoring)).Where(w => w.Length > 0).ToArray())
            .Where(words => words.Length > 0)];

    private static double Rate(int errors, int total) => total > 0 ? (double)errors / total : errors > 0 ? double.PositiveInfinity : 0;
}

/// <summary>How <see cref="TextScore"/> treats letter case.</summary>
public enum CaseScoring
{
    /// <summary>Case folded: every letter upper-cased before comparing (the capitals benchmarks' default).</summary>
    Folded,

    /// <summary>Case sensitive: "a" read as "A" is an error.</summary>
    Sensitive,
}
