namespace Scrawl.Ocr.Case;

/// <summary>Where a character class stands on its line: how high it reaches and whether it hangs below the baseline.</summary>
public enum HeightKind
{
    /// <summary>Capitals, digits, ascenders b d f h k l: from the baseline to cap height.</summary>
    Tall,

    /// <summary>Lower case without ascender or descender (a c e m n o r s u v w x z): baseline to x-height.</summary>
    Short,

    /// <summary>t and the dotted i: from the baseline to between x-height and cap height.</summary>
    Middle,

    /// <summary>g p q y: x-height down to the descender line.</summary>
    Descending,

    /// <summary>The dotted j: between x-height and cap height down to the descender line.</summary>
    MiddleDescending,

    /// <summary>Anything else (punctuation, unknown names): its geometry says nothing.</summary>
    Unknown,
}

/// <summary>The <see cref="HeightKind"/> of class names, and which classes look like a class of another height (the glyph alone cannot place them).</summary>
public static class HeightKinds
{
    /// <summary>
    /// Classes whose shape is shared with a class of another height (c/C, o/O/0, s/S/5, v/V, w/W, x/X, z/Z/2, k/K, p/P, u/U, y/Y, 9/g/q):
    /// they say nothing about where a line's x-height or cap height is, and their case is decided by size.
    /// </summary>
    public const string SizeAmbiguous = "cCoO0sS5vVwWxXzZ2kKpPuUyY9gq";

    /// <summary>The kind of one class name: single characters A–Z, 0–9, a–z as described on <see cref="HeightKind"/>; anything else <see cref="HeightKind.Unknown"/>.</summary>
    public static HeightKind Of(string className)
    {
        ArgumentNullException.ThrowIfNull(className);
        if (className.Length != 1)
        {
            return HeightKind.Unknown;
        }

        return className[0] switch
        {
            >= 'A' and <= 'Z' or >= '0' and <= '9' or 'b' or 'd' or 'f' or 'h' or 'k' or 'l' => HeightKind.Tall,
            't' or 'i' => HeightKind.Middle,
            'j' => HeightKind.MiddleDescending,
            'g' or 'p' or 'q' or 'y' => HeightKind.Descending,
            >= 'a' and <= 'z' => HeightKind.Short,
            _ => HeightKind.Unknown,
        };
    }

    /// <summary>The kind of every class of <paramref name="classNames"/>.</summary>
    public static HeightKind[] Of(IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        return [.. classNames.Select(Of)];
    }

    /// <summary>True when the classes include at least one lower-case letter a–z: a model that can read mixed case.</summary>
    public static bool HasLowerCase(IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        return classNames.Any(n => n.Length == 1 && char.IsAsciiLetterLower(n[0]));
    }
}
