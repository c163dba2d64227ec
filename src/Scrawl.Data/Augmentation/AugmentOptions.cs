namespace Scrawl.Data.Augmentation;

/// <summary>
/// Settings of <see cref="CharacterAugmenter"/>. Each effect fires with its own probability; ranges are
/// drawn uniformly. The defaults suit normalised 32×32 handwritten characters (Scrawl's convention).
/// </summary>
public sealed record AugmentOptions
{
    /// <summary>Largest rotation either way, in degrees [0, 45].</summary>
    public double MaxRotationDegrees { get; init; } = 10;

    /// <summary>Largest horizontal shear either way (x += shear·y), in [0, 1].</summary>
    public double MaxShear { get; init; } = 0.3;

    /// <summary>Largest change of the width-to-height ratio either way, as a fraction in [0, 0.5].</summary>
    public double MaxAspectChange { get; init; } = 0.2;

    /// <summary>Probability in [0, 1] of an elastic distortion.</summary>
    public double ElasticProbability { get; init; } = 0.5;

    /// <summary>Largest elastic displacement in pixels of the 32-pixel frame, in [0, 4].</summary>
    public double ElasticPixels { get; init; } = 1.5;

    /// <summary>Probability in [0, 1] of thickening the strokes (a blend towards a 3×3 grey dilation).</summary>
    public double ThickenProbability { get; init; } = 0.3;

    /// <summary>Probability in [0, 1] of thinning the strokes (a blend towards a 3×3 grey erosion), when not thickened.</summary>
    public double ThinProbability { get; init; } = 0.3;

    /// <summary>Smallest and largest fraction of the frame spanned by the character's longer side after re-normalising, in (0, 1].</summary>
    public (double Min, double Max) Span { get; init; } = (0.72, 0.84);

    /// <summary>Largest shift of the re-normalised character either way, in whole pixels [0, 4].</summary>
    public int MaxShiftPixels { get; init; } = 1;

    /// <summary>Probability in [0, 1] of a Gaussian blur with σ in [0.4, 1] pixels.</summary>
    public double BlurProbability { get; init; } = 0.25;

    /// <summary>Probability in [0, 1] of changing paper and ink levels (paper up to 0.2, ink down to 0.6).</summary>
    public double ContrastProbability { get; init; } = 0.3;

    /// <summary>Probability in [0, 1] of additive Gaussian noise with σ up to <see cref="MaxNoise"/>.</summary>
    public double NoiseProbability { get; init; } = 0.25;

    /// <summary>Largest noise standard deviation, in [0, 0.5].</summary>
    public double MaxNoise { get; init; } = 0.08;

    /// <summary>Probability in [0, 1] of binarising (threshold in [0.35, 0.6]), like crops cut from a binary ink mask.</summary>
    public double BinarizeProbability { get; init; } = 0.3;

    /// <summary>
    /// Probability in [0, 1] of pen lifts: one gap (two with probability 0.3) erased across the strokes, a band 1–2.2 pixels wide and
    /// 0.25–0.5 of the side long through an ink pixel at a random angle (<see cref="StrokeGaps"/>); 0 (the default) draws nothing.
    /// </summary>
    public double GapProbability { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a setting is out of range.</summary>
    public void Validate()
    {
        static void Probability(double p, string name)
        {
            if (!(p >= 0 && p <= 1))
            {
                throw new ArgumentOutOfRangeException(name, p, "A probability must be in [0, 1].");
            }
        }

        Probability(ElasticProbability, nameof(ElasticProbability));
        Probability(ThickenProbability, nameof(ThickenProbability));
        Probability(ThinProbability, nameof(ThinProbability));
        Probability(BlurProbability, nameof(BlurProbability));
        Probability(ContrastProbability, nameof(ContrastProbability));
        Probability(NoiseProbability, nameof(NoiseProbability));
        Probability(BinarizeProbability, nameof(BinarizeProbability));
        Probability(GapProbability, nameof(GapProbability));
        if (!(MaxRotationDegrees is >= 0 and <= 45) || !(MaxShear is >= 0 and <= 1) || !(MaxAspectChange is >= 0 and <= 0.5)
            || !(ElasticPixels is >= 0 and <= 4) || !(Span.Min > 0 && Span.Min <= Span.Max && Span.Max <= 1)
            || MaxShiftPixels is < 0 or > 4 || !(MaxNoise is >= 0 and <= 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(AugmentOptions), $"Invalid augmentation options: {this}.");
        }
    }
}
