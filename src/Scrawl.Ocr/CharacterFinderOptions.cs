namespace Scrawl.Ocr;

/// <summary>Settings of <see cref="CharacterFinder"/>; sizes in pixels of the working image unless a fraction says otherwise.</summary>
public sealed record CharacterFinderOptions
{
    /// <summary>Photos whose longer side exceeds this (≥ 64) are downscaled to it before any other step; smaller ones are used as they are.</summary>
    public int WorkingSide { get; init; } = 2000;

    /// <summary>Standard deviation of the Gaussian blur before thresholding, ≥ 0 (0: none).</summary>
    public float BlurSigma { get; init; } = 1.0f;

    /// <summary>Sauvola window side, odd, ≥ 3; a few stroke widths or more (it must see paper around a stroke).</summary>
    public int SauvolaWindow { get; init; } = 51;

    /// <summary>
    /// Length in working pixels (0: off; else odd, ≥ 3) of the line footprint that estimates the paper behind the ink: the photo is
    /// divided by the darker of its horizontal and vertical line closings (<see cref="CharacterFinder.Flatten(Scrawl.Imaging.FloatImage, int)"/>), which keep every
    /// dark thing at least this long — ruling and grid lines, shadows and their edges, a pen, the desk — and lose the writing.
    /// Set from the page's character height by the reading pipeline.
    /// </summary>
    public int BackgroundLength { get; init; }

    /// <summary>Take the paper's printed structure out of the ink before finding characters: long thin horizontal and vertical lines (<see cref="RulingRemoval"/>), then the dots of a dot grid (<see cref="DotGrid"/>).</summary>
    public bool RemoveRuling { get; init; } = true;

    /// <summary>Sauvola's k in [0, 1]: with r = 1 a pixel is ink when darker than ≈ (1 − k) × its local mean.</summary>
    public float SauvolaK { get; init; } = 0.2f;

    /// <summary>Lower <see cref="SauvolaK"/> on pages of faint writing to half the ink's measured contrast to the paper (<see cref="StrokeContrast"/>); never raised.</summary>
    public bool AdaptSauvolaK { get; init; } = true;

    /// <summary>
    /// Global sanity check, in [0, 1]: a pixel is ink only if it is also ≤ Otsu's global threshold plus this
    /// fraction of the distance from that threshold to the paper level (the median); 1 disables the check.
    /// </summary>
    public float OtsuSlack { get; init; } = 0.5f;

    /// <summary>Side of the square closing that heals broken pencil strokes, ≥ 1 (1: none).</summary>
    public int ClosingSize { get; init; } = 3;

    /// <summary>Components whose thickest point exceeds this multiple (0: off; else &gt; 1) of the page's typical stroke half-width are solid blobs — a pen, a punched hole, a thumb — not writing (<see cref="ThickBlobs"/>).</summary>
    public double ThickBlobFactor { get; init; } = ThickBlobs.DefaultFactor;

    /// <summary>Components touching the image border and at least this many typical character heights long (0: off; else &gt; 1) reach in from outside the frame — fingers, a sleeve, the paper's edge — and are dropped (<see cref="FrameIntruders"/>).</summary>
    public double FrameIntruderFactor { get; init; } = FrameIntruders.DefaultFactor;

    /// <summary>Once long straight oblique lines are erased, also erase the shorter pieces along them (a broken pencil edge; <see cref="LineFragments"/>).</summary>
    public bool EraseLineFragments { get; init; } = true;

    /// <summary>Drop the pieces of long straight oblique lines (a pen's or pencil's outline across the page; <see cref="StraightLines"/>) and stacks of bars (a printed page's text lines; <see cref="BarStacks"/>).</summary>
    public bool RemoveStraightLines { get; init; } = true;

    /// <summary>
    /// The writing may hold lower case (mixed-case reading): its typical (median) height is then about the x-height, while capitals and
    /// ascenders stand up to about twice as tall, so a wide capital's diagonal can be longer than the oblique lines
    /// <see cref="RemoveStraightLines"/> erases when those are measured in typical heights. Such lines are then measured in the height of
    /// the page's tallest writing (<see cref="CharacterFinder.TallHeight"/>) instead.
    /// </summary>
    public bool LowerCase { get; init; }

    /// <summary>Components with both box sides below this fraction (in [0, 1)) of the typical character height are noise, dropped before merging.</summary>
    public double NoiseFraction { get; init; } = 0.15;

    /// <summary>Marks whose longer box side is below this fraction (in [0, 1)) of the typical character height are dots, commas or specks: dropped after merging.</summary>
    public double MarkFraction { get; init; } = 0.4;

    /// <summary>Two pieces merge when their columns overlap by at least this fraction (in (0, 1]) of the narrower piece's width…</summary>
    public double MergeOverlap { get; init; } = 0.5;

    /// <summary>…their vertical gap is at most this fraction (≥ 0) of the typical character height…</summary>
    public double MergeMaxGap { get; init; } = 0.35;

    /// <summary>…and the merged box is at most this many typical character heights tall (≥ 1).</summary>
    public double MergeMaxHeight { get; init; } = 1.6;

    /// <summary>Side-by-side pieces merge when at most this fraction (≥ 0) of the typical character height apart…</summary>
    public double MergeTouchGap { get; init; } = 0.08;

    /// <summary>…and together at most this many typical character widths wide (&gt; 0).</summary>
    public double MergeMaxWidth { get; init; } = 2.2;

    /// <summary>A box wider than this many typical character widths (&gt; 1) is taken for touching characters and split at column-profile minima.</summary>
    public double SplitWidth { get; init; } = 2.4;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        Check(WorkingSide >= 64, nameof(WorkingSide), WorkingSide);
        Check(float.IsFinite(BlurSigma) && BlurSigma >= 0, nameof(BlurSigma), BlurSigma);
        Check(SauvolaWindow >= 3 && SauvolaWindow % 2 == 1, nameof(SauvolaWindow), SauvolaWindow);
        Check(SauvolaK is >= 0 and <= 1, nameof(SauvolaK), SauvolaK);
        Check(OtsuSlack is >= 0 and <= 1, nameof(OtsuSlack), OtsuSlack);
        Check(BackgroundLength == 0 || (BackgroundLength >= 3 && BackgroundLength % 2 == 1), nameof(BackgroundLength), BackgroundLength);
        Check(ClosingSize >= 1, nameof(ClosingSize), ClosingSize);
        Check(ThickBlobFactor == 0 || ThickBlobFactor > 1, nameof(ThickBlobFactor), ThickBlobFactor);
        Check(FrameIntruderFactor == 0 || FrameIntruderFactor > 1, nameof(FrameIntruderFactor), FrameIntruderFactor);
        Check(NoiseFraction is >= 0 and < 1, nameof(NoiseFraction), NoiseFraction);
        Check(MarkFraction is >= 0 and < 1, nameof(MarkFraction), MarkFraction);
        Check(MergeOverlap is > 0 and <= 1, nameof(MergeOverlap), MergeOverlap);
        Check(MergeMaxGap >= 0, nameof(MergeMaxGap), MergeMaxGap);
        Check(MergeMaxHeight >= 1, nameof(MergeMaxHeight), MergeMaxHeight);
        Check(MergeTouchGap >= 0, nameof(MergeTouchGap), MergeTouchGap);
        Check(MergeMaxWidth > 0, nameof(MergeMaxWidth), MergeMaxWidth);
        Check(SplitWidth > 1, nameof(SplitWidth), SplitWidth);
    }

    private static void Check(bool ok, string name, object value)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} is out of range; see its documentation.");
        }
    }
}
