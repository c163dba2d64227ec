namespace Scrawl.Ocr.Segmentation;

/// <summary>
/// The segment check of segmentation by recognition: a small classifier that tells whether a candidate crop holds one character or not
/// (two letters read as one, a letter and a half), trained on <see cref="SegmentCheckData"/>. The character classifier alone is as sure of
/// a blob of two touching letters (read as W, say) as of a real W; this check is what tells them apart.
/// </summary>
public static class SegmentCheck
{
    /// <summary>The shipped segment check's file name, next to the character model.</summary>
    public const string FileName = "segcheck.scrawl";

    /// <summary>
    /// p(one) of each crop (32×32, as <see cref="CropPreparation.Prepare"/> makes them) by <paramref name="check"/>, whose classes must be
    /// <see cref="SegmentCheckData.ClassNames"/> (else an <see cref="ArgumentException"/>).
    /// </summary>
    public static double[] One(ICharacterClassifier check, IReadOnlyList<Imaging.FloatImage> crops)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(crops);
        Validate(check);
        if (crops.Count == 0)
        {
            return [];
        }

        var probabilities = check.Classify(crops);
        return [.. probabilities.Select(p => (double)p[0])];
    }

    /// <summary>Throws an <see cref="ArgumentException"/> unless <paramref name="check"/>'s classes are <c>one</c>, <c>not</c>.</summary>
    public static void Validate(ICharacterClassifier check)
    {
        if (Problem(check) is { } problem)
        {
            throw new ArgumentException(problem, nameof(check));
        }
    }

    /// <summary>Why <paramref name="check"/> cannot be a segment check (its classes are not <c>one</c>, <c>not</c>), or null when it can.</summary>
    public static string? Problem(ICharacterClassifier check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return check.ClassNames.SequenceEqual(SegmentCheckData.ClassNames)
            ? null
            : $"A segment check classifies into 'one' and 'not'; this model's classes are {string.Join(", ", check.ClassNames.Take(5))}{(check.ClassNames.Count > 5 ? ", …" : "")}.";
    }
}
