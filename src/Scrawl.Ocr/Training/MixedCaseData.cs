using Scrawl.Data;

namespace Scrawl.Ocr.Training;

/// <summary>
/// The one place that decides which real lower- and mixed-case glyphs a model may learn from and which are held out: EMNIST
/// byclass-test (<see cref="Source"/>, 62 classes, exact case), split 80/10/10 per class, stratified, with the fixed
/// <see cref="CharModelData.SplitSeed"/>. <c>train-charmodel --classes 62</c> trains on <see cref="Training"/> and watches
/// <see cref="Validation"/>; its held-out score and the mixed-case page benchmark (<c>scrawl ocr-mixed</c>) use
/// <see cref="HeldOut"/> only, so no benchmark glyph was ever trained on.
/// </summary>
public static class MixedCaseData
{
    /// <summary>The catalog name of the 62-class real set (<c>../shared/datasets/emnist/byclass-test</c>).</summary>
    public const string Source = "emnist-byclass-test";

    /// <summary>The 62 class names of a mixed-case model in output order: A–Z, 0–9 (the capitals model's order), then a–z.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        [.. Nist36Layout.ClassNames, .. Enumerable.Range(0, 26).Select(i => ((char)('a' + i)).ToString())];

    /// <summary>The split of <see cref="Source"/> (train 80 %, valid 10 %, test 10 %) with <see cref="CharModelData.SplitSeed"/>; <paramref name="load"/> resolves a catalog name and split seed.</summary>
    public static DatasetSplits Split(Func<string, long, DatasetSplits> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        var splits = load(Source, CharModelData.SplitSeed);
        if (splits.Valid is null || splits.Test is null)
        {
            throw new InvalidDataException($"{Source}: expected a validation and a test split (80/10/10).");
        }

        return splits;
    }

    /// <summary>The part models are trained on (80 %).</summary>
    public static ImageSet Training(Func<string, long, DatasetSplits> load) => Split(load).Train;

    /// <summary>The part watched during training (10 %); never in the benchmark.</summary>
    public static ImageSet Validation(Func<string, long, DatasetSplits> load) => Split(load).Valid!;

    /// <summary>The held-out part (10 %): never trained on or used for a choice; the benchmark's glyphs and the held-out score.</summary>
    public static ImageSet HeldOut(Func<string, long, DatasetSplits> load) => Split(load).Test!;
}
