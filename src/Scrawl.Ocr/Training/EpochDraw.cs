using System.Globalization;

namespace Scrawl.Ocr.Training;

/// <summary>
/// How <see cref="EpochSampler"/> draws an epoch beyond its size and synthetic share: which classes how often, which real
/// images of a class, and how hard the targets are. The defaults reproduce the original recipe (class-balanced, a real source
/// chosen uniformly, one-hot targets).
/// </summary>
public sealed record EpochDraw
{
    /// <summary>
    /// Exponent α in [0, 1] of the class prior: class c gets a share of the epoch proportional to nᶜ^α, nᶜ its images in all real
    /// training sources together. 0 = class-balanced (the default), 1 = the real data's natural frequencies, 0.5 = square root.
    /// </summary>
    public double ClassPrior { get; init; }

    /// <summary>
    /// False (the default): a real image of a class comes from one source chosen uniformly among those that have the class, so a
    /// set of 100 images weighs as much as one of 100,000. True: every real training image of the class is equally likely, so
    /// large sets (EMNIST) supply most real draws.
    /// </summary>
    public bool PooledReal { get; init; }

    /// <summary>Label smoothing ε in [0, 0.5): targets are (1 − ε) on the true class plus ε spread evenly over all classes; 0 (the default) gives one-hot targets.</summary>
    public double LabelSmoothing { get; init; }

    /// <summary>The original draw: class-balanced, uniform over sources, one-hot targets.</summary>
    public static EpochDraw Default { get; } = new();

    /// <summary>Throws an <see cref="ArgumentException"/> naming the options unless every value is in range.</summary>
    public void Validate()
    {
        if (!(ClassPrior is >= 0 and <= 1) || !(LabelSmoothing is >= 0 and < 0.5))
        {
            throw new ArgumentException("--class-prior must be in [0, 1] and --label-smoothing in [0, 0.5).");
        }
    }

    /// <summary>The train-charmodel options that give this draw (empty for the default), each with a leading space.</summary>
    public string CommandLine() => string.Create(CultureInfo.InvariantCulture,
        $"{(ClassPrior > 0 ? $" --class-prior {ClassPrior}" : "")}{(PooledReal ? " --pooled-real" : "")}{(LabelSmoothing > 0 ? $" --label-smoothing {LabelSmoothing}" : "")}");

    /// <summary>
    /// Samples per class of an epoch of <paramref name="total"/> (≥ 0) samples for real class sizes <paramref name="counts"/>
    /// (≥ 0 each): shares ∝ count^<see cref="ClassPrior"/>, rounded so they sum to <paramref name="total"/> exactly; a class with
    /// no real image counts as the mean size of the others (it is drawn from the synthetic pool alone).
    /// </summary>
    public int[] Quotas(IReadOnlyList<int> counts, int total)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var present = counts.Where(c => c > 0).ToArray();
        double fill = present.Length == 0 ? 1 : present.Average();
        var weights = counts.Select(c => Math.Pow(c > 0 ? c : fill, ClassPrior)).ToArray();
        double sum = weights.Sum(), cumulative = 0;
        var quotas = new int[counts.Count];
        int before = 0;
        for (int c = 0; c < quotas.Length; c++)
        {
            cumulative += weights[c];
            int upTo = (int)Math.Round(total * cumulative / sum);
            quotas[c] = upTo - before;
            before = upTo;
        }

        return quotas;
    }
}
