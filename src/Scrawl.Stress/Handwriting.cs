using Scrawl.Data.Images;
using Scrawl.Imaging;
using Scrawl.Numerics;
using Scrawl.Ocr;

namespace Scrawl.Stress;

/// <summary>Synthetic handwritten pages (the glyphs36 generator via <see cref="SyntheticPage"/>) as RGB images, and seeded random text for them.</summary>
public static class Handwriting
{
    private static readonly string[] Words =
    [
        "MEET", "ANNA", "AT", "NOON", "BRING", "THE", "MAP", "CALL", "MOM", "FIX", "BIKE", "PAY", "RENT", "BUY", "MILK",
        "BREAD", "OLD", "ROAD", "KEYS", "GATE", "WATER", "PLANTS", "SEND", "NOTES", "TO", "JOE", "BOOK", "ROOM", "FLOOR", "QUIZ",
        "JUNE", "VAN", "BOX", "WAX", "YARD", "ZOO", "LEFT", "RIGHT", "DESK", "LAMP",
    ];

    /// <summary><paramref name="count"/> (≥ 1) lines of 2–4 random words or numbers (A–Z, 0–9), drawn from <paramref name="random"/>.</summary>
    public static IReadOnlyList<string> RandomLines(SeededRandom random, int count)
    {
        ArgumentNullException.ThrowIfNull(random);
        var lines = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            int n = 2 + random.NextInt(3);
            lines.Add(string.Join(" ", Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.15 ? (1 + random.NextInt(999)).ToString(System.Globalization.CultureInfo.InvariantCulture) : Words[random.NextInt(Words.Length)])));
        }

        return lines;
    }

    /// <summary>The page of <paramref name="lines"/> rendered by <see cref="SyntheticPage"/> with <paramref name="seed"/> and a mean character height of <paramref name="characterHeight"/> (16–400) pixels, as RGB.</summary>
    public static FloatImage Page(IReadOnlyList<string> lines, long seed, int characterHeight = 44) =>
        ToRgb(SyntheticPage.Render(lines, seed, new SyntheticPageOptions { CharacterHeight = characterHeight }));

    /// <summary>A grey image as RGB (each channel the grey value).</summary>
    public static FloatImage ToRgb(FloatImage grey)
    {
        ArgumentNullException.ThrowIfNull(grey);
        var rgb = new FloatImage(grey.Height, grey.Width, 3);
        var p = grey.Pixels;
        for (int i = 0; i < p.Length; i++)
        {
            rgb.Pixels[i * 3] = rgb.Pixels[(i * 3) + 1] = rgb.Pixels[(i * 3) + 2] = p[i];
        }

        return rgb;
    }
}
