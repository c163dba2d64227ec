namespace Scrawl.Reading.Characters;

/// <summary>
/// What a reader may write, applied in this order: the character set (the classifier's probabilities are masked, so nothing outside it is
/// ever written), the user's words (a word snaps to the entry its character probabilities favour when that entry is close) and the
/// confidence floor (characters below it are written as <see cref="Unsure"/>). The defaults change nothing.
/// </summary>
public sealed record CharacterOptions
{
    /// <summary>What characters below <see cref="MinConfidence"/> are written as.</summary>
    public const string Unsure = "?";

    /// <summary>
    /// The characters that may be written: <c>digits</c> (0–9), <c>letters</c> (A–Z, a–z), <c>alnum</c> (both) — each limited to the classes the
    /// model has — or the characters themselves (e.g. <c>"0123456789ABCDEF"</c>; whitespace ignored; each must be one of the model's classes).
    /// Null: every class.
    /// </summary>
    public string? AllowedCharacters { get; init; }

    /// <summary>The user's words (a lexicon; each word one or more characters, no whitespace), matched to the model's classes letter by letter (case-folded when the model lacks the case); null or empty: none.</summary>
    public IReadOnlyList<string>? UserWords { get; init; }

    /// <summary>
    /// How close a user word must be to be taken, in (0, 1]: a word of n characters with probability vectors p₁…pₙ snaps to the entry e of the same
    /// length that maximises Πᵢ pᵢ(eᵢ) when Πᵢ pᵢ(eᵢ) ≥ this × Πᵢ maxₖ pᵢ(k), i.e. when the classifier's evidence against the entry,
    /// Σᵢ ln(maxₖ pᵢ(k) / pᵢ(eᵢ)), is at most ln(1 / this) nats (0.01: 4.6 nats, e.g. one character read 0.9 / 0.01 or two read 0.6 / 0.1).
    /// </summary>
    public double UserWordMinRatio { get; init; } = 0.01;

    /// <summary>Characters whose confidence is below this, in [0, 1], are written as <see cref="Unsure"/> (0: never).</summary>
    public double MinConfidence { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (!(UserWordMinRatio is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(UserWordMinRatio), UserWordMinRatio, "The user-word ratio must be in (0, 1].");
        }

        if (!(MinConfidence is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MinConfidence), MinConfidence, $"The minimum confidence {MinConfidence} must be in [0, 1].");
        }

        foreach (string word in UserWords ?? [])
        {
            if (string.IsNullOrEmpty(word) || word.Any(char.IsWhiteSpace))
            {
                throw new ArgumentException($"The user word '{word}' is empty or holds whitespace.", nameof(UserWords));
            }
        }
    }
}
