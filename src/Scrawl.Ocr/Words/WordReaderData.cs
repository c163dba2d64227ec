using Scrawl.Data;
using Scrawl.Imaging;
using Scrawl.NeuralNet.Losses;
using Scrawl.Numerics;

namespace Scrawl.Ocr.Words;

/// <summary>
/// Training words for the word reader (<see cref="WordReader"/>), composed from single glyphs (ink = 1 on 0, any size) as the OCR finds
/// words: binary ink masks of 1–<see cref="MaxLength"/> characters (letters, digits or both) on one baseline, each glyph scaled to about
/// <see cref="GlyphHeight"/> pixels and binarised at a threshold drawn per word (thin and bold strokes), neighbours apart by up to half a
/// character height or overlapping by up to 35 % of the narrower glyph, the word slanted a little, and in one word of six every glyph cut
/// by a pen lift. Every mask goes through <see cref="WordCrops.Prepare(BinaryImage, Span{float})"/>; targets are CTC rows
/// (<see cref="CtcLoss.EncodeTarget"/>, class c of <see cref="Nist36Layout.ClassNames"/> → label c + 1). Pure and seeded: word i has its own
/// generator, so a set does not depend on the core count.
/// </summary>
public static class WordReaderData
{
    /// <summary>Glyphs are scaled to about this height (pixels) before they are joined.</summary>
    public const int GlyphHeight = 48;

    /// <summary>The longest word composed (characters).</summary>
    public const int MaxLength = 7;

    /// <summary>
    /// <paramref name="count"/> (≥ 1) frames [count × Height·Width] and CTC targets [count × <paramref name="targetLength"/>] from
    /// <paramref name="glyphs"/> (sets whose class names include A–Z and 0–9), drawn with <paramref name="seed"/>; also the words' texts.
    /// </summary>
    public static (Tensor Frames, Tensor Targets, string[] Texts) Compose(IReadOnlyList<ImageSet> glyphs, int count, long seed, int targetLength)
    {
        ArgumentNullException.ThrowIfNull(glyphs);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetLength, MaxLength + 1);
        var byClass = Index(glyphs);
        int frame = WordCrops.Height * WordCrops.Width;
        var frames = new Tensor(count, frame);
        var targets = new Tensor(count, targetLength);
        var texts = new string[count];
        Parallel.For(0, count, i =>
        {
            var random = new SeededRandom(unchecked((seed * 1_000_003) + i));
            var (mask, classes) = Word(glyphs, byClass, random);
            WordCrops.Prepare(mask, frames.Row(i));
            CtcLoss.EncodeTarget([.. classes.Select(c => c + 1)], targets.Row(i));
            texts[i] = string.Concat(classes.Select(c => Nist36Layout.ClassNames[c]));
        });
        return (frames, targets, texts);
    }

    /// <summary>Per set, per class of <see cref="Nist36Layout.ClassNames"/>, the indices of its images; a set must hold every class.</summary>
    private static int[][][] Index(IReadOnlyList<ImageSet> glyphs)
    {
        var names = Nist36Layout.ClassNames;
        var result = new int[glyphs.Count][][];
        for (int s = 0; s < glyphs.Count; s++)
        {
            var set = glyphs[s] ?? throw new ArgumentException("A glyph set is missing.", nameof(glyphs));
            var lists = names.Select(_ => new List<int>()).ToArray();
            for (int i = 0; i < set.Count; i++)
            {
                int c = names.ToList().IndexOf(set.ClassNames[set.Labels[i]].ToUpperInvariant());
                if (c >= 0 && set.Channels == 1)
                {
                    lists[c].Add(i);
                }
            }

            if (lists.Any(l => l.Count == 0))
            {
                throw new ArgumentException($"The glyph set '{set.Name}' lacks class {names[Array.FindIndex(lists, l => l.Count == 0)]}.", nameof(glyphs));
            }

            result[s] = [.. lists.Select(l => l.ToArray())];
        }

        return result;
    }

    private static (BinaryImage Mask, int[] Classes) Word(IReadOnlyList<ImageSet> glyphs, int[][][] byClass, SeededRandom random)
    {
        int length = 1 + random.NextInt(MaxLength);
        double kind = random.NextDouble();
        var classes = new int[length];
        for (int i = 0; i < length; i++)
        {
            // Words of letters (60 %), of digits (15 %), or of both (25 %).
            bool digit = kind < 0.6 ? false : kind < 0.75 || random.NextDouble() < 0.4;
            classes[i] = digit ? 26 + random.NextInt(10) : random.NextInt(26);
        }

        var set = random.NextInt(glyphs.Count);
        float threshold = (float)random.Uniform(0.35, 0.65);
        bool broken = random.NextDouble() < 1.0 / 6;
        bool apart = random.NextDouble() < 0.4;
        var parts = classes.Select(c => Glyph(glyphs[set], byClass[set][c], threshold, broken, random)).ToList();

        double height = parts.Max(p => p.Height);
        var lefts = new int[length];
        for (int i = 1; i < length; i++)
        {
            double shift = apart ? random.Uniform(0.03, 0.5) * height : -random.Uniform(0, 0.35) * Math.Min(parts[i - 1].Width, parts[i].Width);
            lefts[i] = Math.Max(lefts[i - 1] + 1, (int)Math.Round(lefts[i - 1] + parts[i - 1].Width + shift));
        }

        int canvasHeight = (int)Math.Ceiling(height * 1.2) + 2, slantRoom = (int)Math.Ceiling(0.2 * canvasHeight);
        int width = lefts[^1] + parts[^1].Width + (2 * slantRoom) + 2;
        var pixels = new byte[canvasHeight * width];
        double slant = random.Uniform(-0.15, 0.15), baseline = (height * 1.1) + 1;
        for (int i = 0; i < length; i++)
        {
            int top = Math.Max(0, (int)Math.Round(baseline + (random.Uniform(-0.05, 0.05) * height) - parts[i].Height));
            for (int y = 0; y < parts[i].Height && top + y < canvasHeight; y++)
            {
                int offset = slantRoom + (int)Math.Round(slant * (canvasHeight - top - y));
                for (int x = 0; x < parts[i].Width; x++)
                {
                    if (parts[i][y, x])
                    {
                        pixels[((top + y) * width) + lefts[i] + x + offset] = 1;
                    }
                }
            }
        }

        return (new BinaryImage(canvasHeight, width, pixels), classes);
    }

    /// <summary>A random image of the class, scaled to about <see cref="GlyphHeight"/> (± 12 %), binarised and tight; with <paramref name="broken"/> cut once by a band (a pen lift).</summary>
    private static BinaryImage Glyph(ImageSet set, int[] indices, float threshold, bool broken, SeededRandom random)
    {
        for (int attempt = 0; attempt < 20; attempt++)
        {
            var image = set.ImageAt(indices[random.NextInt(indices.Length)]);
            double scale = GlyphHeight * random.Uniform(0.88, 1.12) / image.Height;
            var big = Resampler.Resize(image, Math.Max(1, (int)Math.Round(image.Height * scale)), Math.Max(1, (int)Math.Round(image.Width * scale)));
            if (WordCrops.Tight(big.Above(threshold)) is { } glyph)
            {
                return broken ? WordCrops.Tight(Break(glyph, random)) ?? glyph : glyph;
            }
        }

        throw new ArgumentException($"The glyph set '{set.Name}' has no image with ink above {threshold:F2} in 20 draws of one class.");
    }

    /// <summary>The glyph with a band 0.5–1 stroke wide erased along a segment of a quarter of its height either side of a random ink pixel, at a random angle.</summary>
    internal static BinaryImage Break(BinaryImage glyph, SeededRandom random)
    {
        var ink = Enumerable.Range(0, glyph.Height * glyph.Width).Where(i => glyph.Pixels[i] != 0).ToArray();
        if (ink.Length == 0)
        {
            return glyph;
        }

        int at = ink[random.NextInt(ink.Length)];
        int cy = at / glyph.Width, cx = at % glyph.Width;
        double half = Math.Max(1, random.Uniform(0.5, 1.0) * CropPreparation.StrokeWidth(glyph)) / 2, length = glyph.Height / 4.0;
        double angle = random.Uniform(0, Math.PI), dy = Math.Sin(angle), dx = Math.Cos(angle);
        var pixels = glyph.Pixels.ToArray();
        for (int y = 0; y < glyph.Height; y++)
        {
            for (int x = 0; x < glyph.Width; x++)
            {
                double along = ((y - cy) * dy) + ((x - cx) * dx), across = Math.Abs(((y - cy) * dx) - ((x - cx) * dy));
                if (Math.Abs(along) <= length && across <= half)
                {
                    pixels[(y * glyph.Width) + x] = 0;
                }
            }
        }

        return new BinaryImage(glyph.Height, glyph.Width, pixels);
    }
}
