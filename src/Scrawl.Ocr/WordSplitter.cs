namespace Scrawl.Ocr;

/// <summary>Settings of <see cref="WordSplitter"/>; gaps are measured in the line's typical (median) character heights.</summary>
public sealed record WordSplittingOptions
{
    /// <summary>The line's gaps form two clusters (letter gaps and word gaps) when the wider cluster's mean is at least this many (&gt; 1) times the narrower one's.</summary>
    public double ClusterRatio { get; init; } = 2.0;

    /// <summary>With two clusters, a word gap must also be at least this many typical heights (≥ 0).</summary>
    public double MinWordGap { get; init; } = 0.5;

    /// <summary>With one cluster, every gap is a word gap when the median gap is at least this many typical heights (≥ 0; isolated letters), else none is.</summary>
    public double SingleClusterGap { get; init; } = 0.6;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (!(ClusterRatio > 1) || double.IsInfinity(ClusterRatio))
        {
            throw new ArgumentOutOfRangeException(nameof(ClusterRatio), ClusterRatio, "ClusterRatio must be a finite number > 1.");
        }

        if (!(MinWordGap >= 0) || !(SingleClusterGap >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(MinWordGap), $"MinWordGap ({MinWordGap}) and SingleClusterGap ({SingleClusterGap}) must be ≥ 0.");
        }
    }
}

/// <summary>
/// Stage 3: splits one line (boxes in reading order) into words from its own gap statistics. The gaps
/// (next box's left − this box's right, in typical character heights) are split into two clusters by
/// 1-D 2-means (the split that minimises the summed squared deviations). If the clusters are clearly
/// apart (mean ratio ≥ <see cref="WordSplittingOptions.ClusterRatio"/>), the wider cluster's gaps are the
/// word gaps; otherwise the line has one kind of gap, and whether it separates words or letters is
/// decided by its size (<see cref="WordSplittingOptions.SingleClusterGap"/>: a chart of isolated letters
/// vs one written word).
/// </summary>
public static class WordSplitter
{
    /// <summary>Words as lists of consecutive indices into <paramref name="line"/> (boxes ordered left to right); one word for a single box, none for an empty line.</summary>
    /// <example><c>var words = WordSplitter.Split(lineBoxes);</c></example>
    public static IReadOnlyList<IReadOnlyList<int>> Split(IReadOnlyList<PixelBox> line, WordSplittingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(line);
        options ??= new WordSplittingOptions();
        options.Validate();
        if (line.Count == 0)
        {
            return [];
        }

        double height = Math.Max(1, line.Select(b => (double)b.Height).Order().ElementAt(line.Count / 2));
        var gaps = new double[line.Count - 1];
        for (int i = 0; i < gaps.Length; i++)
        {
            gaps[i] = (line[i + 1].Left - line[i].Right) / height;
        }

        double threshold = WordGapThreshold(gaps, options);
        var words = new List<IReadOnlyList<int>>();
        var word = new List<int> { 0 };
        for (int i = 0; i < gaps.Length; i++)
        {
            if (gaps[i] >= threshold)
            {
                words.Add(word);
                word = [];
            }

            word.Add(i + 1);
        }

        words.Add(word);
        return words;
    }

    /// <summary>The smallest gap (in typical heights) that separates words, or +∞ when none does.</summary>
    internal static double WordGapThreshold(IReadOnlyList<double> gaps, WordSplittingOptions options)
    {
        if (gaps.Count == 0)
        {
            return double.PositiveInfinity;
        }

        var sorted = gaps.Order().ToArray();
        if (sorted.Length >= 2)
        {
            int split = TwoMeansSplit(sorted);
            double low = sorted[..split].Average(), high = sorted[split..].Average();
            if (high >= options.ClusterRatio * Math.Max(low, 0.1))
            {
                return Math.Max(sorted[split], options.MinWordGap);
            }
        }

        double median = sorted[sorted.Length / 2];
        return median >= options.SingleClusterGap ? double.NegativeInfinity : double.PositiveInfinity;
    }

    /// <summary>The index k (1..n−1) such that sorted[..k] and sorted[k..] have the least total squared deviation from their means.</summary>
    private static int TwoMeansSplit(double[] sorted)
    {
        int best = 1;
        double bestCost = double.PositiveInfinity;
        for (int k = 1; k < sorted.Length; k++)
        {
            double cost = Deviation(sorted.AsSpan(0, k)) + Deviation(sorted.AsSpan(k));
            if (cost < bestCost)
            {
                bestCost = cost;
                best = k;
            }
        }

        return best;
    }

    private static double Deviation(ReadOnlySpan<double> values)
    {
        double mean = 0, sum = 0;
        foreach (double v in values)
        {
            mean += v;
        }

        mean /= values.Length;
        foreach (double v in values)
        {
            sum += (v - mean) * (v - mean);
        }

        return sum;
    }
}
