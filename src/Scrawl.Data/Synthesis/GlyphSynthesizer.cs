using System.Numerics;
using Scrawl.Imaging;
using Scrawl.Numerics;

namespace Scrawl.Data.Synthesis;

/// <summary>
/// "glyphs36": synthetic handwritten block capitals A–Z and digits 0–9 drawn from Hershey stroke
/// fonts and Scrawl's own variant glyphs, with seeded random pen, stroke, shape and image
/// variation (see <see cref="SynthesisOptions"/>). Output follows Scrawl's image convention
/// (ink = 1, paper = 0, upright, row-major) and NIST's framing: the ink box is centred and its
/// longer side fills about 78 % of the square frame. Thread-safe after construction.
/// </summary>
public sealed class GlyphSynthesizer
{
    /// <summary>The built-in variant font: glyph numbers are ASCII codes.</summary>
    public const string VariantFontName = "scrawl-variants";

    private readonly Candidate[][] _candidates;
    private readonly double[] _totalWeight;

    /// <summary>Loads the fonts named in <paramref name="options"/> (default options when null) and validates them.</summary>
    public GlyphSynthesizer(SynthesisOptions? options = null)
    {
        Options = options ?? new SynthesisOptions();
        Options.Validate();
        var variants = HersheyFont.LoadBuiltIn(VariantFontName);
        var fonts = Options.Fonts.Select(f => (Choice: f, Font: HersheyFont.LoadBuiltIn(f.Name))).ToArray();
        _candidates = new Candidate[ClassNames.Count][];
        _totalWeight = new double[ClassNames.Count];
        for (int c = 0; c < ClassNames.Count; c++)
        {
            char ch = ClassNames[c][0];
            bool digit = char.IsAsciiDigit(ch);
            var list = new List<Candidate>();
            foreach (var (choice, font) in fonts)
            {
                double weight = digit ? choice.DigitWeight : choice.LetterWeight;
                if (weight > 0 && font[ch].Strokes.Count > 0)
                {
                    list.Add(new Candidate(font.Name, font[ch].Strokes, weight, choice.MinPenWidth, choice.Shaded));
                }
            }

            if (Options.VariantWeight > 0)
            {
                list.AddRange(variants.Glyphs.Where(g => g.Number == ch)
                    .Select(g => new Candidate(VariantFontName, g.Strokes, Options.VariantWeight, 0f, false)));
            }

            if (list.Count == 0)
            {
                throw new ArgumentException($"No font with a positive weight draws class '{ch}'.", nameof(options));
            }

            _candidates[c] = [.. list];
            _totalWeight[c] = list.Sum(x => x.Weight);
        }
    }

    /// <summary>The options in use (validated).</summary>
    public SynthesisOptions Options { get; }

    /// <summary>The 36 class names in label order, A–Z then 0–9 (<see cref="Nist36Layout.ClassNames"/>).</summary>
    public static IReadOnlyList<string> ClassNames => Nist36Layout.ClassNames;

    /// <summary>How many glyph shapes (font glyphs plus variants) class <paramref name="classIndex"/> (0–35) draws from.</summary>
    public int ShapeCount(int classIndex) => _candidates[CheckClass(classIndex)].Length;

    /// <summary>
    /// Generates <paramref name="perClass"/> (≥ 1) samples of each of the 36 classes as an N×side×side
    /// set named "glyphs36", classes interleaved (sample i has label i mod 36). Sample i is drawn from
    /// its own generator seeded by <see cref="SampleSeed"/>, so the result is bit-identical for a seed
    /// whatever the thread count; samples are rendered in parallel.
    /// </summary>
    public ImageSet Generate(int perClass, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perClass, 1);
        int classes = ClassNames.Count, side = Options.Side;
        long total = (long)perClass * classes;
        if (total * side * side > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(perClass), $"{perClass} samples per class do not fit in one tensor.");
        }

        var images = new Tensor((int)total, side, side);
        var labels = new int[total];
        Parallel.For(0, (int)total, i =>
        {
            int classIndex = i % classes;
            labels[i] = classIndex;
            RenderOne(classIndex, new SeededRandom(SampleSeed(seed, classIndex, i / classes)), images.Row(i));
        });
        return new ImageSet(images, labels, ClassNames, "glyphs36");
    }

    /// <summary>Renders one sample of class <paramref name="classIndex"/> (0–35) as a new side×side array, drawing from <paramref name="random"/>.</summary>
    public float[] RenderOne(int classIndex, SeededRandom random)
    {
        var image = new float[Options.Side * Options.Side];
        RenderOne(classIndex, random, image);
        return image;
    }

    /// <summary>Renders one sample of class <paramref name="classIndex"/> (0–35) into <paramref name="destination"/> (side·side values, overwritten).</summary>
    public void RenderOne(int classIndex, SeededRandom random, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        CheckClass(classIndex);
        var o = Options;
        PixelGrid.Check(o.Side, o.Side, destination.Length, nameof(destination));

        var glyph = Pick(classIndex, random);
        float penWidth = MathF.Exp((float)random.Uniform(MathF.Log(o.MinPenWidth), MathF.Log(o.MaxPenWidth)));
        penWidth = MathF.Max(penWidth, MathF.Min(glyph.MinPenWidth, o.MaxPenWidth));
        var shaped = GlyphShaper.Shape(glyph.Strokes, penWidth, glyph.Shaded, o, random);
        destination.Clear();
        for (int s = 0; s < shaped.Points.Count; s++)
        {
            StrokeRasterizer.DrawPolyline(destination, o.Side, o.Side, shaped.Points[s], shaped.Radii[s]);
        }

        bool blur = random.NextDouble() < o.BlurProbability;
        float sigma = (float)random.Uniform(0.3, Math.Max(0.3, o.MaxBlur));
        if (blur && o.MaxBlur > 0)
        {
            ImageEffects.Blur(destination, o.Side, sigma);
        }

        float ink = (float)random.Uniform(o.MinInk, 1);
        float paper = (float)random.Uniform(0, o.MaxPaper);
        float noise = (float)random.Uniform(0, o.MaxNoise);
        ImageEffects.Finish(destination, ink, paper, noise, random);
    }

    /// <summary>The seed of sample <paramref name="index"/> (≥ 0) of class <paramref name="classIndex"/> under run seed <paramref name="seed"/> (a fixed hash).</summary>
    public static long SampleSeed(long seed, int classIndex, int index)
    {
        ulong h = Mix(unchecked((ulong)seed) ^ 0x5CA1AB1E_0000_0000UL);
        h = Mix(h ^ (uint)classIndex);
        h = Mix(h ^ ((ulong)(uint)index << 8));
        return unchecked((long)h);
    }

    private Candidate Pick(int classIndex, SeededRandom random)
    {
        var list = _candidates[classIndex];
        double u = random.NextDouble() * _totalWeight[classIndex];
        foreach (var candidate in list)
        {
            u -= candidate.Weight;
            if (u < 0)
            {
                return candidate;
            }
        }

        return list[^1];
    }

    private static int CheckClass(int classIndex)
    {
        if ((uint)classIndex >= (uint)ClassNames.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(classIndex), $"Class {classIndex} is outside 0..{ClassNames.Count - 1}.");
        }

        return classIndex;
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private sealed record Candidate(string Font, IReadOnlyList<Vector2[]> Strokes, double Weight, float MinPenWidth, bool Shaded);
}
