namespace Scrawl.Data;

/// <summary>
/// Merges letter case in character data, by class name: <b>36</b> classes (every lower-case letter into its capital:
/// 0–9, A–Z), <b>47</b> (EMNIST's bymerge/balanced merge: the 15 lower-case letters whose shape is the capital's,
/// c i j k l m o p s u v w x y z, into their capitals; a b d e f g h n q r t stay), or <b>62</b> (kept as they are).
/// Merged classes take the capital's place; the other classes keep their order. Class names must be single characters
/// 0–9, A–Z or a–z; anything else is an <see cref="InvalidDataException"/> naming the set and the classes.
/// </summary>
public static class CaseMerge
{
    /// <summary>The class counts a merge can aim at: 36, 47 or 62.</summary>
    public static IReadOnlyList<int> Targets { get; } = [36, 47, 62];

    /// <summary>The lower-case letters the 47-class merge folds into their capitals (EMNIST bymerge/balanced).</summary>
    public const string MergedIn47 = "cijklmopsuvwxyz";

    /// <summary>The class name <paramref name="name"/> becomes under the <paramref name="target"/>-class merge (36, 47 or 62).</summary>
    public static string Target(string name, int target)
    {
        ArgumentNullException.ThrowIfNull(name);
        RequireTarget(target);
        bool lower = name.Length == 1 && name[0] is >= 'a' and <= 'z';
        return lower && (target == 36 || (target == 47 && MergedIn47.Contains(name[0], StringComparison.Ordinal))) ? name.ToUpperInvariant() : name;
    }

    /// <summary>The set with classes merged to <paramref name="target"/> (36, 47 or 62); images are shared, not copied.</summary>
    public static ImageSet Apply(ImageSet set, int target)
    {
        ArgumentNullException.ThrowIfNull(set);
        RequireTarget(target);
        var bad = set.ClassNames.Where(n => !(n.Length == 1 && char.IsAsciiLetterOrDigit(n[0]))).ToList();
        if (bad.Count > 0)
        {
            throw new InvalidDataException($"{set.Name}: merging letter case to {target} classes needs classes named 0–9, A–Z, a–z; these are not: {string.Join(", ", bad.Take(10))}.");
        }

        var names = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var map = new int[set.ClassNames.Count];
        for (int c = 0; c < map.Length; c++)
        {
            string merged = Target(set.ClassNames[c], target);
            if (!index.TryGetValue(merged, out int k))
            {
                k = names.Count;
                index[merged] = k;
                names.Add(merged);
            }

            map[c] = k;
        }

        return new ImageSet(set.Images, [.. set.Labels.Select(l => map[l])], names, set.Name);
    }

    /// <summary>Every part of <paramref name="data"/> merged to <paramref name="target"/> classes (the same class list in every part).</summary>
    public static DatasetSplits Apply(DatasetSplits data, int target)
    {
        ArgumentNullException.ThrowIfNull(data);
        ImageSet? Part(ImageSet? s) => s is null ? null : Apply(s, target);
        return new DatasetSplits(data.Name, Part(data.Train)!, Part(data.Valid), Part(data.Test));
    }

    private static void RequireTarget(int target)
    {
        if (!Targets.Contains(target))
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, "The class count must be 36, 47 or 62.");
        }
    }
}
