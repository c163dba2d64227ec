using Scrawl.Imaging;
using Scrawl.Numerics;

namespace Scrawl.Data;

/// <summary>One source of a mixture and how strongly its training part counts.</summary>
/// <param name="Data">The source's splits.</param>
/// <param name="Weight">Copies of its training part (&gt; 0): 3 = every image three times, 0.5 = a seeded half.</param>
public sealed record MixtureSource(DatasetSplits Data, double Weight = 1);

/// <summary>
/// Combines data sets into one for training on synthetic and real handwriting together. Every source
/// is brought to the first source's convention: classes matched by name into the first source's class
/// list (e.g. MNIST's "0"…"9" into A–Z, 0–9), and images of another size normalised like character
/// crops (cropped to the ink, padded square, resized to the first source's side). Training parts are
/// weighted by repetition or seeded subsampling; validation and test parts are joined unweighted.
/// </summary>
public static class Mixture
{
    /// <summary>Builds the mixture; all sources grey; the first source's images are square.</summary>
    public static DatasetSplits Build(IReadOnlyList<MixtureSource> sources, long seed)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.Count == 0)
        {
            throw new ArgumentException("A mixture needs at least one source.", nameof(sources));
        }

        var target = sources[0].Data.Train;
        if (target.Channels != 1 || target.Height != target.Width)
        {
            throw new ArgumentException($"{target.Name}: a mixture's first source must have square grey images, got {target.Height}×{target.Width}×{target.Channels}.", nameof(sources));
        }

        var random = new SeededRandom(seed);
        var train = new List<ImageSet>();
        var valid = new List<ImageSet>();
        var test = new List<ImageSet>();
        foreach (var source in sources)
        {
            if (!(source.Weight > 0) || !double.IsFinite(source.Weight))
            {
                throw new ArgumentOutOfRangeException(nameof(sources), $"{source.Data.Name}: weight must be a finite number > 0, got {source.Weight}.");
            }

            train.Add(Weighted(Conform(source.Data.Train, target), source.Weight, random));
            if (source.Data.Valid is { } v)
            {
                valid.Add(Conform(v, target));
            }

            if (source.Data.Test is { } t)
            {
                test.Add(Conform(t, target));
            }
        }

        string name = string.Join("+", sources.Select(s => s.Weight == 1 ? s.Data.Name : $"{s.Data.Name}*{s.Weight}"));
        ImageSet? Join(List<ImageSet> parts, string split) => parts.Count == 0 ? null : ImageSet.Concat($"{name}/{split}", [.. parts]);
        var joinedTrain = Join(train, "train")!;
        var order = random.Permutation(joinedTrain.Count);
        return new DatasetSplits(name, joinedTrain.Subset(order), Join(valid, "valid"), Join(test, "test"));
    }

    /// <summary>
    /// <paramref name="set"/> with its labels mapped by class name onto <paramref name="target"/>'s classes and its
    /// images normalised like character crops to the target's size when the sizes differ (grey images only).
    /// </summary>
    public static ImageSet Conform(ImageSet set, ImageSet target)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(target);
        if (set.Channels != 1)
        {
            throw new ArgumentException($"{set.Name}: only grey images can be mixed, got {set.Channels} channels.", nameof(set));
        }

        var index = target.ClassNames.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        var labels = new int[set.Count];
        for (int i = 0; i < set.Count; i++)
        {
            string cls = set.ClassNames[set.Labels[i]];
            labels[i] = index.TryGetValue(cls, out int mapped)
                ? mapped
                : throw new ArgumentException($"{set.Name}: class '{cls}' is not among {target.Name}'s classes ({string.Join(" ", target.ClassNames)}).", nameof(set));
        }

        var images = set.Images;
        if (set.Height != target.Height || set.Width != target.Width)
        {
            var options = new CharacterNormalizeOptions { Side = target.Height, StretchContrast = false };
            images = new Tensor(set.Count, target.Height, target.Width);
            for (int i = 0; i < set.Count; i++)
            {
                CharacterNormalizer.Normalize(set.ImageAt(i), options).Pixels.CopyTo(images.Row(i));
            }
        }

        return new ImageSet(images, labels, target.ClassNames, set.Name);
    }

    private static ImageSet Weighted(ImageSet set, double weight, SeededRandom random)
    {
        int whole = (int)Math.Floor(weight);
        int extra = (int)Math.Round((weight - whole) * set.Count);
        var indices = new List<int>((whole * set.Count) + extra);
        for (int copy = 0; copy < whole; copy++)
        {
            indices.AddRange(Enumerable.Range(0, set.Count));
        }

        indices.AddRange(random.Permutation(set.Count)[..extra]);
        return set.Subset(indices.ToArray());
    }
}
