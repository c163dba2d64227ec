using Scrawl.Data;
using Scrawl.NeuralNet;
using Scrawl.NeuralNet.Layers;
using Scrawl.Reporting;

namespace Scrawl.Experiments.CharModel;

/// <summary>Accuracy of one real source's held-out part.</summary>
/// <param name="Source">The source's name.</param>
/// <param name="Count">Images scored (≥ 0).</param>
/// <param name="Accuracy">Share classified right, in [0, 1].</param>
public sealed record SourceAccuracy(string Source, int Count, double Accuracy)
{
    /// <summary>Accuracy in [0, 1] with letter case merged to 47 classes (EMNIST's balanced merge, <see cref="CaseMerge"/>); equals <see cref="Accuracy"/> for a 36-class model.</summary>
    public double Accuracy47 { get; init; } = Accuracy;

    /// <summary>Accuracy in [0, 1] with letter case merged to 36 classes (every lower-case letter as its capital).</summary>
    public double Accuracy36 { get; init; } = Accuracy;
}

/// <summary>A character model scored on held-out real data: per source, overall, and the confusion matrix of all of it.</summary>
/// <param name="Sources">Accuracy per source, in the order scored.</param>
/// <param name="Overall">Accuracy over all sources, in [0, 1].</param>
/// <param name="Confusion">The confusion matrix of all sources together.</param>
public sealed record CharModelScore(IReadOnlyList<SourceAccuracy> Sources, double Overall, ConfusionMatrix Confusion)
{
    /// <summary>Classifies every set (inference mode) and tallies the results.</summary>
    public static CharModelScore Evaluate(Sequential network, IReadOnlyList<ImageSet> sets)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(sets);
        network.SetTraining(false);
        return FromPredictions([.. sets.Select(set => (set, network.PredictClasses(set.Features())))]);
    }

    /// <summary>Tallies each set's predicted classes (<c>Guess</c>: one class index per image, in the set's class order; all sets share their classes).</summary>
    public static CharModelScore FromPredictions(IReadOnlyList<(ImageSet Set, int[] Guess)> scored)
    {
        ArgumentNullException.ThrowIfNull(scored);
        var sources = new List<SourceAccuracy>();
        var truth = new List<int>();
        var predicted = new List<int>();
        foreach (var (set, guess) in scored)
        {
            if (guess.Length != set.Count)
            {
                throw new ArgumentException($"{set.Name}: {set.Count} images but {guess.Length} predictions.", nameof(scored));
            }

            var to47 = set.ClassNames.Select(n => CaseMerge.Target(n, 47)).ToArray();
            var to36 = set.ClassNames.Select(n => CaseMerge.Target(n, 36)).ToArray();
            int right = 0, right47 = 0, right36 = 0;
            for (int i = 0; i < guess.Length; i++)
            {
                right += guess[i] == set.Labels[i] ? 1 : 0;
                right47 += to47[guess[i]] == to47[set.Labels[i]] ? 1 : 0;
                right36 += to36[guess[i]] == to36[set.Labels[i]] ? 1 : 0;
            }

            double n = Math.Max(1, set.Count);
            sources.Add(new SourceAccuracy(set.Name, set.Count, right / n) { Accuracy47 = right47 / n, Accuracy36 = right36 / n });
            truth.AddRange(set.Labels);
            predicted.AddRange(guess);
        }

        var matrix = ConfusionMatrix.Compute(truth.ToArray(), predicted.ToArray(), scored[0].Set.ClassNames);
        return new CharModelScore(sources, matrix.Accuracy, matrix);
    }

    /// <summary>The pairs a glyph alone cannot settle (EMNIST writers draw them alike), merged in <see cref="MergedAccuracy"/>: I/1 and O/0.</summary>
    public static IReadOnlyList<(string A, string B)> AmbiguousPairs { get; } = [("I", "1"), ("O", "0")];

    /// <summary>
    /// Accuracy over all sources (in [0, 1]) when confusing the two classes of a pair in <paramref name="pairs"/> counts as right;
    /// pairs naming a class the matrix lacks are ignored. With <paramref name="caseMerged"/>, letter case is merged too (36 classes, so o/O/0 is one group).
    /// </summary>
    public double MergedAccuracy(IReadOnlyList<(string A, string B)> pairs, bool caseMerged = false)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var names = Confusion.ClassNames;
        var target = names.Select(n => caseMerged ? CaseMerge.Target(n, 36) : n).ToArray();
        var group = Enumerable.Range(0, names.Count).Select(i => Array.IndexOf(target, target[i])).ToArray();
        foreach (var (a, b) in pairs)
        {
            int ia = IndexOf(names, a), ib = IndexOf(names, b);
            if (ia >= 0 && ib >= 0)
            {
                int from = group[ib], to = group[ia];
                for (int i = 0; i < group.Length; i++)
                {
                    group[i] = group[i] == from ? to : group[i];
                }
            }
        }

        return GroupedAccuracy(group);
    }

    /// <summary>
    /// Accuracy over all sources (in [0, 1]) with letter case merged as <see cref="CaseMerge.Target"/> does for <paramref name="classes"/>
    /// (36: every lower-case letter counts as its capital; 47: EMNIST's balanced merge; 62: exact), so a confusion inside a merged class counts as right.
    /// </summary>
    public double CaseMergedAccuracy(int classes)
    {
        return GroupedAccuracy([.. Confusion.ClassNames.Select(n => CaseMerge.Target(n, classes))]);
    }

    /// <summary>The fraction of all counted crops whose true and predicted classes share a group (<paramref name="group"/>: per class index); NaN when nothing was counted.</summary>
    private double GroupedAccuracy<T>(T[] group)
        where T : IEquatable<T>
    {
        long right = 0, total = 0;
        for (int t = 0; t < group.Length; t++)
        {
            for (int p = 0; p < group.Length; p++)
            {
                total += Confusion.Counts[t, p];
                right += group[t].Equals(group[p]) ? Confusion.Counts[t, p] : 0;
            }
        }

        return total == 0 ? double.NaN : (double)right / total;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Per-class accuracy (NaN for a class with no samples), in class order.</summary>
    public IReadOnlyList<(string Class, int Count, double Accuracy)> PerClass()
    {
        var result = new List<(string, int, double)>();
        for (int c = 0; c < Confusion.ClassNames.Count; c++)
        {
            int total = 0;
            for (int p = 0; p < Confusion.ClassNames.Count; p++)
            {
                total += Confusion.Counts[c, p];
            }

            result.Add((Confusion.ClassNames[c], total, total == 0 ? double.NaN : (double)Confusion.Counts[c, c] / total));
        }

        return result;
    }
}
