using Scrawl.Data;
using Scrawl.Data.Synthesis;
using Scrawl.Imaging;
using Scrawl.Numerics;

namespace Scrawl.Ocr;

/// <summary>Settings of <see cref="SyntheticPage.Render"/>; sizes in pixels.</summary>
public sealed record SyntheticPageOptions
{
    /// <summary>Mean character height (16–400).</summary>
    public int CharacterHeight { get; init; } = 44;

    /// <summary>Mean gap between letters of a word, in character heights (0.05–1).</summary>
    public double LetterGap { get; init; } = 0.28;

    /// <summary>Mean gap between words, in character heights (0.5–4); well above <see cref="LetterGap"/>.</summary>
    public double WordGap { get; init; } = 1.1;

    /// <summary>Distance between baselines, in character heights (1.3–4).</summary>
    public double LineSpacing { get; init; } = 1.9;

    /// <summary>Standard deviation of the camera noise added to the grey page (0–0.2).</summary>
    public double Noise { get; init; } = 0.025;

    /// <summary>Gaussian blur of the whole page, σ in pixels (0–4): focus blur.</summary>
    public float Blur { get; init; } = 0.9f;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        Check(CharacterHeight is >= 16 and <= 400, nameof(CharacterHeight));
        Check(LetterGap is >= 0.05 and <= 1, nameof(LetterGap));
        Check(WordGap is >= 0.5 and <= 4, nameof(WordGap));
        Check(LineSpacing is >= 1.3 and <= 4, nameof(LineSpacing));
        Check(Noise is >= 0 and <= 0.2, nameof(Noise));
        Check(Blur is >= 0 and <= 4, nameof(Blur));
    }

    private static void Check(bool ok, string name)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, $"{name} is out of range; see its documentation.");
        }
    }
}

/// <summary>
/// A photo-like page of handwritten block letters for samples and tests: every character is drawn by the
/// glyphs36 generator (<see cref="GlyphSynthesizer"/>: Hershey stroke fonts and variants, varied pen, slant,
/// rotation, distortion), scaled to a jittered character height and placed along slightly drifting baselines;
/// then paper with uneven light, darker ink, camera noise and focus blur. Same text, options and seed → same
/// pixels. Output: grey intensities in [0, 1] (dark ink on light paper).
/// </summary>
public static class SyntheticPage
{
    /// <summary>Renders <paramref name="lines"/> (A–Z, 0–9 and single spaces) with <paramref name="seed"/>.</summary>
    public static FloatImage Render(IReadOnlyList<string> lines, long seed, SyntheticPageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        options ??= new SyntheticPageOptions();
        options.Validate();
        var random = new SeededRandom(seed);
        var glyphs = new GlyphSynthesizer(new SynthesisOptions
        {
            Side = 64,
            Fonts = [new FontChoice("futural", 1, 1)],
            VariantWeight = 0.6,
            MinPenWidth = 2.5f,
            MaxPenWidth = 4.5f,
            MaxRotationDegrees = 5,
            MaxShear = 0.15f,
            BlurProbability = 0,
            MinInk = 1,
            MaxPaper = 0,
            MaxNoise = 0,
        });
        int h = options.CharacterHeight, margin = 2 * h;
        var placed = new List<(FloatImage Ink, int Top, int Left)>();
        int right = 0;
        for (int l = 0; l < lines.Count; l++)
        {
            double x = margin + random.Uniform(-0.3, 0.3) * h, baseline = margin + h + (l * options.LineSpacing * h);
            double drift = random.Uniform(-0.02, 0.02);
            foreach (char ch in lines[l])
            {
                if (ch == ' ')
                {
                    x += (options.WordGap - options.LetterGap + random.Uniform(-0.15, 0.15)) * h;
                    continue;
                }

                int cls = IndexOf(ch);
                var ink = Glyph(glyphs, cls, random, h * random.Uniform(0.9, 1.1));
                int top = (int)Math.Round(baseline + (drift * (x - margin)) - ink.Height + random.Uniform(-0.05, 0.05) * h);
                placed.Add((ink, top, (int)Math.Round(x)));
                x += ink.Width + ((options.LetterGap + random.Uniform(-0.08, 0.08)) * h);
                right = Math.Max(right, (int)x);
            }
        }

        int width = right + margin, height = margin + h + (int)((lines.Count - 1) * options.LineSpacing * h) + margin;
        return Photograph(height, width, placed, options, random);
    }

    private static int IndexOf(char ch)
    {
        int index = Nist36Layout.ClassNames.ToList().IndexOf(char.ToUpperInvariant(ch).ToString());
        return index >= 0 ? index : throw new ArgumentException($"'{ch}' cannot be drawn: only A–Z, 0–9 and spaces.", nameof(ch));
    }

    /// <summary>One glyph's ink (ink = 1) cropped to its box and scaled to <paramref name="height"/> pixels tall (wide glyphs capped at 1.3 heights wide).</summary>
    private static FloatImage Glyph(GlyphSynthesizer glyphs, int cls, SeededRandom random, double height)
    {
        var image = new FloatImage(glyphs.RenderOne(cls, random), 64, 64);
        int top = 64, left = 64, bottom = 0, right = 0;
        for (int y = 0; y < 64; y++)
        {
            for (int x = 0; x < 64; x++)
            {
                if (image[y, x] > 0.3f)
                {
                    (top, left, bottom, right) = (Math.Min(top, y), Math.Min(left, x), Math.Max(bottom, y + 1), Math.Max(right, x + 1));
                }
            }
        }

        var crop = image.Crop(top, left, bottom - top, right - left);
        double scale = Math.Min(height / crop.Height, 1.3 * height / crop.Width);
        return Resampler.Resize(crop, Math.Max(1, (int)Math.Round(crop.Height * scale)), Math.Max(1, (int)Math.Round(crop.Width * scale)));
    }

    /// <summary>Composes the ink on lit paper: paper brightness falls off from a random light centre, ink is dark grey-blue in luminance, then noise and blur.</summary>
    private static FloatImage Photograph(int height, int width, List<(FloatImage Ink, int Top, int Left)> placed, SyntheticPageOptions options, SeededRandom random)
    {
        var coverage = new float[height * width];
        foreach (var (ink, top, left) in placed)
        {
            for (int y = 0; y < ink.Height; y++)
            {
                for (int x = 0; x < ink.Width; x++)
                {
                    int py = top + y, px = left + x;
                    if (py >= 0 && py < height && px >= 0 && px < width)
                    {
                        coverage[(py * width) + px] = Math.Max(coverage[(py * width) + px], ink[y, x]);
                    }
                }
            }
        }

        double cy = random.Uniform(0, height), cx = random.Uniform(0, width), reach = Math.Max(height, width) * 1.2;
        float inkTone = (float)random.Uniform(0.12, 0.25);
        var pixels = new float[height * width];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double d = Math.Sqrt(((y - cy) * (y - cy)) + ((x - cx) * (x - cx))) / reach;
                float paper = (float)(0.88 - (0.22 * d * d));
                float c = coverage[(y * width) + x];
                pixels[(y * width) + x] = paper - (c * (paper - inkTone));
            }
        }

        var noise = new float[pixels.Length];
        random.FillNormal(noise, 0f, (float)options.Noise);
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = Math.Clamp(pixels[i] + noise[i], 0f, 1f);
        }

        var page = new FloatImage(pixels, height, width);
        return options.Blur > 0 ? Filters.GaussianBlur(page, options.Blur) : page;
    }
}
