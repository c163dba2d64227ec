
using Scrawl.Imaging;

namespace Scrawl.Ocr;

/// <summary>
/// Stage 5: turns normalised character crops (Scrawl's convention: 32×32 grey, ink = 1, upright,
/// row-major, as <see cref="CharacterCrops.Normalize(InkCharacter, CharacterNormalizeOptions?)"/> makes
/// them) into full probability vectors over the classifier's classes. Implementations convert to their
/// model's own input convention and must be safe to call from one thread at a time.
/// </summary>
public interface ICharacterClassifier
{
    /// <summary>The class names, in the order of the probability vectors (at least one).</summary>
    IReadOnlyList<string> ClassNames { get; }

    /// <summary>One probability vector per crop (each ClassNames.Count values in [0, 1] summing to ≈ 1), in one batched pass.</summary>
    float[][] Classify(IReadOnlyList<FloatImage> crops);
}

/// <summary>How a model expects a 32×32 character crop laid out.</summary>
public enum CropConvention
{
    /// <summary>Scrawl's convention: ink = 1 on paper 0, upright, row-major (model metadata <c>input = "scrawl"</c>).</summary>
    Scrawl,

    /// <summary>The NIST36 layout: ink 0 on paper 1, transposed (metadata <c>input = "nist36"</c>; the reference npz model).</summary>
    Nist36,
}
