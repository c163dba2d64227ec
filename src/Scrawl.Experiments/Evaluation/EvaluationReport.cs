namespace Scrawl.Experiments.Evaluation;

/// <summary>Right answers of one split.</summary>
/// <param name="Split">"train", "valid" or "test".</param>
/// <param name="Correct">Samples classified right (0 ≤ Correct ≤ Total).</param>
/// <param name="Total">Samples in the split (≥ 0).</param>
public sealed record SplitScore(string Split, int Correct, int Total)
{
    /// <summary>Correct / Total in [0, 1] (0 for an empty split).</summary>
    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;
}

/// <summary>Right answers for one class (by the model's class name).</summary>
/// <param name="Class">The class name.</param>
/// <param name="Correct">Its samples classified right (0 ≤ Correct ≤ Total).</param>
/// <param name="Total">Its samples (≥ 1).</param>
public sealed record ClassScore(string Class, int Correct, int Total)
{
    /// <summary>Correct / Total in [0, 1].</summary>
    public double Accuracy => (double)Correct / Total;
}

/// <summary>Two classes mistaken for each other, either way round.</summary>
/// <param name="First">The class earlier in the model's order.</param>
/// <param name="Second">The class later in the model's order.</param>
/// <param name="Count">Mistakes between them (≥ 1).</param>
public sealed record ConfusedPair(string First, string Second, int Count);

/// <summary>What <c>scrawl evaluate</c> reports (<see cref="ClassifierEvaluation.Evaluate"/>).</summary>
/// <param name="Splits">Accuracy per split, in train/valid/test order.</param>
/// <param name="Scope">Which samples the rest describes: "test" when there is a test split, else "all splits".</param>
/// <param name="PerClass">Accuracy per class over <paramref name="Scope"/>, classes without samples left out.</param>
/// <param name="MostConfused">At most 5 most confused pairs over <paramref name="Scope"/>, most mistakes first.</param>
/// <param name="Accuracy">Accuracy over <paramref name="Scope"/>, in [0, 1].</param>
public sealed record EvaluationReport(IReadOnlyList<SplitScore> Splits, string Scope, IReadOnlyList<ClassScore> PerClass, IReadOnlyList<ConfusedPair> MostConfused, double Accuracy);
