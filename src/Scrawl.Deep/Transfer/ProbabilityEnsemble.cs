namespace Scrawl.Deep.Transfer;

/// <summary>
/// An ensemble of fine-tuned models by their saved probabilities: per image, the mean over models of each model's softmax
/// (itself averaged over its test-time views, or its first view alone); the ensemble predicts the arg-max.
/// </summary>
public static class ProbabilityEnsemble
{
    /// <summary>
    /// The mean of <paramref name="runs"/>' probabilities, one view per image, for the splits every run has (in the first run's
    /// order); throws <see cref="ArgumentException"/> naming the run whose labels or classes differ from the first's.
    /// </summary>
    public static RunProbabilities Average(IReadOnlyList<RunProbabilities> runs, bool firstViewOnly = false)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            throw new ArgumentException("an ensemble needs at least one run.", nameof(runs));
        }

        var splits = new List<SplitProbabilities>();
        foreach (var first in runs[0].Splits)
        {
            var members = runs.Select(r => r.Split(first.Name)).ToList();
            if (members.Any(m => m is null))
            {
                continue;
            }

            var mean = new float[first.Count * first.Classes];
            for (int r = 0; r < runs.Count; r++)
            {
                var m = members[r]!;
                if (m.Classes != first.Classes || !m.Labels.AsSpan().SequenceEqual(first.Labels))
                {
                    throw new ArgumentException($"{Name(runs[r], r)}: split {first.Name} has other labels or classes than {Name(runs[0], 0)}.", nameof(runs));
                }

                float[] p = m.Mean(firstViewOnly);
                for (int i = 0; i < mean.Length; i++)
                {
                    mean[i] += p[i] / runs.Count;
                }
            }

            splits.Add(new SplitProbabilities(first.Name, first.Labels, 1, first.Classes, mean));
        }

        if (splits.Count == 0)
        {
            throw new ArgumentException("the runs share no split.", nameof(runs));
        }

        return new RunProbabilities(splits, "ensemble of " + string.Join(", ", runs.Select((r, i) => Name(r, i))));
    }

    private static string Name(RunProbabilities run, int index) => run.Source.Length > 0 ? run.Source : $"run {index + 1}";
}
