using Scrawl.Data;
using Scrawl.Imaging;
using Scrawl.Numerics;
using Scrawl.Ocr;

namespace Scrawl.Stress.Touching;

/// <summary>
/// How the glyphs of a benchmark word are spaced. Spacing s is drawn uniformly from [<paramref name="Min"/>, <paramref name="Max"/>]
/// per neighbouring pair: s ≥ 0 is an overlap of the two glyph boxes by s × the narrower glyph's width (0 = boxes abut);
/// s &lt; 0 is a gap of −s × the word's character height. <paramref name="Broken"/>: every glyph is also broken into pieces.
/// </summary>
/// <param name="Name">Report name, e.g. <c>overlap-10</c>.</param>
/// <param name="Min">Lowest spacing (see above; in [−1, 0.5]).</param>
/// <param name="Max">Highest spacing (≥ <paramref name="Min"/>, ≤ 0.5).</param>
/// <param name="Broken">Break every glyph into separate strokes (pen lifts).</param>
public sealed record TouchingBucket(string Name, double Min, double Max, bool Broken = false);

/// <summary>One composed benchmark word: its truth, where its glyphs came from, its spacing bucket, and the grey photo (ink dark, paper light).</summary>
/// <param name="Text">The truth (A–Z or 0–9, 2–6 characters).</param>
/// <param name="Source">The glyph source's name.</param>
/// <param name="Bucket">The spacing bucket's name.</param>
/// <param name="Image">The photo, grey in [0, 1].</param>
public sealed record TouchingWord(string Text, string Source, string Bucket, FloatImage Image);

/// <summary>Composes the touching-letters benchmark's word photos from single glyphs: seeded text, glyph scale, spacing, pen breaks, paper, ink and noise.</summary>
public static class TouchingWords
{
    /// <summary>The buckets in report order: well apart (the classifier's own ceiling), overlaps of 0, 10, 20 and 30 % (each ± 5 %, within 0–30 %), and broken letters well apart.</summary>
    public static IReadOnlyList<TouchingBucket> Buckets { get; } =
    [
        new("apart", -0.45, -0.25),
        new("overlap-0", 0, 0.05),
        new("overlap-10", 0.05, 0.15),
        new("overlap-20", 0.15, 0.25),
        new("overlap-30", 0.25, 0.30),
        new("broken", -0.45, -0.25, Broken: true),
    ];

    /// <summary>Seeded word text: 2–6 characters, letters A–Z (85 % of words) or digits 0–9 (15 %), never mixed.</summary>
    public static string RandomText(SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        int length = 2 + random.NextInt(5);
        bool digits = random.NextDouble() < 0.15;
        return new string([.. Enumerable.Range(0, length).Select(_ => digits ? (char)('0' + random.NextInt(10)) : (char)('A' + random.NextInt(26)))]);
    }

    /// <summary>The photo of <paramref name="text"/> (characters A–Z, 0–9) written with glyphs of <paramref name="source"/>, spaced as <paramref name="bucket"/> says; every parameter drawn from <paramref name="random"/>.</summary>
    public static TouchingWord Compose(string text, IGlyphSource source, TouchingBucket bucket, SeededRandom random)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(bucket);
        ArgumentNullException.ThrowIfNull(random);
        double height = random.Uniform(36, 64);
        var glyphs = new List<FloatImage>(text.Length);
        foreach (char ch in text)
        {
            int c = Nist36Layout.ClassNames.ToList().IndexOf(ch.ToString());
            if (c < 0)
            {
                throw new ArgumentException($"'{ch}' is not one of A–Z, 0–9.", nameof(text));
            }

            var glyph = Scale(source.Draw(c, random), height * random.Uniform(0.92, 1.08), 1.4 * height);
            glyphs.Add(bucket.Broken ? Break(glyph, height, random) : glyph);
        }

        // Left edges: each glyph's box starts where the previous one ends, minus the overlap (or plus the gap).
        var lefts = new double[glyphs.Count];
        for (int i = 1; i < glyphs.Count; i++)
        {
            double s = random.Uniform(bucket.Min, bucket.Max);
            double shift = s >= 0 ? -s * Math.Min(glyphs[i - 1].Width, glyphs[i].Width) : -s * height;
            lefts[i] = lefts[i - 1] + glyphs[i - 1].Width + shift;
        }

        int margin = (int)Math.Ceiling(height);
        int width = (int)Math.Ceiling(lefts.Select((l, i) => l + glyphs[i].Width).Max()) + (2 * margin);
        int canvasHeight = (int)Math.Ceiling(height * 1.2) + (2 * margin);
        var ink = new FloatImage(canvasHeight, width);
        double baseline = margin + (height * 1.1);
        for (int i = 0; i < glyphs.Count; i++)
        {
            int top = (int)Math.Round(baseline + (random.Uniform(-0.04, 0.04) * height) - glyphs[i].Height);
            Stamp(ink, glyphs[i], Math.Max(0, top), margin + (int)Math.Round(lefts[i]));
        }

        return new TouchingWord(text, source.Name, bucket.Name, Photograph(ink, random));
    }

    /// <summary>
    /// <paramref name="glyph"/> (ink = 1, tight) with one or two pen lifts: a band as wide as 0.5–1 stroke width (≥ 2 px) erased along a
    /// segment of half the character height through a random ink pixel, at a random angle; repeated (up to 12 tries) until the glyph falls into
    /// at least two pieces that each hold 4 % of its ink.
    /// </summary>
    public static FloatImage Break(FloatImage glyph, double height, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(glyph);
        ArgumentNullException.ThrowIfNull(random);
        var mask = glyph.Above((float)GlyphSources.InkThreshold);
        double stroke = CropPreparation.StrokeWidth(mask);
        var inkPixels = Enumerable.Range(0, glyph.Pixels.Length).Where(i => glyph.Pixels[i] >= GlyphSources.InkThreshold).ToArray();
        if (inkPixels.Length == 0)
        {
            return glyph;
        }

        FloatImage best = glyph;
        int cuts = random.NextDouble() < 0.3 ? 2 : 1;
        for (int attempt = 0; attempt < 12; attempt++)
        {
            var broken = glyph.Clone();
            for (int k = 0; k < cuts; k++)
            {
                int at = inkPixels[random.NextInt(inkPixels.Length)];
                double band = Math.Max(2, random.Uniform(0.5, 1.0) * stroke), angle = random.Uniform(0, Math.PI);
                Erase(broken, at / glyph.Width, at % glyph.Width, angle, height / 4, band / 2);
            }

            best = broken;
            if (Pieces(broken) >= 2)
            {
                break;
            }
        }

        return best;
    }

    /// <summary>The number of 8-connected ink pieces holding at least 4 % of the glyph's ink.</summary>
    internal static int Pieces(FloatImage glyph)
    {
        var (labels, count) = Labeling.Label(glyph.Above((float)GlyphSources.InkThreshold), connectivity: 8);
        var regions = Regions.Measure(labels);
        int total = regions.Sum(r => r.Area);
        return regions.Count(r => r.Area >= 0.04 * total);
    }

    private static void Erase(FloatImage image, int cy, int cx, double angle, double halfLength, double halfBand)
    {
        double dy = Math.Sin(angle), dx = Math.Cos(angle);
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                double along = ((y - cy) * dy) + ((x - cx) * dx), across = Math.Abs(((y - cy) * dx) - ((x - cx) * dy));
                if (Math.Abs(along) <= halfLength && across <= halfBand)
                {
                    image.Pixels[(y * image.Width) + x] = 0;
                }
            }
        }
    }

    private static FloatImage Scale(FloatImage glyph, double height, double maxWidth)
    {
        double scale = Math.Min(height / glyph.Height, maxWidth / glyph.Width);
        int h = Math.Max(1, (int)Math.Round(glyph.Height * scale)), w = Math.Max(1, (int)Math.Round(glyph.Width * scale));
        return Resampler.Resize(glyph, h, w);
    }

    /// <summary>Ink laid over ink: each pixel keeps the darker (the larger ink value).</summary>
    internal static void Stamp(FloatImage canvas, FloatImage glyph, int top, int left)
    {
        for (int y = 0; y < glyph.Height && top + y < canvas.Height; y++)
        {
            for (int x = 0; x < glyph.Width && left + x < canvas.Width; x++)
            {
                int i = ((top + y) * canvas.Width) + left + x;
                canvas.Pixels[i] = Math.Max(canvas.Pixels[i], Math.Clamp(glyph[y, x], 0f, 1f));
            }
        }
    }

    /// <summary>Ink coverage → a grey photo: paper 0.82–0.95, ink 0.08–0.3, a light blur and sensor noise.</summary>
    internal static FloatImage Photograph(FloatImage ink, SeededRandom random)
    {
        float paper = (float)random.Uniform(0.82, 0.95), tone = (float)random.Uniform(0.08, 0.3), noise = (float)random.Uniform(0.005, 0.02);
        var soft = Filters.GaussianBlur(ink, (float)random.Uniform(0.4, 0.9));
        var photo = new FloatImage(ink.Height, ink.Width);
        for (int i = 0; i < photo.Pixels.Length; i++)
        {
            photo.Pixels[i] = Math.Clamp(paper - ((paper - tone) * soft.Pixels[i]) + (noise * (float)random.NextNormal()), 0f, 1f);
        }

        return photo;
    }
}
