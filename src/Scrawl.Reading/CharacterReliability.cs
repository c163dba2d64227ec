using Scrawl.Ocr;

namespace Scrawl.Reading;

/// <summary>Characters whose confidence fell in [<paramref name="Low"/>, <paramref name="High"/>) (the last bin includes 1): how many, how many were right, their mean confidence.</summary>
/// <param name="Low">Lower edge, in [0, 1].</param>
/// <param name="High">Upper edge, in (Low, 1].</param>
/// <param name="Count">Characters in the bin (≥ 0).</param>
/// <param name="Correct">Of those, the ones that match the truth (≥ 0).</param>
/// <param name="ConfidenceSum">The sum of their confidences.</param>
public sealed record ReliabilityBin(double Low, double High, int Count, int Correct, double ConfidenceSum)
{
    /// <summary>Fraction right, in [0, 1] (0 for an empty bin).</summary>
    public double Accuracy => Count > 0 ? (double)Correct / Count : 0;

    /// <summary>Mean confidence of the bin's characters, in [0, 1] (0 for an empty bin).</summary>
    public double MeanConfidence => Count > 0 ? ConfidenceSum / Count : 0;
}

/// <summary>
/// How far character confidences can be trusted: every read character is aligned to the ground truth (lines paired as
/// <see cref="TextScore.Align"/> pairs them, then characters by a Levenshtein alignment over A–Z/0–9, case and punctuation ignored) and counts
/// as right when it is matched to the same character; characters of spurious lines are wrong. Counts are kept per confidence bin.
/// </summary>
public sealed class CharacterReliability
{
    /// <summary>The edges of the table's bins: finer near 1, where most characters are.</summary>
    public static IReadOnlyList<double> TableEdges { get; } = [0, 0.5, 0.8, 0.9, 0.95, 0.99, 1];

    private readonly List<(double Confidence, bool Correct)> characters = [];

    /// <summary>The characters counted so far.</summary>
    public int Count => characters.Count;

    /// <summary>Counts the characters of <paramref name="read"/> against <paramref name="truth"/> (one text line per line).</summary>
    public void Add(OcrResult read, string truth)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(truth);
        var lines = read.Lines
            .Select(l => l.Words.SelectMany(w => w.Characters).Select(c => (Symbol: TextScore.Reduce(c.Label), c.Confidence)).Where(c => c.Symbol.Length == 1).ToList())
            .ToList();
        var readWords = read.Lines.Select(l => l.Words.Select(w => TextScore.Reduce(w.Text)).Where(w => w.Length > 0).ToArray()).ToList();
        var kept = Enumerable.Range(0, lines.Count).Where(i => readWords[i].Length > 0).ToList();
        var truthLines = TextScore.ReducedLines(truth);
        foreach (var (t, r) in TextScore.Align(truthLines, [.. kept.Select(i => readWords[i])]))
        {
            if (r < 0)
            {
                continue;
            }

            var line = lines[kept[r]];
            var right = Matched(t >= 0 ? string.Concat(truthLines[t]) : "", string.Concat(line.Select(c => c.Symbol)));
            characters.AddRange(line.Select((c, i) => (c.Confidence, right[i])));
        }
    }

    /// <summary>The counts in the bins between consecutive <paramref name="edges"/> (ascending, from 0 to 1; default <see cref="TableEdges"/>).</summary>
    public IReadOnlyList<ReliabilityBin> Bins(IReadOnlyList<double>? edges = null)
    {
        edges ??= TableEdges;
        if (edges.Count < 2 || edges[0] != 0 || edges[^1] != 1 || edges.Zip(edges.Skip(1)).Any(p => p.Second <= p.First))
        {
            throw new ArgumentException("The bin edges must rise from 0 to 1.", nameof(edges));
        }

        var bins = new List<ReliabilityBin>(edges.Count - 1);
        for (int b = 0; b + 1 < edges.Count; b++)
        {
            double low = edges[b], high = edges[b + 1];
            bool last = b + 2 == edges.Count;
            var inBin = characters.Where(c => c.Confidence >= low && (c.Confidence < high || (last && c.Confidence <= high))).ToList();
            bins.Add(new ReliabilityBin(low, high, inBin.Count, inBin.Count(c => c.Correct), inBin.Sum(c => c.Confidence)));
        }

        return bins;
    }

    /// <summary>Expected calibration error in [0, 1] over <paramref name="binCount"/> (≥ 1) equal-width bins (<see cref="ConfidenceCalibration.ExpectedCalibrationError"/>); 0 with no characters.</summary>
    public double ExpectedCalibrationError(int binCount = 10) => ConfidenceCalibration.ExpectedCalibrationError(characters, binCount);

    /// <summary>For each character of <paramref name="read"/>: whether a least-cost Levenshtein alignment to <paramref name="truth"/> matches it to an equal character.</summary>
    public static bool[] Matched(string truth, string read)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(read);
        int n = truth.Length, m = read.Length;
        var cost = new int[n + 1, m + 1];
        for (int i = 0; i <= n; i++)
        {
            for (int j = 0; j <= m; j++)
            {
                cost[i, j] = i == 0 ? j : j == 0 ? i
                    : Math.Min(cost[i - 1, j - 1] + (truth[i - 1] == read[j - 1] ? 0 : 1), Math.Min(cost[i - 1, j], cost[i, j - 1]) + 1);
            }
        }

        var right = new bool[m];
        for (int i = n, j = m; i > 0 && j > 0;)
        {
            bool same = truth[i - 1] == read[j - 1];
            if (cost[i, j] == cost[i - 1, j - 1] + (same ? 0 : 1))
            {
                right[j - 1] = same;
                (i, j) = (i - 1, j - 1);
            }
            else if (cost[i, j] == cost[i - 1, j] + 1)
            {
                i--;
            }
            else
            {
                j--;
            }
        }

        return right;
    }
}
