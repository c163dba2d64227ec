using Scrawl.Ocr;

namespace Scrawl.Reading.Characters;

/// <summary>
/// <see cref="CharacterOptions"/> for one model: the classifier to read with (masked to the allowed set) and the pass over a result that
/// keeps every label in the set, snaps words to the user's words and marks characters below the confidence floor.
/// </summary>
public sealed class CharacterControl
{
    private readonly HashSet<string>? allowed;
    private readonly UserWords? userWords;
    private readonly double minConfidence;

    /// <summary>The control of <paramref name="options"/> for <paramref name="classifier"/>; <see cref="ArgumentException"/> when an option is out of range or the set names a class the model lacks.</summary>
    public CharacterControl(ICharacterClassifier classifier, CharacterOptions options)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Classifier = classifier;
        if (options.AllowedCharacters is { } spec)
        {
            var flags = CharacterSet.Allowed(spec, classifier.ClassNames);
            allowed = classifier.ClassNames.Where((_, c) => flags[c]).ToHashSet(StringComparer.Ordinal);
            Classifier = new MaskedClassifier(classifier, flags);
        }

        if (options.UserWords is { Count: > 0 } words)
        {
            userWords = new UserWords(words, Classifier.ClassNames.Where(n => allowed?.Contains(n) ?? true).ToList(), options.UserWordMinRatio);
        }

        minConfidence = options.MinConfidence;
    }

    /// <summary>The classifier to read with: the given one, masked when a character set is given.</summary>
    public ICharacterClassifier Classifier { get; }

    /// <summary>The result with the options applied: labels outside the set replaced by the most probable allowed class, words snapped to user words, unsure characters marked.</summary>
    public OcrResult Apply(OcrResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result with { Lines = [.. result.Lines.Select(l => l with { Words = [.. l.Words.Select(Apply)] })] };
    }

    private ReadWord Apply(ReadWord word)
    {
        if (allowed is not null)
        {
            // The masked vectors give disallowed classes probability 0, so the context decoder cannot choose them; this keeps that promise whatever
            // decodes, and for the pieces the word reader names (its own probabilities, not the masked classifier's).
            word = word with { Characters = [.. word.Characters.Select(c => InSet(c))] };
        }

        word = userWords?.Snap(word) ?? word;
        return minConfidence > 0 && word.Characters.Any(c => c.Confidence < minConfidence)
            ? word with { Characters = [.. word.Characters.Select(c => c.Confidence < minConfidence ? c with { Label = CharacterOptions.Unsure } : c)] }
            : word;
    }

    /// <summary><paramref name="c"/> with its label, top label and alternatives in the set (the most probable allowed class where one was not; unsure when none is).</summary>
    private ReadCharacter InSet(ReadCharacter c)
    {
        if (allowed!.Contains(c.Label) && allowed.Contains(c.TopLabel) && c.Probabilities.All(g => allowed.Contains(g.Label)))
        {
            return c;
        }

        var kept = c.Probabilities.Where(g => allowed.Contains(g.Label)).ToList();
        if (kept.Count == 0)
        {
            return c with { Label = CharacterOptions.Unsure, Confidence = 0, TopLabel = CharacterOptions.Unsure, TopConfidence = 0, Probabilities = [] };
        }

        var best = kept[0];
        var inSet = c with { Probabilities = kept };
        inSet = allowed.Contains(c.TopLabel) ? inSet : inSet with { TopLabel = best.Label, TopConfidence = best.Probability };
        return allowed.Contains(c.Label) ? inSet : inSet with { Label = best.Label, Confidence = best.Probability };
    }
}
