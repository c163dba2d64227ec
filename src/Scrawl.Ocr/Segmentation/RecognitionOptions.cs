namespace Scrawl.Ocr.Segmentation;

/// <summary>Settings of <see cref="RecognitionSegmenter"/> (segmentation by recognition); sizes relative to the line's character height.</summary>
public sealed record RecognitionOptions
{
    /// <summary>A character read with a top probability below this (in [0, 1]) is cut into candidate pieces.</summary>
    public double SuspiciousConfidence { get; init; } = 0.3;

    /// <summary>A character wider than this many times (≥ 1) its top class's expected width on the line is cut into candidate pieces (an unsure one already when wider than a typical character).</summary>
    public double SuspiciousWidth { get; init; } = 1.6;

    /// <summary>Cost (log-probability units, ≥ 0) of each cut a path makes through one of the finder's characters: pieces of one blob must read clearly better than the blob.</summary>
    public double CutCost { get; init; } = 0.4;

    /// <summary>Least spread (≥ 0.05) of a class's ln(width / height): writers vary more than the synthetic glyphs the widths are measured on.</summary>
    public double MinAspectSpread { get; init; } = 0.35;

    /// <summary>Pieces at most this fraction (≥ 0) of the character height apart may be read together as one character (a letter broken by pen lifts).</summary>
    public double MaxMergeGap { get; init; } = 0.3;

    /// <summary>At most this many pieces (≥ 1) form one character.</summary>
    public int MaxPieces { get; init; } = 10;

    /// <summary>A candidate character is at most this many times (≥ 1) as wide as the widest class's expected width.</summary>
    public double MaxWidth { get; init; } = 1.5;

    /// <summary>Added to a path's score per character (any finite value; &gt; 0 favours more, narrower characters).</summary>
    public double CharacterBonus { get; init; }

    /// <summary>Characters read at least this sure (in [0, 1]) measure the writer's proportions (how wide they write each class).</summary>
    public double WriterConfidence { get; init; } = 0.9;

    /// <summary>
    /// The segment check (<see cref="SegmentCheck"/>: a classifier of crops into <c>one</c> character or <c>not</c>), or null for none. With it
    /// every candidate's score gains <see cref="CheckWeight"/> · ln p(one), and a character it doubts is cut into candidate pieces too.
    /// </summary>
    public ICharacterClassifier? Check { get; init; }

    /// <summary>Weight (≥ 0) of the segment check's ln p(one) in a candidate's score.</summary>
    public double CheckWeight { get; init; } = 1;

    /// <summary>A character the segment check gives p(one) below this (in [0, 1]) is cut into candidate pieces.</summary>
    public double CheckSuspicious { get; init; } = 0.5;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        Ensure(SuspiciousConfidence is >= 0 and <= 1, nameof(SuspiciousConfidence), SuspiciousConfidence);
        Ensure(SuspiciousWidth >= 1, nameof(SuspiciousWidth), SuspiciousWidth);
        Ensure(CutCost >= 0 && double.IsFinite(CutCost), nameof(CutCost), CutCost);
        Ensure(MinAspectSpread >= 0.05 && double.IsFinite(MinAspectSpread), nameof(MinAspectSpread), MinAspectSpread);
        Ensure(MaxMergeGap >= 0, nameof(MaxMergeGap), MaxMergeGap);
        Ensure(MaxPieces >= 1, nameof(MaxPieces), MaxPieces);
        Ensure(MaxWidth >= 1, nameof(MaxWidth), MaxWidth);
        Ensure(double.IsFinite(CharacterBonus), nameof(CharacterBonus), CharacterBonus);
        Ensure(WriterConfidence is >= 0 and <= 1, nameof(WriterConfidence), WriterConfidence);
        Ensure(CheckWeight >= 0 && double.IsFinite(CheckWeight), nameof(CheckWeight), CheckWeight);
        Ensure(CheckSuspicious is >= 0 and <= 1, nameof(CheckSuspicious), CheckSuspicious);
    }

    private static void Ensure(bool ok, string name, object value)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} is out of range; see its documentation.");
        }
    }
}
