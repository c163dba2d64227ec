using Scrawl.Data;
using Scrawl.Data.Synthesis;

namespace Scrawl.Ocr.Training;

/// <summary>The character model's data: the synthetic pool, the real training pools, and the fixed real validation and held-out sets.</summary>
/// <param name="Synthetic">Generated glyphs (all used for training), A–Z, 0–9 in NIST36 class order, 32×32.</param>
/// <param name="RealTrain">Training parts of the real sets (empty when training on synthetic data alone).</param>
/// <param name="RealValid">Validation parts of the real sets with held-out labels: watched during training.</param>
/// <param name="HeldOut">Test parts of the real sets: never trained on, never used to choose anything; the reported accuracy.</param>
public sealed record CharModelSources(ImageSet Synthetic, IReadOnlyList<ImageSet> RealTrain, IReadOnlyList<ImageSet> RealValid, IReadOnlyList<ImageSet> HeldOut);

/// <summary>Loads <see cref="CharModelSources"/>.</summary>
public static class CharModelData
{
    /// <summary>
    /// The seed of the real sets' 80/10/10 stratified splits. Fixed (not the run's seed) so the held-out set is the
    /// same for every run, and the same as <c>scrawl evaluate --data photo-chars</c> (data seed 0) reports on.
    /// </summary>
    public const long SplitSeed = 0;

    /// <summary>The real sets with both letters and digits: validated and reported per source.</summary>
    public static IReadOnlyList<string> HeldOutSources { get; } = ["photo-chars", "emnist-sample"];

    /// <summary>Extra real training data (digits only); its held-out part is not part of the 36-class report.</summary>
    public const string DigitSource = "mnist-10k";

    /// <summary>
    /// Loads everything: <paramref name="synthPerClass"/> (≥ 1) glyphs per class are generated with <paramref name="seed"/>;
    /// the real sets come from <paramref name="load"/> (a catalog name and a split seed → its splits); progress lines go to <paramref name="log"/>.
    /// A real set without a test split is an <see cref="InvalidDataException"/>.
    /// </summary>
    public static CharModelSources Load(int synthPerClass, long seed, bool syntheticOnly, Func<string, long, DatasetSplits> load, Action<string> log) =>
        Load(synthPerClass, seed, syntheticOnly, load, log, []);

    /// <summary>As <see cref="Load(int, long, bool, Func{string, long, DatasetSplits}, Action{string})"/>, with the training splits of <paramref name="extraReal"/> (catalog names) as more real sources.</summary>
    public static CharModelSources Load(int synthPerClass, long seed, bool syntheticOnly, Func<string, long, DatasetSplits> load, Action<string> log, IReadOnlyList<string> extraReal) =>
        Load(synthPerClass, seed, syntheticOnly, load, log, extraReal, 36);

    /// <summary>
    /// As <see cref="Load(int, long, bool, Func{string, long, DatasetSplits}, Action{string}, IReadOnlyList{string})"/> for a model of
    /// <paramref name="classes"/> classes: 36 (A–Z, 0–9) or 62 (<see cref="MixedCaseData.ClassNames"/>: the synthetic pool keeps its
    /// capitals and digits, and EMNIST byclass-test joins as a real source split by <see cref="MixedCaseData"/>: its training part trains,
    /// its validation part is watched, its held-out part is scored). Other class counts are an <see cref="ArgumentOutOfRangeException"/>.
    /// </summary>
    public static CharModelSources Load(int synthPerClass, long seed, bool syntheticOnly, Func<string, long, DatasetSplits> load, Action<string> log, IReadOnlyList<string> extraReal, int classes)
    {
        ArgumentNullException.ThrowIfNull(extraReal);
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(log);
        if (classes is not (36 or 62))
        {
            throw new ArgumentOutOfRangeException(nameof(classes), classes, "A character model has 36 or 62 classes.");
        }

        log($"generating {synthPerClass:N0} synthetic glyphs per class (seed {seed})");
        var synthetic = new GlyphSynthesizer().Generate(synthPerClass, seed).Renamed("glyphs36");
        if (classes == 62)
        {
            synthetic = new ImageSet(synthetic.Images, synthetic.Labels, MixedCaseData.ClassNames, "glyphs36");
        }
        var train = new List<ImageSet>();
        var valid = new List<ImageSet>();
        var heldOut = new List<ImageSet>();
        foreach (string name in HeldOutSources)
        {
            var splits = load(name, SplitSeed);
            var test = splits.Test ?? throw new InvalidDataException($"{name}: expected a test split to hold out.");
            heldOut.Add(Mixture.Conform(test, synthetic).Renamed(name));
            if (splits.Valid is { } v)
            {
                valid.Add(Mixture.Conform(v, synthetic).Renamed(name));
            }

            if (!syntheticOnly)
            {
                train.Add(Mixture.Conform(splits.Train, synthetic).Renamed(name));
            }

            log($"{name}: train {splits.Train.Count:N0}, valid {splits.Valid?.Count ?? 0:N0}, held out {test.Count:N0}");
        }

        if (!syntheticOnly)
        {
            var digits = load(DigitSource, SplitSeed);
            train.Add(Mixture.Conform(digits.Train, synthetic).Renamed(DigitSource));
            log($"{DigitSource}: train {digits.Train.Count:N0} (digits)");
        }

        if (classes == 62)
        {
            var mixed = MixedCaseData.Split(load);
            heldOut.Add(Mixture.Conform(mixed.Test!, synthetic).Renamed(MixedCaseData.Source));
            // A quarter of the validation part (its order is already seeded and shuffled) is enough to watch, at a quarter of the cost per epoch.
            var watched = mixed.Valid!.Subset([.. Enumerable.Range(0, mixed.Valid.Count).Where(i => i % 4 == 0)]);
            valid.Add(Mixture.Conform(watched, synthetic).Renamed(MixedCaseData.Source));
            if (!syntheticOnly)
            {
                train.Add(Mixture.Conform(mixed.Train, synthetic).Renamed(MixedCaseData.Source));
            }

            log($"{MixedCaseData.Source}: train {mixed.Train.Count:N0}, valid {mixed.Valid!.Count:N0}, held out {mixed.Test!.Count:N0} (62 classes)");
        }

        foreach (string name in syntheticOnly ? [] : extraReal)
        {
            var extra = load(name, SplitSeed);
            train.Add(Mixture.Conform(extra.Train, synthetic).Renamed(name));
            log($"{name}: train {extra.Train.Count:N0} (more real data)");
        }

        return new CharModelSources(synthetic, train, valid, heldOut);
    }
}
