using System.Text.Json;
using Scrawl.Numerics;

namespace Scrawl.Deep.Transfer;

/// <summary>One split's test errors as <c>deep ensemble</c> counts them.</summary>
/// <param name="Name">The split's name (valid, test).</param>
/// <param name="Count">Images in the split (≥ 0).</param>
/// <param name="Views">Test-time views per image (≥ 1; 1 for an ensemble, whose views are already averaged).</param>
/// <param name="Errors">Images whose arg-max over the mean of all views is not their label (0 … Count).</param>
/// <param name="FirstViewErrors">The same with the first view alone (0 … Count).</param>
public sealed record SplitErrors(string Name, int Count, int Views, int Errors, int FirstViewErrors);

/// <summary>One run's errors per split (or the ensemble's, whose source is "ensemble").</summary>
/// <param name="Source">The probabilities file the run was read from, or "ensemble".</param>
/// <param name="Splits">Its splits, in file order.</param>
public sealed record RunErrors(string Source, IReadOnlyList<SplitErrors> Splits);

/// <summary>
/// What <c>deep ensemble</c> reports and writes with <c>--out</c>: each member run's errors and those of the mean of their
/// probabilities, per split (<see cref="ProbabilityEnsemble"/>), so a report reads figures from a file, not from printed text.
/// </summary>
/// <param name="Runs">The members, in the order given.</param>
/// <param name="Ensemble">The ensemble: the splits every member has, all views averaged (<c>Errors</c>) or first views only (<c>FirstViewErrors</c>).</param>
public sealed record EnsembleErrors(IReadOnlyList<RunErrors> Runs, RunErrors Ensemble)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The errors of <paramref name="runs"/> (at least one) and of their mean; an <see cref="ArgumentException"/> as <see cref="ProbabilityEnsemble.Average"/> raises it.</summary>
    public static EnsembleErrors Of(IReadOnlyList<RunProbabilities> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var all = ProbabilityEnsemble.Average(runs);
        var first = ProbabilityEnsemble.Average(runs, firstViewOnly: true);
        var members = runs.Select(r => new RunErrors(r.Source, [.. r.Splits.Select(s => new SplitErrors(s.Name, s.Count, s.Views, s.Errors(), s.Errors(firstViewOnly: true)))])).ToList();
        var mean = new RunErrors("ensemble", [.. all.Splits.Select(s => new SplitErrors(s.Name, s.Count, 1, s.Errors(), first.Split(s.Name)!.Errors()))]);
        return new EnsembleErrors(members, mean);
    }

    /// <summary>Writes the errors as indented JSON, atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(this, Json));

    /// <summary>Reads a file written by <see cref="Save"/>; a missing, malformed or incomplete file is an <see cref="InvalidDataException"/> naming it.</summary>
    public static EnsembleErrors Read(string path)
    {
        try
        {
            var read = JsonSerializer.Deserialize<EnsembleErrors>(File.ReadAllBytes(path), Json);
            return read is { Runs: not null, Ensemble.Splits: not null } && read.Runs.All(r => r?.Splits is not null)
                ? read
                : throw new InvalidDataException($"{path}: not a deep ensemble errors file (runs or ensemble missing).");
        }
        catch (Exception e) when (e is JsonException or IOException or NotSupportedException)
        {
            throw new InvalidDataException($"{path}: not a deep ensemble errors file ({e.Message}).", e);
        }
    }
}
