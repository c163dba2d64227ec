namespace Scrawl.Reporting;

/// <summary>
/// Counts of (true class, predicted class) pairs: <c>Counts[t, p]</c> is how many samples of class t
/// were predicted as p. Rows are the truth, columns the prediction.
/// </summary>
public sealed class ConfusionMatrix
{
    private ConfusionMatrix(IReadOnlyList<string> classNames, int[,] counts)
    {
        ClassNames = classNames;
        Counts = counts;
    }

    /// <summary>The class names, index = class id.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Counts[truth, predicted]; square, one row and column per class.</summary>
    public int[,] Counts { get; }

    /// <summary>Number of samples counted.</summary>
    public int Total => Counts.Cast<int>().Sum();

    /// <summary>Fraction of samples on the diagonal, in [0, 1] (NaN when empty).</summary>
    public double Accuracy => Total == 0 ? double.NaN : (double)Enumerable.Range(0, ClassNames.Count).Sum(c => Counts[c, c]) / Total;

    /// <summary>Counts the pairs; labels must lie in [0, classNames.Count) and the arrays have equal length.</summary>
    public static ConfusionMatrix Compute(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        if (truth.Length != predicted.Length)
        {
            throw new ArgumentException($"{truth.Length} true labels but {predicted.Length} predictions.", nameof(predicted));
        }

        int k = classNames.Count;
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1, nameof(classNames));
        var counts = new int[k, k];
        for (int i = 0; i < truth.Length; i++)
        {
            int t = truth[i], p = predicted[i];
            if ((uint)t >= (uint)k || (uint)p >= (uint)k)
            {
                throw new ArgumentOutOfRangeException(nameof(truth), $"Sample {i}: label {t} or prediction {p} is outside [0, {k}).");
            }

            counts[t, p]++;
        }

        return new ConfusionMatrix(classNames, counts);
    }

    /// <summary>
    /// The <paramref name="count"/> (≥ 0) unordered class pairs most often mixed up, both directions added,
    /// most first (ties by class order); pairs never confused are left out.
    /// </summary>
    public IReadOnlyList<(string A, string B, int Count)> MostConfusedPairs(int count = 5)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int k = ClassNames.Count;
        var pairs = new List<(int A, int B, int Count)>();
        for (int a = 0; a < k; a++)
        {
            for (int b = a + 1; b < k; b++)
            {
                int n = Counts[a, b] + Counts[b, a];
                if (n > 0)
                {
                    pairs.Add((a, b, n));
                }
            }
        }

        return [.. pairs.OrderByDescending(p => p.Count).ThenBy(p => p.A).ThenBy(p => p.B).Take(count)
            .Select(p => (ClassNames[p.A], ClassNames[p.B], p.Count))];
    }

    /// <summary>Each row divided by its total (the fraction of class t predicted as p); rows with no samples stay 0.</summary>
    public double[,] RowFractions()
    {
        int k = ClassNames.Count;
        var fractions = new double[k, k];
        for (int t = 0; t < k; t++)
        {
            int total = 0;
            for (int p = 0; p < k; p++)
            {
                total += Counts[t, p];
            }

            for (int p = 0; p < k && total > 0; p++)
            {
                fractions[t, p] = (double)Counts[t, p] / total;
            }
        }

        return fractions;
    }
}
