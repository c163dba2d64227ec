namespace Scrawl.Ocr;

/// <summary>
/// Errors of a read text against its ground truth, the seed's way: lines are paired by index; per line the
/// character errors are the edit distance between the two lines reduced to A–Z/0–9 (upper-cased; spaces and
/// punctuation ignored), the word errors the edit distance between their word lists (each word reduced the
/// same way; words left empty dropped). A missing or extra line counts all its characters and words as errors.
/// </summary>
/// <param name="CharacterErrors">Summed character edit distance (≥ 0).</param>
/// <param name="Characters">Ground-truth characters counted (≥ 0).</param>
/// <param name="WordErrors">Summed word edit distance (≥ 0).</param>
/// <param name="Words">Ground-truth words counted (≥ 0).</param>
/// <param name="LinesRight">Lines read exactly right: same index, same reduced characters and word breaks (≥ 0).</param>
/// <param name="Lines">max(ground-truth lines, read lines) (≥ 0): an extra line is a wrong line.</param>
/// <param name="TruthLineCount">Number of ground-truth lines (≥ 0).</param>
/// <param name="ReadLineCount">Number of read lines (≥ 0).</param>
public sealed record TextScore(int CharacterErrors, int Characters, int WordErrors, int Words, int LinesRight, int Lines, int TruthLineCount, int ReadLineCount)
{
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
            LinesRight + other.LinesRight, Lines + other.Lines, TruthLineCount + other.TruthLineCount, ReadLineCount + other.ReadLineCount);
    }

    /// <summary>The score of <paramref name="read"/> against <paramref name="truth"/> (texts with one line per text line; blank lines ignored).</summary>
    public static TextScore Compute(string truth, string read)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(read);
        var t = SplitLines(truth);
        var r = SplitLines(read);
        int ce = 0, cn = 0, we = 0, wn = 0, right = 0;
        for (int i = 0; i < Math.Max(t.Count, r.Count); i++)
        {
            var tw = i < t.Count ? t[i] : [];
            var rw = i < r.Count ? r[i] : [];
            string tc = string.Concat(tw), rc = string.Concat(rw);
            ce += EditDistance(tc.AsSpan(), rc.AsSpan());
            cn += tc.Length;
            we += EditDistance<string>(tw, rw);
            wn += tw.Length;
            right += i < t.Count && i < r.Count && tw.SequenceEqual(rw) ? 1 : 0;
        }

        return new(ce, cn, we, wn, right, Math.Max(t.Count, r.Count), t.Count, r.Count);
    }

    /// <summary>A word reduced to upper-case A–Z and 0–9.</summary>
    public static string Reduce(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return string.Concat(word.ToUpperInvariant().Where(ch => char.IsAsciiLetterUpper(ch) || char.IsAsciiDigit(ch)));
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

    private static List<string[]> SplitLines(string text) =>
        [.. text.Replace("\r", "", StringComparison.Ordinal).Split('\n')
            .Select(l => l.Split(' ', '\t').Select(Reduce).Where(w => w.Length > 0).ToArray())
            .Where(words => words.Length > 0)];

    private static double Rate(int errors, int total) => total > 0 ? (double)errors / total : errors > 0 ? double.PositiveInfinity : 0;
}
