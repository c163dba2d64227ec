namespace Scrawl.Imaging;

/// <summary>Smoothing filters (scikit-image's <c>skimage.filters</c>).</summary>
public static class Filters
{
    /// <summary>
    /// Gaussian blur with standard deviation <paramref name="sigma"/> pixels (≥ 0; 0 returns a copy),
    /// like <c>skimage.filters.gaussian(image, sigma)</c> with its default edge mode <c>'nearest'</c>
    /// (pixels beyond the border repeat the edge pixel) and <c>truncate=4</c>: the kernel has radius
    /// ⌊truncate·σ + 0.5⌋ and weights exp(−x²/2σ²) normalised to sum 1 (scipy's
    /// <c>gaussian_filter</c>). Separable: a horizontal pass, then a vertical pass, both row-wise and vectorised
    /// (<see cref="SymmetricConvolution"/>).
    /// </summary>
    /// <example><c>var smooth = Filters.GaussianBlur(photo, 2f);</c></example>
    public static FloatImage GaussianBlur(FloatImage image, float sigma, float truncate = 4f)
    {
        FloatImage.RequireGrey(image, nameof(image));
        var output = new float[image.Pixels.Length];
        GaussianBlur(image.Pixels, output, image.Height, image.Width, sigma, truncate);
        return FloatImage.Trusted(output, image.Height, image.Width);
    }

    /// <summary>
    /// As <see cref="GaussianBlur(FloatImage, float, float)"/> on a <paramref name="height"/>×<paramref name="width"/> (≥ 1) row-major grey
    /// image, into <paramref name="destination"/> (the same length; it may be the source itself: the row pass has read all of it before the column
    /// pass writes): the same values bit for bit, with no page-sized allocation.
    /// </summary>
    public static void GaussianBlur(ReadOnlySpan<float> image, Span<float> destination, int height, int width, float sigma, float truncate = 4f)
    {
        PixelGrid.Check(height, width, image.Length, nameof(image));
        PixelGrid.Check(height, width, destination.Length, nameof(destination));
        if (!float.IsFinite(sigma) || sigma < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma must be a finite number ≥ 0 (pixels).");
        }

        if (!float.IsFinite(truncate) || truncate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(truncate), truncate, "truncate must be a finite number > 0 (standard deviations).");
        }

        float[] weights = Kernel(sigma, truncate);
        int h = height, w = width, radius = weights.Length / 2;
        // The row pass goes to a pooled buffer: a fresh page-sized array costs page faults on every call.
        using var horizontal = new PooledArray<float>(h * w);
        var padded = new float[w + (2 * radius)];
        var offsets = new int[weights.Length];
        for (int k = 0; k < offsets.Length; k++)
        {
            offsets[k] = k;
        }

        for (int y = 0; y < h; y++)
        {
            // Edge mode 'nearest': the padded row repeats the first and last pixel radius times.
            var src = image.Slice(y * w, w);
            padded.AsSpan(0, radius).Fill(src[0]);
            src.CopyTo(padded.AsSpan(radius));
            padded.AsSpan(radius + w).Fill(src[w - 1]);
            SymmetricConvolution.Apply(padded, offsets, weights, horizontal.Array.AsSpan(y * w, w));
        }

        for (int y = 0; y < h; y++)
        {
            for (int k = 0; k < offsets.Length; k++)
            {
                offsets[k] = Math.Clamp(y + k - radius, 0, h - 1) * w;
            }

            SymmetricConvolution.Apply(horizontal.Array, offsets, weights, destination.Slice(y * w, w));
        }
    }

    /// <summary>The normalised 1-D Gaussian weights (2·radius + 1 of them), computed in float64.</summary>
    internal static float[] Kernel(float sigma, float truncate)
    {
        int radius = (int)((truncate * (double)sigma) + 0.5);
        var weights = new double[(2 * radius) + 1];
        double sum = 0;
        for (int x = -radius; x <= radius; x++)
        {
            double v = sigma == 0 ? 1 : Math.Exp(-0.5 * x * x / ((double)sigma * sigma));
            weights[x + radius] = v;
            sum += v;
        }

        return [.. weights.Select(v => (float)(v / sum))];
    }
}
