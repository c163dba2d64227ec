namespace Scrawl.NeuralNet.Checking;

/// <summary>The check of one tensor's gradient.</summary>
/// <param name="Name">What was checked, e.g. "layer 0 (dense).weight" or "input".</param>
/// <param name="EntriesChecked">How many entries were perturbed.</param>
/// <param name="RelativeError">‖numerical − analytic‖₂ / (‖numerical‖₂ + ‖analytic‖₂), 0 when both are 0.</param>
/// <param name="MaxAbsoluteError">Largest |numerical − analytic| over the checked entries.</param>
public sealed record GradientCheckEntry(string Name, int EntriesChecked, double RelativeError, double MaxAbsoluteError);

/// <summary>Outcome of a gradient check: one entry per tensor and whether all are within tolerance.</summary>
/// <param name="Entries">Per-tensor results.</param>
/// <param name="Tolerance">The bound each relative error was held to.</param>
public sealed record GradientCheckResult(IReadOnlyList<GradientCheckEntry> Entries, double Tolerance)
{
    /// <summary>The largest relative error over all tensors.</summary>
    public double WorstRelativeError => Entries.Count == 0 ? 0 : Entries.Max(e => e.RelativeError);

    /// <summary>True when every tensor's relative error is within <see cref="Tolerance"/> (and finite).</summary>
    public bool Passed => Entries.All(e => e.RelativeError <= Tolerance);
}
