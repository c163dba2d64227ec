using Scrawl.Numerics;

namespace Scrawl.Data.Synthesis;

/// <summary>Pixel-level finishing of a rendered glyph: blur, ink/paper contrast and noise (square side×side images).</summary>
internal static class ImageEffects
{
    /// <summary>Four uniforms on [0, 65535] sum to variance 4·65536²/12; this scale makes it 1.</summary>
    private const float UniformSumScale = 1.7320508f / 65536f;

    /// <summary>Separable Gaussian blur of standard deviation <paramref name="sigma"/> pixels (&gt; 0), edges clamped.</summary>
    internal static void Blur(Span<float> image, int side, float sigma)
    {
        int radius = Math.Max(1, (int)MathF.Ceiling(2.5f * sigma));
        Span<float> kernel = stackalloc float[(2 * radius) + 1];
        float sum = 0;
        for (int k = -radius; k <= radius; k++)
        {
            kernel[k + radius] = MathF.Exp(-(k * k) / (2f * sigma * sigma));
            sum += kernel[k + radius];
        }

        for (int k = 0; k < kernel.Length; k++)
        {
            kernel[k] /= sum;
        }

        float[] padded = new float[side + (2 * radius)];
        for (int y = 0; y < side; y++)
        {
            Convolve(image.Slice(y * side, side), 1, padded, kernel, radius);
        }

        for (int x = 0; x < side; x++)
        {
            Convolve(image[x..], side, padded, kernel, radius);
        }
    }

    /// <summary>Convolves the <c>padded.Length − 2·radius</c> values line[0], line[stride], … in place, edges replicated.</summary>
    private static void Convolve(Span<float> line, int stride, float[] padded, ReadOnlySpan<float> kernel, int radius)
    {
        int n = padded.Length - (2 * radius);
        for (int i = 0; i < n; i++)
        {
            padded[radius + i] = line[i * stride];
        }

        for (int k = 0; k < radius; k++)
        {
            padded[k] = padded[radius];
            padded[radius + n + k] = padded[radius + n - 1];
        }

        for (int i = 0; i < n; i++)
        {
            float v = 0;
            for (int k = 0; k < kernel.Length; k++)
            {
                v += kernel[k] * padded[i + k];
            }

            line[i * stride] = v;
        }
    }

    /// <summary>
    /// Maps coverage c ∈ [0, 1] to paper + (ink − paper)·c, adds zero-mean noise of standard deviation
    /// <paramref name="noise"/> per pixel and clamps to [0, 1]. The noise is near-Gaussian (Irwin–Hall:
    /// the sum of four uniforms from one 64-bit draw), far cheaper than exact normals.
    /// </summary>
    internal static void Finish(Span<float> image, float ink, float paper, float noise, SeededRandom rng)
    {
        float gain = ink - paper;
        for (int i = 0; i < image.Length; i++)
        {
            float v = paper + (gain * image[i]);
            if (noise > 0)
            {
                ulong bits = rng.NextUInt64();
                int sum = (int)(bits & 0xFFFF) + (int)((bits >> 16) & 0xFFFF) + (int)((bits >> 32) & 0xFFFF) + (int)(bits >> 48);
                v += noise * UniformSumScale * (sum - (2 * 65535));
            }

            image[i] = Math.Clamp(v, 0f, 1f);
        }
    }
}
