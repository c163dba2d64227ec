using Scrawl.Data.Synthesis;
using Scrawl.Imaging;
using Scrawl.Numerics;

namespace Scrawl.Data.Augmentation;

/// <summary>The pixel effects <see cref="CharacterAugmenter"/> uses; each returns a new image or works on a buffer it owns.</summary>
internal static class ImageEffectsForAugmentation
{
    /// <summary>A Gaussian-blurred copy (σ in pixels, &gt; 0) of a square grey image.</summary>
    internal static FloatImage Blur(FloatImage image, double sigma)
    {
        var result = image.Clone();
        ImageEffects.Blur(result.Pixels, image.Width, (float)sigma);
        return result;
    }

    /// <summary>Maps v ∈ [0, 1] to paper + (ink − paper)·v in place.</summary>
    internal static void Levels(Span<float> pixels, float paper, float ink)
    {
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = paper + ((ink - paper) * pixels[i]);
        }
    }

    /// <summary>Clamps every value to [0, 1] in place.</summary>
    internal static void Clamp(Span<float> pixels) => System.Numerics.Tensors.TensorPrimitives.Clamp(pixels, 0f, 1f, pixels);

    /// <summary>Adds near-Gaussian noise of standard deviation <paramref name="sigma"/> in place, clamping to [0, 1].</summary>
    internal static void AddNoise(Span<float> pixels, float sigma, SeededRandom random) =>
        ImageEffects.Finish(pixels, 1f, 0f, sigma, random);

    /// <summary>
    /// (1 − t)·image + t·F(image), where F is the 3×3 grey dilation (thicken) or erosion (thin); t in [0, 1].
    /// Outside the image counts as paper (0).
    /// </summary>
    internal static FloatImage BlendRankFilter(FloatImage image, bool thicken, float t)
    {
        int h = image.Height, w = image.Width;
        var result = new FloatImage(h, w);
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                float best = thicken ? 0f : 1f;
                for (int dy = -1; dy <= 1; dy++)
                {
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int yy = y + dy, xx = x + dx;
                        float v = (uint)yy < (uint)h && (uint)xx < (uint)w ? image.Pixels[(yy * w) + xx] : 0f;
                        best = thicken ? Math.Max(best, v) : Math.Min(best, v);
                    }
                }

                float own = image.Pixels[(y * w) + x];
                result.Pixels[(y * w) + x] = own + (t * (best - own));
            }
        }

        return result;
    }
}
