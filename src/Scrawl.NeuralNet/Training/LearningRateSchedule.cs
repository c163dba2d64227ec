namespace Scrawl.NeuralNet.Training;

/// <summary>
/// A learning-rate schedule: the factor (in [0, 1] for the built-in ones) that multiplies the base rate
/// at a point of training, given as the fraction of all training done, t in [0, 1). The trainer asks once per batch.
/// </summary>
public abstract record LearningRateSchedule
{
    /// <summary>The factor at training progress <paramref name="progress"/> in [0, 1).</summary>
    public abstract double Factor(double progress);

    /// <summary>Short name for logs and run files, e.g. "cosine".</summary>
    public abstract string Kind { get; }

    /// <summary>The rate stays at the base rate.</summary>
    public static LearningRateSchedule Constant { get; } = new ConstantSchedule();

    /// <summary>
    /// Parses "constant", "cosine", "step" or "onecycle" with their default settings (the names
    /// <c>--schedule</c> options take); throws <see cref="ArgumentException"/> for anything else.
    /// </summary>
    public static LearningRateSchedule Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "constant" or "none" => Constant,
        "cosine" => new CosineSchedule(),
        "step" => new StepSchedule(),
        "onecycle" or "one-cycle" => new OneCycleSchedule(),
        _ => throw new ArgumentException($"Unknown learning-rate schedule '{name}'; use constant, cosine, step or onecycle.", nameof(name)),
    };
}

/// <summary>Factor 1 throughout.</summary>
public sealed record ConstantSchedule : LearningRateSchedule
{
    /// <inheritdoc/>
    public override string Kind => "constant";

    /// <inheritdoc/>
    public override double Factor(double progress) => 1;
}

/// <summary>
/// Linear warm-up over the first <see cref="WarmupFraction"/> of training, then half a cosine from 1 down to
/// <see cref="FinalFactor"/> (Loshchilov &amp; Hutter 2017, without restarts).
/// </summary>
public sealed record CosineSchedule : LearningRateSchedule
{
    /// <summary>Fraction of training spent warming up linearly from 0, in [0, 1).</summary>
    public double WarmupFraction { get; init; }

    /// <summary>The factor reached at the end, in [0, 1].</summary>
    public double FinalFactor { get; init; }

    /// <inheritdoc/>
    public override string Kind => "cosine";

    /// <inheritdoc/>
    public override double Factor(double progress)
    {
        if (progress < WarmupFraction)
        {
            return (progress + 1e-3) / (WarmupFraction + 1e-3);
        }

        double t = (progress - WarmupFraction) / (1 - WarmupFraction);
        return FinalFactor + ((1 - FinalFactor) * 0.5 * (1 + Math.Cos(Math.PI * Math.Clamp(t, 0, 1))));
    }
}

/// <summary>Multiplies the rate by <see cref="Gamma"/> after every <see cref="StepFraction"/> of training (e.g. ×0.1 at 1/3 and 2/3).</summary>
public sealed record StepSchedule : LearningRateSchedule
{
    /// <summary>Fraction of training between drops, in (0, 1].</summary>
    public double StepFraction { get; init; } = 1.0 / 3;

    /// <summary>Factor applied at each drop, in (0, 1].</summary>
    public double Gamma { get; init; } = 0.1;

    /// <inheritdoc/>
    public override string Kind => "step";

    /// <inheritdoc/>
    public override double Factor(double progress) => Math.Pow(Gamma, Math.Floor((progress + 1e-12) / StepFraction));
}

/// <summary>
/// One-cycle (Smith 2018, cosine form): rises from <see cref="StartFactor"/> to 1 over the first
/// <see cref="PeakFraction"/> of training, then falls to <see cref="FinalFactor"/>.
/// </summary>
public sealed record OneCycleSchedule : LearningRateSchedule
{
    /// <summary>Fraction of training at which the rate peaks, in (0, 1).</summary>
    public double PeakFraction { get; init; } = 0.3;

    /// <summary>Starting factor, in (0, 1].</summary>
    public double StartFactor { get; init; } = 0.04;

    /// <summary>Final factor, in [0, 1].</summary>
    public double FinalFactor { get; init; } = 1e-3;

    /// <inheritdoc/>
    public override string Kind => "onecycle";

    /// <inheritdoc/>
    public override double Factor(double progress)
    {
        if (progress < PeakFraction)
        {
            return Blend(StartFactor, 1, progress / PeakFraction);
        }

        return Blend(1, FinalFactor, Math.Clamp((progress - PeakFraction) / (1 - PeakFraction), 0, 1));
    }

    private static double Blend(double from, double to, double t) => to + ((from - to) * 0.5 * (1 + Math.Cos(Math.PI * t)));
}
