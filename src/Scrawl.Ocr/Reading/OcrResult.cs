namespace Scrawl.Ocr;

/// <summary>What a page reads: its lines top to bottom (the Tesseract-like hierarchy page → line → word → character).</summary>
/// <param name="Height">Height in pixels (≥ 1) of the image the boxes refer to.</param>
/// <param name="Width">Width in pixels (≥ 1) of the image the boxes refer to.</param>
/// <param name="Lines">The lines, top to bottom.</param>
public sealed record OcrResult(int Height, int Width, IReadOnlyList<ReadLine> Lines)
{
    /// <summary>The text: one line per text line, words separated by one space.</summary>
    public string Text => string.Join("\n", Lines.Select(l => l.Text));

    /// <summary>All characters in reading order.</summary>
    public IEnumerable<ReadCharacter> Characters => Lines.SelectMany(l => l.Words).SelectMany(w => w.Characters);

    /// <summary>The same result with every box mapped into a <paramref name="height"/>×<paramref name="width"/> (≥ 1) frame of the same picture (e.g. the full-size photo after reading a downscaled copy).</summary>
    public OcrResult ScaledTo(int height, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        double sy = (double)height / Height, sx = (double)width / Width;
        return MapBoxes(height, width, b => new(
            Math.Clamp((int)Math.Floor(b.Top * sy), 0, height - 1), Math.Clamp((int)Math.Floor(b.Left * sx), 0, width - 1),
            Math.Clamp((int)Math.Ceiling(b.Bottom * sy), 1, height), Math.Clamp((int)Math.Ceiling(b.Right * sx), 1, width)));
    }

    /// <summary>The same result in a <paramref name="height"/>×<paramref name="width"/> (≥ 1) frame, every line, word and character box passed through <paramref name="map"/>.</summary>
    public OcrResult MapBoxes(int height, int width, Func<PixelBox, PixelBox> map)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentNullException.ThrowIfNull(map);
        return new OcrResult(height, width, [.. Lines.Select(l => l with
        {
            Box = map(l.Box),
            Words = [.. l.Words.Select(w => w with { Box = map(w.Box), Characters = [.. w.Characters.Select(c => c with { Box = map(c.Box) })] })],
        })]);
    }
}

/// <summary>One read line.</summary>
/// <param name="Box">The box enclosing the line's characters.</param>
/// <param name="Words">The words, left to right (at least one).</param>
public sealed record ReadLine(PixelBox Box, IReadOnlyList<ReadWord> Words)
{
    /// <summary>The words' texts joined by single spaces.</summary>
    public string Text => string.Join(" ", Words.Select(w => w.Text));

    /// <summary>Mean confidence of the line's characters, in [0, 1].</summary>
    public double Confidence => Words.SelectMany(w => w.Characters).Average(c => c.Confidence);
}

/// <summary>One read word.</summary>
/// <param name="Box">The box enclosing the word's characters.</param>
/// <param name="Characters">The characters, left to right (at least one).</param>
public sealed record ReadWord(PixelBox Box, IReadOnlyList<ReadCharacter> Characters)
{
    /// <summary>The characters' labels concatenated.</summary>
    public string Text => string.Concat(Characters.Select(c => c.Label));

    /// <summary>The word's confidence, in [0, 1]: its least confident character's (a word is only as sure as its weakest letter).</summary>
    public double Confidence => Characters.Min(c => c.Confidence);
}

/// <summary>One read character.</summary>
/// <param name="Box">The character's box.</param>
/// <param name="Label">The class chosen with the word's context.</param>
/// <param name="Confidence">The classifier's probability of <paramref name="Label"/>, in [0, 1].</param>
/// <param name="TopLabel">The classifier's own most probable class (differs from Label when context changed it).</param>
/// <param name="TopConfidence">The probability of <paramref name="TopLabel"/>, in [0, 1].</param>
public sealed record ReadCharacter(PixelBox Box, string Label, double Confidence, string TopLabel, double TopConfidence)
{
    /// <summary>Every class the classifier gave a probability above 0, most probable first (ties in class order); empty when not recorded.</summary>
    public IReadOnlyList<CharacterGuess> Probabilities { get; init; } = [];

    /// <summary>The classes of the probability vector <paramref name="p"/> (one value per name in <paramref name="names"/>) with a probability above 0, most probable first.</summary>
    public static CharacterGuess[] Ranked(ReadOnlySpan<float> p, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (p.Length != names.Count)
        {
            throw new ArgumentException($"A probability vector has {p.Length} values for {names.Count} classes.", nameof(p));
        }

        var guesses = new List<CharacterGuess>(p.Length);
        for (int c = 0; c < p.Length; c++)
        {
            if (p[c] > 0)
            {
                guesses.Add(new CharacterGuess(names[c], p[c]));
            }
        }

        // A stable sort keeps class order among equal probabilities.
        return [.. guesses.OrderByDescending(g => g.Probability)];
    }
}

/// <summary>One class a character may be, with the classifier's probability of it.</summary>
/// <param name="Label">The class name.</param>
/// <param name="Probability">Its probability, in (0, 1].</param>
public readonly record struct CharacterGuess(string Label, double Probability);
