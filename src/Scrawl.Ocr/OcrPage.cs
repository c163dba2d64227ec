namespace Scrawl.Ocr;

/// <summary>A segmented page: its lines in reading order (top to bottom). Classification fields come with a later stage.</summary>
/// <param name="Height">The photo's height in pixels (≥ 1).</param>
/// <param name="Width">The photo's width in pixels (≥ 1).</param>
/// <param name="Lines">The text lines, top to bottom.</param>
public sealed record OcrPage(int Height, int Width, IReadOnlyList<OcrLine> Lines)
{
    /// <summary>All characters in reading order.</summary>
    public IEnumerable<OcrCharacter> Characters => Lines.SelectMany(l => l.Words).SelectMany(w => w.Characters);
}

/// <summary>One text line: its words left to right.</summary>
/// <param name="Box">The box enclosing the line's characters, in photo pixels.</param>
/// <param name="Words">The words, left to right (at least one).</param>
public sealed record OcrLine(PixelBox Box, IReadOnlyList<OcrWord> Words)
{
    /// <summary>Number of characters in the line (≥ 1).</summary>
    public int CharacterCount => Words.Sum(w => w.Characters.Count);
}

/// <summary>One word: its characters left to right.</summary>
/// <param name="Box">The box enclosing the word's characters, in photo pixels.</param>
/// <param name="Characters">The characters, left to right (at least one).</param>
public sealed record OcrWord(PixelBox Box, IReadOnlyList<OcrCharacter> Characters);

/// <summary>One character: where it is and its ink.</summary>
/// <param name="Box">The character's box in photo pixels.</param>
/// <param name="Ink">The character as found (working-scale box and ink mask), for cropping.</param>
public sealed record OcrCharacter(PixelBox Box, InkCharacter Ink);
