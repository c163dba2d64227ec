using Scrawl.Ocr;

namespace Scrawl.Reading;

/// <summary>Which letters a reader writes: capitals only, mixed case, or per page whichever fits (<c>scrawl ocr --case</c>).</summary>
public enum LetterCase
{
    /// <summary>Capitals and digits (A–Z, 0–9) with the capitals model: the default.</summary>
    Upper,

    /// <summary>Upper and lower case (A–Z, a–z, 0–9) with a mixed-case model, line geometry and word case context.</summary>
    Mixed,

    /// <summary>Each page read in mixed case first; a page that reads as (nearly) all capitals is read again with the capitals model.</summary>
    Auto,
}

/// <summary>Parsing and the per-page decision of <see cref="LetterCase"/>.</summary>
public static class LetterCases
{
    /// <summary>
    /// In <see cref="LetterCase.Auto"/>, a page whose mixed-case reading writes fewer than this share (in [0, 1]) of its letters in lower case
    /// is read as capitals. Running text has most of its letters in lower case (the mixed-case benchmark: about 85 %), while a page
    /// of capitals read in mixed case gets lower case only where a glyph is mistaken.
    /// </summary>
    public const double AutoLowerShare = 0.3;

    /// <summary>The names --case accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["upper", "mixed", "auto"];

    /// <summary>The mode called <paramref name="name"/> (upper, mixed or auto, any case); an <see cref="ArgumentException"/> naming the valid ones otherwise.</summary>
    public static LetterCase Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
        {
            "upper" => LetterCase.Upper,
            "mixed" => LetterCase.Mixed,
            "auto" => LetterCase.Auto,
            _ => throw new ArgumentException($"'{name}' is not a letter case: use upper, mixed or auto."),
        };
    }

    /// <summary>The share (in [0, 1]) of the letters of <paramref name="result"/> written in lower case; 0 without letters.</summary>
    public static double LowerShare(OcrResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        int letters = 0, lower = 0;
        foreach (var c in result.Characters)
        {
            if (c.Label.Length == 1 && char.IsAsciiLetter(c.Label[0]))
            {
                letters++;
                lower += char.IsAsciiLetterLower(c.Label[0]) ? 1 : 0;
            }
        }

        return letters == 0 ? 0 : (double)lower / letters;
    }
}
