namespace Scrawl.Ocr.Case;

/// <summary>Settings of mixed-case reading (<see cref="CaseDecoder"/>): how far a line's geometry may overrule the classifier, and the word case model.</summary>
public sealed record MixedCaseOptions
{
    /// <summary>
    /// The least a class's probability is multiplied by for a bad fit to the line's geometry, in (0, 1]: a glyph the classifier is surer
    /// of than 1 / (1 + floor) odds keeps its class wherever it stands (0.02: geometry can shift the odds at most 50-fold).
    /// </summary>
    public double GeometryFloor { get; init; } = 0.02;

    /// <summary>Probability in (0, 0.5] that a word changes case after its second letter or goes from lower to upper case ("wOrd", "woRD").</summary>
    public double CaseSwitchProbability { get; init; } = 0.05;

    /// <summary>Probability in (0, 1) that a word's first letter is a capital followed by lower case (a Capitalised word), versus staying in one case.</summary>
    public double CapitalisedProbability { get; init; } = 0.3;

    /// <summary>Probability in (0, 0.5] of a switch between letters and digits inside a word (as <see cref="WordContextOptions.SwitchProbability"/>).</summary>
    public double DigitSwitchProbability { get; init; } = 0.01;

    /// <summary>
    /// Components smaller than this fraction (in [0, 1)) of the typical character height are noise; smaller than the capitals pipeline's 0.15 so
    /// that the dots of i and j survive and join their stems (<see cref="CharacterFinderOptions.NoiseFraction"/>).
    /// </summary>
    public double NoiseFraction { get; init; } = 0.06;

    /// <summary>The line grouper's slope ridge in typical heights (≥ 0, <see cref="LineGroupingOptions.SlopeRidge"/>): capitals and lower case side by side must not tilt a line's first fit.</summary>
    public double SlopeRidge { get; init; } = 2;

    /// <summary>
    /// The line grouper's tolerance in typical heights (&gt; 0, <see cref="LineGroupingOptions.Tolerance"/>): in mixed case the typical (median)
    /// height is about the x-height, and the centres of ascenders, x-height letters and descenders of one line lie up to ≈ 0.4 of it from
    /// the line's centre, so the capitals' 0.5 splits lines; lines are ≥ 3 x-heights apart, so 0.8 stays clear of the next one.
    /// </summary>
    public double LineTolerance { get; init; } = 0.8;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        Check(GeometryFloor is > 0 and <= 1, nameof(GeometryFloor), GeometryFloor);
        Check(CaseSwitchProbability is > 0 and <= 0.5, nameof(CaseSwitchProbability), CaseSwitchProbability);
        Check(CapitalisedProbability is > 0 and < 1, nameof(CapitalisedProbability), CapitalisedProbability);
        Check(DigitSwitchProbability is > 0 and <= 0.5, nameof(DigitSwitchProbability), DigitSwitchProbability);
        Check(NoiseFraction is >= 0 and < 1, nameof(NoiseFraction), NoiseFraction);
        Check(SlopeRidge >= 0 && double.IsFinite(SlopeRidge), nameof(SlopeRidge), SlopeRidge);
        Check(LineTolerance > 0 && double.IsFinite(LineTolerance), nameof(LineTolerance), LineTolerance);
    }

    private static void Check(bool ok, string name, double value)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} is out of range; see its documentation.");
        }
    }
}
