using Scrawl.Data;
using Scrawl.Imaging;
using Scrawl.Numerics;
using Scrawl.Stress.Touching;

namespace Scrawl.Stress.MixedCase;

/// <summary>One composed benchmark page: its name, its ground truth (one text line per line) and the grey photo (ink dark, paper light).</summary>
/// <param name="Name">File stem, e.g. <c>mixed-001</c>.</param>
/// <param name="Truth">The text, one line per written line, words separated by one space.</param>
/// <param name="Image">The page, grey in [0, 1].</param>
public sealed record MixedCasePage(string Name, string Truth, FloatImage Image);

/// <summary>
/// The handwriting proportions of one page, in cap heights H above (+) or below (−) the baseline: lower-case letters stand
/// <see cref="XHeight"/> tall, ascenders (b d f h k l) reach <see cref="Ascender"/>, descenders (g j p q y) hang
/// <see cref="Descender"/> below the baseline, t and the dotted i and j reach between x-height and cap height.
/// </summary>
/// <param name="CapHeight">Cap height in pixels (&gt; 0).</param>
/// <param name="XHeight">x-height as a fraction of the cap height, in (0, 1).</param>
/// <param name="Ascender">Ascender height as a fraction of the cap height (≥ 1 typically).</param>
/// <param name="Descender">Descender depth as a fraction of the cap height (&gt; 0).</param>
public sealed record HandProportions(double CapHeight, double XHeight, double Ascender, double Descender)
{
    /// <summary>Where a glyph of <paramref name="ch"/> (A–Z, a–z, 0–9) sits: its top above and its bottom below the baseline, in cap heights.</summary>
    public (double Top, double Bottom) Extent(char ch) => ch switch
    {
        'b' or 'd' or 'f' or 'h' or 'k' or 'l' => (Ascender, 0),
        't' => (XHeight + (0.6 * (1 - XHeight)), 0),
        'i' => (XHeight + (0.55 * (1 - XHeight)), 0),
        'j' => (XHeight + (0.55 * (1 - XHeight)), Descender),
        'g' or 'p' or 'q' or 'y' => (XHeight, Descender),
        >= 'a' and <= 'z' => (XHeight, 0),
        _ => (1, 0),
    };
}

/// <summary>
/// Composes the mixed-case benchmark's pages from single real glyphs (EMNIST byclass held out from training, <see cref="Ocr.Training.MixedCaseData.HeldOut"/>):
/// seeded text (<see cref="MixedCaseText"/>), each glyph scaled to its class's extent (<see cref="HandProportions"/>) and set on the line's
/// baseline, letters a fifth of a cap height apart, words two thirds, lines about two cap heights; then paper, ink tone, blur and noise.
/// </summary>
public static class MixedCasePages
{
    /// <summary>The page proportions drawn with <paramref name="random"/>: cap height 40–64 px, x-height 0.55–0.68, ascenders 1.0–1.1, descenders 0.30–0.45.</summary>
    public static HandProportions DrawProportions(SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return new(random.Uniform(40, 64), random.Uniform(0.55, 0.68), random.Uniform(1.0, 1.1), random.Uniform(0.30, 0.45));
    }

    /// <summary>
    /// The page <paramref name="name"/> showing <paramref name="lines"/> (words of A–Z, a–z, 0–9 separated by spaces) written with glyphs of
    /// <paramref name="glyphs"/> (ink 1 on 0, any size, classes named by their character) in <paramref name="hand"/>'s proportions; every other
    /// parameter drawn from <paramref name="random"/>. A character the glyph set lacks is an <see cref="ArgumentException"/>.
    /// </summary>
    public static MixedCasePage Compose(string name, IReadOnlyList<string> lines, ImageSet glyphs, HandProportions hand, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(glyphs);
        ArgumentNullException.ThrowIfNull(hand);
        ArgumentNullException.ThrowIfNull(random);
        var byClass = RowsByCharacter(glyphs);
        double h = hand.CapHeight, pitch = random.Uniform(1.9, 2.3) * h, slope = random.Uniform(-0.01, 0.01);
        var placed = new List<(FloatImage Glyph, int Top, int Left)>();
        double margin = 1.5 * h, right = 0;
        for (int l = 0; l < lines.Count; l++)
        {
            double x = margin + random.Uniform(0, 0.5) * h, baseline = margin + (hand.Ascender * h) + (l * pitch);
            foreach (string word in lines[l].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                foreach (char ch in word)
                {
                    var (top, bottom) = hand.Extent(ch);
                    var glyph = Draw(glyphs, byClass, ch, random);
                    double height = (top + bottom) * h * random.Uniform(0.92, 1.08);
                    double scale = Math.Min(height / glyph.Height, 1.6 * h / glyph.Width);
                    var scaled = Resampler.Resize(glyph, Math.Max(1, (int)Math.Round(glyph.Height * scale)), Math.Max(1, (int)Math.Round(glyph.Width * scale)));
                    double foot = baseline + (slope * x) + (random.Uniform(-0.03, 0.03) * h) + (bottom * h * scaled.Height / height);
                    placed.Add((scaled, (int)Math.Round(foot - scaled.Height), (int)Math.Round(x)));
                    x += scaled.Width + (random.Uniform(0.12, 0.25) * h);
                }

                right = Math.Max(right, x);
                x += random.Uniform(0.45, 0.75) * h;
            }
        }

        int width = (int)Math.Ceiling(right + margin);
        int pageHeight = (int)Math.Ceiling((2 * margin) + (hand.Ascender * h) + ((lines.Count - 1) * pitch) + (hand.Descender * h));
        var ink = new FloatImage(pageHeight, width);
        foreach (var (glyph, top, left) in placed)
        {
            TouchingWords.Stamp(ink, glyph, Math.Max(0, top), Math.Max(0, left));
        }

        return new MixedCasePage(name, string.Join('\n', lines) + "\n", TouchingWords.Photograph(ink, random));
    }

    /// <summary>Row indices of <paramref name="glyphs"/> per character its class names.</summary>
    private static Dictionary<char, int[]> RowsByCharacter(ImageSet glyphs)
    {
        var rows = new Dictionary<char, List<int>>();
        for (int i = 0; i < glyphs.Count; i++)
        {
            string cls = glyphs.ClassNames[glyphs.Labels[i]];
            if (cls.Length == 1)
            {
                (rows.TryGetValue(cls[0], out var list) ? list : rows[cls[0]] = []).Add(i);
            }
        }

        return rows.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }

    private static FloatImage Draw(ImageSet glyphs, Dictionary<char, int[]> byClass, char ch, SeededRandom random)
    {
        if (!byClass.TryGetValue(ch, out var rows) || rows.Length == 0)
        {
            throw new ArgumentException($"{glyphs.Name}: no glyph of '{ch}' to write.", nameof(glyphs));
        }

        for (int attempt = 0; attempt < 10; attempt++)
        {
            if (GlyphSources.Tight(glyphs.ImageAt(rows[random.NextInt(rows.Length)])) is { } tight)
            {
                return tight;
            }
        }

        throw new InvalidDataException($"{glyphs.Name}: no ink in ten glyphs of '{ch}'.");
    }
}
