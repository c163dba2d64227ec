using System.Text.Json.Serialization;
using Scrawl.NeuralNet.Training;

namespace Scrawl.Ocr.Training;

/// <summary>
/// Everything that determines the character model's trained weights (stored in the model's metadata and the manifest).
/// </summary>
/// <param name="Epochs">Epochs (≥ 1); each draws a fresh class-balanced, augmented sample.</param>
/// <param name="PerClass">Samples per class per epoch (≥ 1).</param>
/// <param name="SynthPerClass">Synthetic glyphs generated per class (≥ 1).</param>
/// <param name="SyntheticFraction">Share of each epoch drawn from synthetic glyphs, in [0, 1].</param>
/// <param name="LearningRate">Peak Adam learning rate (&gt; 0) on mean batch gradients.</param>
/// <param name="Schedule">A <see cref="LearningRateSchedule"/> name: onecycle, cosine, step or constant.</param>
/// <param name="Batch">Batch size (≥ 1).</param>
/// <param name="Width">Channels of the first conv block (≥ 4).</param>
/// <param name="Seed">Seed of weights, synthesis, sampling and augmentation.</param>
/// <param name="SyntheticOnly">Train on synthetic glyphs alone (still scored on held-out real data).</param>
/// <param name="Augment">Augment every drawn image.</param>
public sealed record CharModelRecipe(
    int Epochs, int PerClass, int SynthPerClass, double SyntheticFraction, float LearningRate, string Schedule,
    int Batch, int Width, long Seed, bool SyntheticOnly, bool Augment)
{
    /// <summary>
    /// The constructor reading JSON uses: a recipe stored before <paramref name="ExtraReal"/>, <paramref name="Classes"/>, <paramref name="Draw"/> or
    /// <paramref name="Calibrate"/> or <paramref name="Gaps"/> existed reads with their defaults (the compile-time generated serializer sets an init-only property
    /// missing from the JSON to null or 0, not to its initial value; one bound to a constructor parameter gets the parameter's default).
    /// </summary>
    [JsonConstructor]
    public CharModelRecipe(
        int Epochs, int PerClass, int SynthPerClass, double SyntheticFraction, float LearningRate, string Schedule, int Batch, int Width, long Seed,
        bool SyntheticOnly, bool Augment, IReadOnlyList<string>? ExtraReal, int Classes = DefaultClasses, EpochDraw? Draw = null, bool Calibrate = false,
        double Gaps = 0)
        : this(Epochs, PerClass, SynthPerClass, SyntheticFraction, LearningRate, Schedule, Batch, Width, Seed, SyntheticOnly, Augment)
    {
        this.ExtraReal = ExtraReal ?? [];
        this.Classes = Classes;
        this.Draw = Draw ?? EpochDraw.Default;
        this.Calibrate = Calibrate;
        this.Gaps = Gaps;
    }

    /// <summary>The output classes unless a recipe says otherwise: 36.</summary>
    public const int DefaultClasses = 36;

    /// <summary>More real data sets (catalog names, e.g. <c>emnist-more36</c>) whose training splits join the real sources; empty by default.</summary>
    public IReadOnlyList<string> ExtraReal { get; init; } = [];

    /// <summary>Output classes: 36 (A–Z, 0–9; the default) or 62 (A–Z, 0–9, a–z with EMNIST byclass-test, see <see cref="MixedCaseData"/>).</summary>
    public int Classes { get; init; } = DefaultClasses;

    /// <summary>How each epoch is drawn: class prior, pooled real images, label smoothing (<see cref="EpochDraw.Default"/>: the original class-balanced draw).</summary>
    public EpochDraw Draw { get; init; } = EpochDraw.Default;

    /// <summary>
    /// Fit a softmax temperature on the real validation crops after training (minimum negative log-likelihood,
    /// <see cref="ConfidenceCalibration.FitTemperature"/>) and store it in the model, so readers report calibrated confidences; off by default
    /// (the OCR pipeline's confidence thresholds were set with uncalibrated models).
    /// </summary>
    public bool Calibrate { get; init; }

    /// <summary>Probability in [0, 1] that augmentation cuts pen-lift gaps across a drawn image's strokes (<c>StrokeGaps</c>); 0 by default.</summary>
    public double Gaps { get; init; }

    /// <summary>The model file's name: charmodel.scrawl for 36 classes, charmodel-mixed.scrawl for 62.</summary>
    public string ModelFileName => Classes == 62 ? "charmodel-mixed.scrawl" : "charmodel.scrawl";

    /// <summary>Throws an <see cref="ArgumentException"/> naming the options unless every value is in range.</summary>
    public void Validate()
    {
        if (Epochs < 1 || PerClass < 1 || SynthPerClass < 1 || Batch < 1 || Width < 4 || !(LearningRate > 0)
            || !(SyntheticFraction is >= 0 and <= 1) || !(Gaps is >= 0 and <= 1) || Classes is not (36 or 62))
        {
            throw new ArgumentException("--epochs, --per-class, --synth-per-class and --batch must be ≥ 1, --width ≥ 4, --lr > 0, --synthetic-fraction and --gaps in [0, 1] and --classes 36 or 62.");
        }

        ArgumentNullException.ThrowIfNull(Draw);
        Draw.Validate();
        LearningRateSchedule.Parse(Schedule); // an ArgumentException naming the known schedules
    }

    /// <summary>The <c>./scrawl train-charmodel …</c> command line that reproduces this recipe.</summary>
    public string CommandLine() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"./scrawl train-charmodel --epochs {Epochs} --per-class {PerClass} --synth-per-class {SynthPerClass} --synthetic-fraction {SyntheticFraction} --lr {LearningRate} --schedule {Schedule} --batch {Batch} --width {Width} --seed {Seed}{(SyntheticOnly ? " --synthetic-only" : "")}{(Augment ? "" : " --no-augment")}{(ExtraReal.Count > 0 ? " --real " + string.Join(',', ExtraReal) : "")}{(Classes != 36 ? $" --classes {Classes}" : "")}{Draw.CommandLine()}{(Calibrate ? " --calibrate" : "")}{(Gaps > 0 ? $" --gaps {Gaps}" : "")}");
}
