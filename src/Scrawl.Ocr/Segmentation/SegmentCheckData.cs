using Scrawl.Data;
using Scrawl.Imaging;
using Scrawl.Numerics;

namespace Scrawl.Ocr.Segmentation;

/// <summary>
/// Training crops for the segment check (<see cref="SegmentCheck"/>): is a candidate crop of segmentation by recognition one character,
/// or not? Made from single glyphs (ink = 1 on 0, any size): class <c>one</c> is a glyph alone; class <c>not</c> is two glyphs side by
/// side — apart by up to a fifth of the narrower one's width or overlapping by up to 35 % of it — taken whole (two letters read as one)
/// or from a cut inside the first to a cut inside the second (a letter and a half, or two halves: the pieces a wrong cut leaves).
/// Every crop goes through <see cref="CropPreparation.Prepare"/>, exactly as the OCR prepares its candidates. Pure and seeded.
/// </summary>
public static class SegmentCheckData
{
    /// <summary>The class names, in output order: one character, not one character.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["one", "not"];

    /// <summary>Glyphs are scaled to this height (pixels) before they are joined, so thin real strokes survive the binarisation.</summary>
    public const int GlyphHeight = 48;

    /// <summary>
    /// <paramref name="count"/> (≥ 1) crops, half of each class (the <c>not</c> half split evenly between whole pairs and cut pairs), drawn
    /// from <paramref name="glyphs"/> (non-empty sets of grey glyph images, ink = 1) with <paramref name="seed"/>; crops as <paramref name="crops"/> makes them.
    /// </summary>
    public static ImageSet Compose(IReadOnlyList<ImageSet> glyphs, int count, long seed, CropOptions? crops = null, string name = "segment-check") =>
        Compose(glyphs, count, seed, pieces: false, crops, name);

    /// <summary>
    /// As <see cref="Compose(IReadOnlyList{ImageSet}, int, long, CropOptions?, string)"/>; with <paramref name="pieces"/> the crops come in sixes:
    /// three of class <c>one</c>, then a whole pair, a cut pair and a piece of one glyph (its columns up to or from 30–70 % of its width: what a
    /// cut through a letter leaves, such as the stem and half the bowl of a P, which reads as F).
    /// </summary>
    public static ImageSet Compose(IReadOnlyList<ImageSet> glyphs, int count, long seed, bool pieces, CropOptions? crops = null, string name = "segment-check")
    {
        ArgumentNullException.ThrowIfNull(glyphs);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (glyphs.Count == 0 || glyphs.Any(g => g.Count == 0 || g.Channels != 1))
        {
            throw new ArgumentException("The segment check needs at least one non-empty set of grey glyph images.", nameof(glyphs));
        }

        crops ??= new CropOptions();
        int side = crops.Normalize.Side;
        var images = new float[count * side * side];
        var labels = new int[count];
        try
        {
            Parallel.For(0, count, i => Make(glyphs, i, seed, pieces, crops, images, labels));
        }
        catch (AggregateException e) when (e.InnerExceptions.OfType<ArgumentException>().FirstOrDefault() is { } problem)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(problem);
        }

        return new ImageSet(Tensor.FromArray(images, count, side, side), labels, ClassNames, name);
    }

    /// <summary>Crop <paramref name="i"/> of the set, from its own generator (so the set does not depend on the core count).</summary>
    private static void Make(IReadOnlyList<ImageSet> glyphs, int i, long seed, bool pieces, CropOptions crops, float[] images, int[] labels)
    {
        int side = crops.Normalize.Side;
        var random = new SeededRandom(unchecked((seed * 1_000_003) + i));
        // Without pieces: 0, 1 one; 2 a whole pair; 3 a cut pair. With pieces: 0–2 one; 3 a whole pair; 4 a cut pair; 5 a piece.
        int kind = pieces ? (i % 6) - 1 : i % 4;
        var first = Glyph(glyphs, random) ?? throw new ArgumentException("The glyph sets hold no image with ink above 0.5.", nameof(glyphs));
        BinaryImage mask;
        if (kind < 2)
        {
            mask = first;
            labels[i] = 0;
        }
        else if (kind == 4)
        {
            mask = Piece(first, random);
            labels[i] = 1;
        }
        else
        {
            var second = Glyph(glyphs, random) ?? first;
            mask = Pair(first, second, random, cut: kind == 3);
            labels[i] = 1;
        }

        var box = new PixelBox(0, 0, mask.Height, mask.Width);
        var crop = CropPreparation.Prepare(new InkCharacter(box, box, mask), crops);
        crop.Pixels.CopyTo(images.AsSpan(i * side * side, side * side));
    }

    /// <summary>A random glyph of a random set, scaled to about <see cref="GlyphHeight"/> (± 15 %) and binarised at 0.5, tight; drawn again (up to 20 times) when it has no ink, then null.</summary>
    private static BinaryImage? Glyph(IReadOnlyList<ImageSet> glyphs, SeededRandom random)
    {
        for (int attempt = 0; attempt < 20; attempt++)
        {
            var set = glyphs[random.NextInt(glyphs.Count)];
            var image = set.ImageAt(random.NextInt(set.Count));
            double scale = GlyphHeight * random.Uniform(0.85, 1.15) / image.Height;
            var big = Resampler.Resize(image, Math.Max(1, (int)Math.Round(image.Height * scale)), Math.Max(1, (int)Math.Round(image.Width * scale)));
            if (Words.WordCrops.Tight(big.Above(0.5f)) is { } glyph)
            {
                return glyph;
            }
        }

        return null;
    }

    /// <summary>
    /// <paramref name="a"/> and <paramref name="b"/> on one baseline (± 8 % of the height), b's left edge at a's right edge minus an overlap
    /// in [−0.2, 0.35] of the narrower width; with <paramref name="cut"/> only the columns from 20–70 % into a to 35–80 % into b are kept.
    /// </summary>
    internal static BinaryImage Pair(BinaryImage a, BinaryImage b, SeededRandom random, bool cut)
    {
        int overlap = (int)Math.Round(random.Uniform(-0.2, 0.35) * Math.Min(a.Width, b.Width));
        int bx = Math.Max(1, a.Width - overlap);
        int shift = (int)Math.Round(random.Uniform(-0.08, 0.08) * a.Height);
        int aTop = Math.Max(0, Math.Max(b.Height - a.Height, 0) + shift), bTop = Math.Max(0, Math.Max(a.Height - b.Height, 0) - shift);
        int h = Math.Max(aTop + a.Height, bTop + b.Height), w = Math.Max(a.Width, bx + b.Width);
        int from = 0, to = w;
        if (cut)
        {
            from = (int)Math.Round(random.Uniform(0.2, 0.7) * a.Width);
            to = Math.Min(w, bx + Math.Max(1, (int)Math.Round(random.Uniform(0.35, 0.8) * b.Width)));
        }

        var pixels = new byte[h * w];
        Stamp(pixels, w, a, aTop, 0, from, to);
        Stamp(pixels, w, b, bTop, bx, from, to);
        var joined = new BinaryImage(h, w, pixels);
        return from == 0 && to == w ? joined : Words.WordCrops.Tight(joined) ?? joined;
    }

    /// <summary>The columns of <paramref name="glyph"/> up to (or, at even odds, from) 30–70 % of its width, tight.</summary>
    internal static BinaryImage Piece(BinaryImage glyph, SeededRandom random)
    {
        int at = Math.Clamp((int)Math.Round(random.Uniform(0.3, 0.7) * glyph.Width), 1, Math.Max(1, glyph.Width - 1));
        bool left = random.NextDouble() < 0.5;
        var pixels = new byte[glyph.Height * glyph.Width];
        Stamp(pixels, glyph.Width, glyph, 0, 0, left ? 0 : at, left ? at : glyph.Width);
        var piece = new BinaryImage(glyph.Height, glyph.Width, pixels);
        return Words.WordCrops.Tight(piece) ?? piece;
    }

    private static void Stamp(byte[] pixels, int width, BinaryImage glyph, int top, int left, int from, int to)
    {
        for (int y = 0; y < glyph.Height; y++)
        {
            for (int x = 0; x < glyph.Width; x++)
            {
                int column = left + x;
                if (glyph.Pixels[(y * glyph.Width) + x] != 0 && column >= from && column < to)
                {
                    pixels[((y + top) * width) + column] = 1;
                }
            }
        }
    }
}
