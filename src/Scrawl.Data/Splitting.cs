using Scrawl.Numerics;

namespace Scrawl.Data;

/// <summary>Deterministic, seeded, stratified splitting.</summary>
public static class Splitting
{
    /// <summary>
    /// Splits a set into train / valid / test keeping each class's proportions: per class, a seeded
    /// shuffle, then the first ⌊n·validFraction⌉ go to valid, the next ⌊n·testFraction⌉ to test, the rest
    /// to train. Fractions ≥ 0 with a sum below 1; a zero fraction yields no such part.
    /// </summary>
    public static DatasetSplits Stratified(ImageSet set, double validFraction, double testFraction, long seed)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (validFraction < 0 || testFraction < 0 || validFraction + testFraction >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(validFraction), $"Split fractions must be ≥ 0 and sum below 1 (got valid {validFraction}, test {testFraction}).");
        }

        var random = new SeededRandom(seed);
        var train = new List<int>();
        var valid = new List<int>();
        var test = new List<int>();
        var byClass = new List<int>[set.ClassNames.Count];
        for (int c = 0; c < byClass.Length; c++)
        {
            byClass[c] = [];
        }

        for (int i = 0; i < set.Count; i++)
        {
            byClass[set.Labels[i]].Add(i);
        }

        foreach (var members in byClass)
        {
            int[] shuffled = [.. members];
            random.Shuffle<int>(shuffled);
            int nValid = (int)Math.Round(shuffled.Length * validFraction);
            int nTest = Math.Min(shuffled.Length - nValid, (int)Math.Round(shuffled.Length * testFraction));
            valid.AddRange(shuffled[..nValid]);
            test.AddRange(shuffled[nValid..(nValid + nTest)]);
            train.AddRange(shuffled[(nValid + nTest)..]);
        }

        // Keep each part in a seeded random order, not grouped by class.
        ImageSet? Part(List<int> indices, string split, bool optional)
        {
            if (optional && indices.Count == 0)
            {
                return null;
            }

            int[] order = [.. indices];
            random.Shuffle<int>(order);
            return set.Subset(order, $"{set.Name}/{split}");
        }

        return new DatasetSplits(set.Name, Part(train, "train", false)!, Part(valid, "valid", validFraction == 0), Part(test, "test", testFraction == 0));
    }
}
