using Scrawl.Imaging;
using Scrawl.Ocr;

namespace Scrawl.Reading.Characters;

/// <summary>
/// A classifier limited to some of another's classes: every disallowed class gets probability exactly 0 and the allowed ones are renormalised to
/// sum to 1 (uniform over the allowed classes when the classifier gave them all 0), so whatever reads the vectors can only choose an allowed class.
/// </summary>
/// <param name="inner">The classifier whose vectors are masked.</param>
/// <param name="allowed">One flag per class of <paramref name="inner"/> (at least one true).</param>
public sealed class MaskedClassifier(ICharacterClassifier inner, IReadOnlyList<bool> allowed) : ICharacterClassifier
{
    private readonly ICharacterClassifier inner = inner ?? throw new ArgumentNullException(nameof(inner));
    private readonly bool[] allowed = Checked(inner, allowed);

    /// <summary>The inner classifier's class names (disallowed ones included: they only ever get probability 0).</summary>
    public IReadOnlyList<string> ClassNames => inner.ClassNames;

    /// <summary>The inner classifier's vectors, masked and renormalised.</summary>
    public float[][] Classify(IReadOnlyList<FloatImage> crops)
    {
        var vectors = inner.Classify(crops);
        foreach (var p in vectors)
        {
            Mask(p, allowed);
        }

        return vectors;
    }

    /// <summary>Masks <paramref name="p"/> in place: disallowed entries 0, the allowed ones scaled to sum to 1 (uniform when they sum to 0).</summary>
    public static void Mask(Span<float> p, ReadOnlySpan<bool> allowed)
    {
        if (p.Length != allowed.Length)
        {
            throw new ArgumentException($"A probability vector has {p.Length} values for {allowed.Length} classes.", nameof(p));
        }

        double sum = 0;
        int count = 0;
        for (int c = 0; c < p.Length; c++)
        {
            if (!allowed[c] || !(p[c] > 0))
            {
                p[c] = 0;
            }

            sum += p[c];
            count += allowed[c] ? 1 : 0;
        }

        for (int c = 0; c < p.Length; c++)
        {
            p[c] = !allowed[c] ? 0 : sum > 0 ? (float)(p[c] / sum) : 1f / count;
        }
    }

    private static bool[] Checked(ICharacterClassifier inner, IReadOnlyList<bool> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        if (allowed.Count != inner.ClassNames.Count || !allowed.Any(a => a))
        {
            throw new ArgumentException($"The mask needs one flag per class ({inner.ClassNames.Count}), at least one set; got {allowed.Count}.", nameof(allowed));
        }

        return [.. allowed];
    }
}
