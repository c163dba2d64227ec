using Scrawl.Imaging;
using Scrawl.Numerics;

namespace Scrawl.Data.Augmentation;

/// <summary>
/// Random, seeded distortions of normalised character images (Scrawl's convention: grey, ink = 1, square)
/// that keep the convention: rotation, shear and aspect change, an elastic warp, stroke thickening or
/// thinning, optional binarisation (like crops cut from an ink mask), then re-normalisation to the ink box
/// (span and a one-pixel shift jittered), blur, contrast and noise. Pure: inputs are never changed.
/// </summary>
public static class CharacterAugmenter
{
    /// <summary>A distorted copy of the square grey <paramref name="image"/>, drawing every choice from <paramref name="random"/>.</summary>
    public static FloatImage Augment(FloatImage image, SeededRandom random, AugmentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(random);
        options ??= new AugmentOptions();
        options.Validate();
        if (image.Channels != 1 || image.Height != image.Width)
        {
            throw new ArgumentException($"Augmentation needs a square grey image, got {image.Height}×{image.Width}×{image.Channels}.", nameof(image));
        }

        return AugmentChecked(image, random, options);
    }

    /// <summary>The body of <see cref="Augment"/> for a square grey image and validated options.</summary>
    private static FloatImage AugmentChecked(FloatImage image, SeededRandom random, AugmentOptions options)
    {
        var canvas = Warp(image, random, options);
        canvas = ScaleToFullInk(ChangeStrokes(canvas, random, options));
        // Drawn only when asked for, so recipes without gaps see the random stream they always did.
        if (options.GapProbability > 0 && random.NextDouble() < options.GapProbability)
        {
            canvas = StrokeGaps.Cut(canvas, random, image.Height);
        }

        bool binarize = random.NextDouble() < options.BinarizeProbability;
        if (binarize)
        {
            canvas = Threshold(canvas, random.Uniform(0.35, 0.6));
        }

        var normalize = new CharacterNormalizeOptions
        {
            Side = image.Height,
            Span = random.Uniform(options.Span.Min, options.Span.Max),
            StretchContrast = false,
            InkThreshold = 0.3, // warped thin strokes fall to ≈ 0.5 between pixels; a lower level keeps them one blob
        };
        var result = CharacterNormalizer.Normalize(canvas, normalize);
        if (!result.Pixels.Any(v => v >= 0.5f))
        {
            // The distortions erased the character (faint or tiny input): fall back to the plain normalised input.
            result = CharacterNormalizer.Normalize(image, normalize);
        }

        result = Shift(result, random.NextInt((2 * options.MaxShiftPixels) + 1) - options.MaxShiftPixels,
            random.NextInt((2 * options.MaxShiftPixels) + 1) - options.MaxShiftPixels);
        if (random.NextDouble() < options.BlurProbability)
        {
            result = ImageEffectsForAugmentation.Blur(result, random.Uniform(0.4, 1.0));
        }

        if (!binarize && random.NextDouble() < options.ContrastProbability)
        {
            ImageEffectsForAugmentation.Levels(result.Pixels, (float)random.Uniform(0, 0.2), (float)random.Uniform(0.6, 1));
        }

        if (!binarize && random.NextDouble() < options.NoiseProbability)
        {
            ImageEffectsForAugmentation.AddNoise(result.Pixels, (float)random.Uniform(0, options.MaxNoise), random);
        }

        ImageEffectsForAugmentation.Clamp(result.Pixels); // resampling may overshoot by an ulp
        return result;
    }

    /// <summary>
    /// Distorted copies of every image of <paramref name="images"/> (N×S×S): image i uses its own generator seeded
    /// from (<paramref name="seed"/>, i), so the result does not depend on the thread count. Runs on all cores.
    /// </summary>
    public static Tensor AugmentAll(Tensor images, long seed, AugmentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Rank != 3 || images.Dim(1) != images.Dim(2))
        {
            throw new ArgumentException($"Expected N×S×S grey images, got [{images.ShapeText}].", nameof(images));
        }

        options ??= new AugmentOptions();
        options.Validate();
        int n = images.Dim(0), side = images.Dim(1), size = side * side;
        var result = new Tensor(n, side, side);
        Parallel.For(0, n, i =>
        {
            var image = new FloatImage(images.Span.Slice(i * size, size).ToArray(), side, side);
            var augmented = AugmentChecked(image, new SeededRandom(ItemSeed(seed, i)), options); // validated once above
            augmented.Pixels.CopyTo(result.Span.Slice(i * size, size));
        });
        return result;
    }

    /// <summary>The seed of item <paramref name="index"/> of a run seeded <paramref name="seed"/> (SplitMix64 finaliser; any inputs).</summary>
    public static long ItemSeed(long seed, long index)
    {
        ulong z = unchecked((ulong)seed + ((ulong)index * 0x9E3779B97F4A7C15UL) + 0x632BE59BD9B4E019UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return unchecked((long)(z ^ (z >> 31)));
    }

    /// <summary>Rotation, shear, aspect change and an optional elastic field, sampled bilinearly onto a canvas with a quarter-side margin.</summary>
    private static FloatImage Warp(FloatImage image, SeededRandom random, AugmentOptions o)
    {
        int side = image.Height, pad = side / 4, size = side + (2 * pad);
        double angle = random.Uniform(-o.MaxRotationDegrees, o.MaxRotationDegrees) * Math.PI / 180;
        double shear = random.Uniform(-o.MaxShear, o.MaxShear);
        double aspect = 1 + random.Uniform(-o.MaxAspectChange, o.MaxAspectChange);
        double sx = Math.Sqrt(aspect), sy = 1 / sx;

        // Forward map M = R(angle) · Shear · Scale; we sample the source at M⁻¹ (p − c).
        double cos = Math.Cos(angle), sin = Math.Sin(angle);
        double m00 = cos * sx, m01 = (cos * shear * sy) - (sin * sy), m10 = sin * sx, m11 = (sin * shear * sy) + (cos * sy);
        double det = (m00 * m11) - (m01 * m10);
        double i00 = m11 / det, i01 = -m01 / det, i10 = -m10 / det, i11 = m00 / det;

        var field = random.NextDouble() < o.ElasticProbability ? ElasticField(size, o.ElasticPixels * random.Uniform(0.4, 1), random) : null;
        var output = new FloatImage(size, size);
        double c = (size - 1) / 2.0, cs = (side - 1) / 2.0;
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                double px = x - c, py = y - c;
                if (field is not null)
                {
                    px += field[((y * size) + x) * 2];
                    py += field[(((y * size) + x) * 2) + 1];
                }

                double srcX = (i00 * px) + (i01 * py) + cs, srcY = (i10 * px) + (i11 * py) + cs;
                output.Pixels[(y * size) + x] = Bilinear(image, srcY, srcX);
            }
        }

        return output;
    }

    /// <summary>A smooth displacement field (dx, dy per pixel, interleaved): a 4×4 grid of normal draws, bilinearly interpolated, scaled to <paramref name="pixels"/>.</summary>
    private static float[] ElasticField(int size, double pixels, SeededRandom random)
    {
        const int Grid = 4;
        var knots = new double[Grid * Grid * 2];
        for (int k = 0; k < knots.Length; k++)
        {
            knots[k] = random.NextNormal() * pixels;
        }

        var field = new float[size * size * 2];
        double step = (size - 1.0) / (Grid - 1);
        for (int y = 0; y < size; y++)
        {
            double gy = y / step;
            int y0 = Math.Min((int)gy, Grid - 2);
            double fy = gy - y0;
            for (int x = 0; x < size; x++)
            {
                double gx = x / step;
                int x0 = Math.Min((int)gx, Grid - 2);
                double fx = gx - x0;
                for (int d = 0; d < 2; d++)
                {
                    double a = knots[(((y0 * Grid) + x0) * 2) + d], b = knots[(((y0 * Grid) + x0 + 1) * 2) + d];
                    double e = knots[((((y0 + 1) * Grid) + x0) * 2) + d], f = knots[((((y0 + 1) * Grid) + x0 + 1) * 2) + d];
                    field[(((y * size) + x) * 2) + d] = (float)(((1 - fy) * (((1 - fx) * a) + (fx * b))) + (fy * (((1 - fx) * e) + (fx * f))));
                }
            }
        }

        return field;
    }

    private static float Bilinear(FloatImage image, double y, double x)
    {
        int x0 = (int)Math.Floor(x), y0 = (int)Math.Floor(y);
        float fx = (float)(x - x0), fy = (float)(y - y0);
        return ((1 - fy) * (((1 - fx) * At(image, y0, x0)) + (fx * At(image, y0, x0 + 1))))
            + (fy * (((1 - fx) * At(image, y0 + 1, x0)) + (fx * At(image, y0 + 1, x0 + 1))));
    }

    private static float At(FloatImage image, int y, int x) =>
        (uint)y < (uint)image.Height && (uint)x < (uint)image.Width ? image.Pixels[(y * image.Width) + x] : 0f;

    private static FloatImage ChangeStrokes(FloatImage image, SeededRandom random, AugmentOptions o)
    {
        if (random.NextDouble() < o.ThickenProbability)
        {
            return ImageEffectsForAugmentation.BlendRankFilter(image, thicken: true, (float)random.Uniform(0.3, 1));
        }

        return random.NextDouble() < o.ThinProbability
            ? ImageEffectsForAugmentation.BlendRankFilter(image, thicken: false, (float)random.Uniform(0.2, 0.6))
            : image;
    }

    /// <summary>A copy scaled so the strongest ink is 1 (unchanged when there is almost no ink), so thinning never fades a character away.</summary>
    private static FloatImage ScaleToFullInk(FloatImage image)
    {
        float max = image.Pixels.Max();
        if (max < 0.05f || max >= 1f)
        {
            return image;
        }

        var result = image.Clone();
        for (int i = 0; i < result.Pixels.Length; i++)
        {
            result.Pixels[i] /= max;
        }

        return result;
    }

    private static FloatImage Threshold(FloatImage image, double level)
    {
        var result = new FloatImage(image.Height, image.Width);
        for (int i = 0; i < result.Pixels.Length; i++)
        {
            result.Pixels[i] = image.Pixels[i] >= level ? 1f : 0f;
        }

        return result;
    }

    private static FloatImage Shift(FloatImage image, int dy, int dx)
    {
        if (dx == 0 && dy == 0)
        {
            return image;
        }

        var result = new FloatImage(image.Height, image.Width);
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                result.Pixels[(y * image.Width) + x] = At(image, y - dy, x - dx);
            }
        }

        return result;
    }
}
