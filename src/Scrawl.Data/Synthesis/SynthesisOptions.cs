namespace Scrawl.Data.Synthesis;

/// <summary>A font the synthesizer draws from, with how often it is picked for letters and for digits.</summary>
/// <param name="Name">A built-in font name (see <see cref="HersheyFont.BuiltInNames"/>).</param>
/// <param name="LetterWeight">Relative weight among the candidates of a letter class (≥ 0; 0 = never).</param>
/// <param name="DigitWeight">Relative weight among the candidates of a digit class (≥ 0; 0 = never).</param>
/// <param name="MinPenWidth">Smallest pen width in output pixels (0–8) for this font; shaded fonts need ≈ 2 so their parallel lines merge.</param>
/// <param name="Shaded">True for fonts that draw thick parts as parallel strokes (duplex, complex): their strokes share one hand jitter.</param>
public sealed record FontChoice(string Name, double LetterWeight, double DigitWeight, float MinPenWidth = 0f, bool Shaded = false);

/// <summary>
/// The ranges of every random variation of <see cref="GlyphSynthesizer"/>. Lengths marked "of the
/// cap height" are fractions of a glyph's height before normalisation (a Hershey capital is 21
/// units tall); pixel values refer to the output frame. The defaults were tuned by looking at
/// montages so the glyphs read like upright, centred handwritten block capitals and digits.
/// </summary>
public sealed record SynthesisOptions
{
    /// <summary>Output side in pixels (8–256; 32 as in NIST36).</summary>
    public int Side { get; init; } = 32;

    /// <summary>Fonts and their weights; each needs a positive letter or digit weight overall.</summary>
    public IReadOnlyList<FontChoice> Fonts { get; init; } =
    [
        new("futural", 3.0, 3.0),
        new("futuram", 0.8, 0.8, 2.0f, Shaded: true),
        new("timesr", 0.15, 0.2, 2.2f, Shaded: true),
        new("timesi", 0.15, 0.2, 2.2f, Shaded: true),
        new("scripts", 0, 1.2, 1.6f, Shaded: true),
    ];

    /// <summary>Weight of each hand-designed variant glyph in "scrawl-variants" (≥ 0; 0 = unused).</summary>
    public double VariantWeight { get; init; } = 1.2;

    /// <summary>Thinnest pen in output pixels (0.5–8, ≤ <see cref="MaxPenWidth"/>), like a fine pen in a photo crop.</summary>
    public float MinPenWidth { get; init; } = 1.0f;

    /// <summary>Thickest pen in output pixels (0.5–8), like an MNIST digit; widths are drawn log-uniformly.</summary>
    public float MaxPenWidth { get; init; } = 3.6f;

    /// <summary>Pen pressure: the largest relative change of the width along a stroke (0–0.9).</summary>
    public float Pressure { get; init; } = 0.25f;

    /// <summary>Largest rotation in degrees either way (0–45); drawn from a normal of σ = half this, clipped.</summary>
    public float MaxRotationDegrees { get; init; } = 12f;

    /// <summary>Largest slant as a shear factor x += k·height either way (0–1); normal of σ = half this, clipped.</summary>
    public float MaxShear { get; init; } = 0.3f;

    /// <summary>Largest change of the width/height ratio as a factor (1–2): the ratio is scaled by e^U(−ln f, ln f).</summary>
    public float MaxAspectFactor { get; init; } = 1.3f;

    /// <summary>Standard deviation of each stroke end's displacement, of the cap height (0–0.2): loose joins and overshoots.</summary>
    public float EndJitter { get; init; } = 0.03f;

    /// <summary>Largest amplitude of the smooth per-stroke wobble, of the cap height (0–0.2).</summary>
    public float Wobble { get; init; } = 0.025f;

    /// <summary>Largest amplitude of the smooth elastic displacement field, of the cap height (0–0.3).</summary>
    public float Elastic { get; init; } = 0.07f;

    /// <summary>Mean of the ink box's longer side as a fraction of the frame (0.2–1), 0.78 as in NIST.</summary>
    public float FillMean { get; init; } = 0.785f;

    /// <summary>Standard deviation of that fraction (0–0.5); NIST's 10th–90th percentile span is 0.63–0.94.</summary>
    public float FillSpread { get; init; } = 0.12f;

    /// <summary>Smallest fill fraction (0.2–1, ≤ <see cref="FillMax"/>); samples are clipped to it.</summary>
    public float FillMin { get; init; } = 0.58f;

    /// <summary>Largest fill fraction (0.2–1); samples are clipped to it.</summary>
    public float FillMax { get; init; } = 0.97f;

    /// <summary>Standard deviation of the character's offset from the frame centre, pixels (0–4); it is kept inside the frame.</summary>
    public float PositionJitter { get; init; } = 0.6f;

    /// <summary>Chance that a sample is blurred (0–1).</summary>
    public float BlurProbability { get; init; } = 0.5f;

    /// <summary>Largest Gaussian blur σ in pixels (0–3); blurred samples draw σ uniformly from [0.3, this].</summary>
    public float MaxBlur { get; init; } = 0.8f;

    /// <summary>Smallest ink level (0.3–1): full ink is drawn uniformly in [this, 1] (lower = fainter ink).</summary>
    public float MinInk { get; init; } = 0.75f;

    /// <summary>Largest paper level (0–0.5): the background is drawn uniformly in [0, this].</summary>
    public float MaxPaper { get; init; } = 0.06f;

    /// <summary>Largest standard deviation of additive Gaussian pixel noise (0–0.3); each sample draws σ uniformly in [0, this].</summary>
    public float MaxNoise { get; init; } = 0.03f;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first value outside its documented range.</summary>
    public void Validate()
    {
        Check(Side, 8, 256, nameof(Side));
        ArgumentNullException.ThrowIfNull(Fonts);
        foreach (var f in Fonts)
        {
            if (f.LetterWeight < 0 || f.DigitWeight < 0 || f.MinPenWidth is < 0 or > 8 || !double.IsFinite(f.LetterWeight + f.DigitWeight))
            {
                throw new ArgumentOutOfRangeException(nameof(Fonts), $"Font {f.Name}: weights must be finite and ≥ 0 and the minimum pen width in 0–8.");
            }
        }

        Check(VariantWeight, 0, 1e6, nameof(VariantWeight));
        Check(MinPenWidth, 0.5, MaxPenWidth, nameof(MinPenWidth));
        Check(MaxPenWidth, 0.5, 8, nameof(MaxPenWidth));
        Check(Pressure, 0, 0.9, nameof(Pressure));
        Check(MaxRotationDegrees, 0, 45, nameof(MaxRotationDegrees));
        Check(MaxShear, 0, 1, nameof(MaxShear));
        Check(MaxAspectFactor, 1, 2, nameof(MaxAspectFactor));
        Check(EndJitter, 0, 0.2, nameof(EndJitter));
        Check(Wobble, 0, 0.2, nameof(Wobble));
        Check(Elastic, 0, 0.3, nameof(Elastic));
        Check(FillMean, 0.2, 1, nameof(FillMean));
        Check(FillSpread, 0, 0.5, nameof(FillSpread));
        Check(FillMin, 0.2, FillMax, nameof(FillMin));
        Check(FillMax, 0.2, 1, nameof(FillMax));
        Check(PositionJitter, 0, 4, nameof(PositionJitter));
        Check(BlurProbability, 0, 1, nameof(BlurProbability));
        Check(MaxBlur, 0, 3, nameof(MaxBlur));
        Check(MinInk, 0.3, 1, nameof(MinInk));
        Check(MaxPaper, 0, 0.5, nameof(MaxPaper));
        Check(MaxNoise, 0, 0.3, nameof(MaxNoise));
    }

    private static void Check(double value, double low, double high, string name)
    {
        if (!(value >= low && value <= high))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [{low}, {high}].");
        }
    }
}
