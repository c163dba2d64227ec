namespace Scrawl.Imaging;

/// <summary>Global and local threshold selection (scikit-image's <c>threshold_*</c>): each returns thresholds; applying them is the caller's one-liner (<see cref="FloatImage.Above(float)"/>).</summary>
public static partial class Thresholds
{
    /// <summary>Number of histogram bins Otsu's method uses (as <c>threshold_otsu</c>'s default nbins).</summary>
    public const int OtsuBins = 256;

    /// <summary>
    /// Otsu's threshold, like <c>skimage.filters.threshold_otsu(image)</c>: a 256-bin histogram over the
    /// image's own range [min, max]; the result is the centre of the bin that maximises the
    /// between-class variance w₁·w₂·(μ₁ − μ₂)² when pixels of that bin and below form class 1 (the
    /// first such bin on ties). Pixels strictly above it are foreground. A constant image returns its
    /// value. Result lies in [min, max] of the image.
    /// </summary>
    /// <example><c>var ink = page.AtOrBelow(Thresholds.Otsu(page));</c></example>
    public static float Otsu(FloatImage image)
    {
        FloatImage.RequireGrey(image, nameof(image));
        return Otsu(image.Pixels);
    }

    /// <summary>As <see cref="Otsu(FloatImage)"/> on the values of a grey image (at least one), in any order.</summary>
    public static float Otsu(ReadOnlySpan<float> pixels)
    {
        if (pixels.IsEmpty)
        {
            throw new ArgumentException("Otsu's threshold needs at least one value.", nameof(pixels));
        }

        float min = System.Numerics.Tensors.TensorPrimitives.Min(pixels);
        float max = System.Numerics.Tensors.TensorPrimitives.Max(pixels);
        if (min == max)
        {
            return min;
        }

        // numpy.histogram's binning: index ⌊(v − min)·bins/(max − min)⌋, the maximum in the last bin,
        // corrected against the linspace edges so values exactly on an edge go to the upper bin.
        var counts = new long[OtsuBins];
        var edges = new double[OtsuBins + 1];
        double lo = min, hi = max, scale = OtsuBins / (hi - lo), step = (hi - lo) / OtsuBins;
        for (int i = 0; i <= OtsuBins; i++)
        {
            edges[i] = lo + (i * step);
        }

        edges[OtsuBins] = hi;
        foreach (float p in pixels)
        {
            int bin = Math.Min((int)((p - lo) * scale), OtsuBins - 1);
            if (p < edges[bin])
            {
                bin--;
            }
            else if (bin < OtsuBins - 1 && p >= edges[bin + 1])
            {
                bin++;
            }

            counts[bin]++;
        }

        return (float)BestSplit(counts, edges);
    }

    /// <summary>The centre of the bin that maximises the between-class variance (first on ties).</summary>
    private static double BestSplit(long[] counts, double[] edges)
    {
        int n = counts.Length;
        var centres = new double[n];
        double totalWeight = 0, totalMass = 0;
        for (int i = 0; i < n; i++)
        {
            centres[i] = (edges[i] + edges[i + 1]) / 2;
            totalWeight += counts[i];
            totalMass += counts[i] * centres[i];
        }

        double w1 = 0, mass1 = 0, best = double.NegativeInfinity;
        int bestBin = 0;
        for (int i = 0; i < n - 1; i++)
        {
            w1 += counts[i];
            mass1 += counts[i] * centres[i];
            double w2 = totalWeight - w1;
            // w1 > 0 (bin 0 holds the minimum) and w2 > 0 (the last bin holds the maximum).
            double diff = (mass1 / w1) - ((totalMass - mass1) / w2);
            double variance = w1 * w2 * diff * diff;
            if (variance > best)
            {
                best = variance;
                bestBin = i;
            }
        }

        return centres[bestBin];
    }
}
