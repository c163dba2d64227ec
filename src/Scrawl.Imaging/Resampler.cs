namespace Scrawl.Imaging;

/// <summary>
/// Pure-C# resampling: a separable triangle (bilinear) filter whose support widens with the reduction
/// factor, so downscaling averages every source pixel (area-like, no aliasing) and upscaling interpolates
/// bilinearly. Pixel centres are aligned ((i + ½)·scale − ½); edges are handled by renormalising the weights.
/// </summary>
public static class Resampler
{
    /// <summary>The image resized to <paramref name="height"/>×<paramref name="width"/> (both ≥ 1); channels are kept.</summary>
    public static FloatImage Resize(FloatImage source, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (height < 1 || width < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(height), $"Target size must be at least 1×1, got {height}×{width}.");
        }

        if (height == source.Height && width == source.Width)
        {
            return source.Clone();
        }

        var result = new FloatImage(height, width, source.Channels);
        Resize(source.Pixels, result.Pixels, source.Height, source.Width, height, width, source.Channels);
        return result;
    }

    /// <summary>
    /// As <see cref="Resize(FloatImage, int, int)"/> on a <paramref name="sourceHeight"/>×<paramref name="sourceWidth"/> (≥ 1) row-major image of
    /// <paramref name="channels"/> (1 or 3) interleaved values a pixel, into <paramref name="destination"/> (<paramref name="height"/>·<paramref name="width"/>·channels
    /// values, every one written; it may not overlap the source): the same values, with no page-sized allocation.
    /// </summary>
    public static void Resize(ReadOnlySpan<float> source, Span<float> destination, int sourceHeight, int sourceWidth, int height, int width, int channels = 1)
    {
        if (channels is not (1 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "Channels must be 1 (grey) or 3 (RGB).");
        }

        if (height < 1 || width < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(height), $"Target size must be at least 1×1, got {height}×{width}.");
        }

        PixelGrid.Check(sourceHeight, sourceWidth, channels, source.Length, nameof(source));
        PixelGrid.Check(height, width, channels, destination.Length, nameof(destination));
        if (source.Overlaps(destination))
        {
            throw new ArgumentException("The destination may not overlap the source.", nameof(destination));
        }

        if (height == sourceHeight && width == sourceWidth)
        {
            source.CopyTo(destination);
            return;
        }

        int c = channels;
        var (xStart, xWeights, xTaps) = Weights(sourceWidth, width);
        var (yStart, yWeights, yTaps) = Weights(sourceHeight, height);

        // Horizontal pass: sourceHeight × width.
        using var scratch = new PooledArray<float>(sourceHeight * width * c);
        var mid = scratch.Array;
        for (int y = 0; y < sourceHeight; y++)
        {
            int srcRow = y * sourceWidth * c, midRow = y * width * c;
            for (int x = 0; x < width; x++)
            {
                for (int ch = 0; ch < c; ch++)
                {
                    float sum = 0f;
                    for (int k = 0; k < xTaps; k++)
                    {
                        sum += xWeights[(x * xTaps) + k] * source[srcRow + ((xStart[x] + k) * c) + ch];
                    }

                    mid[midRow + (x * c) + ch] = sum;
                }
            }
        }

        // Vertical pass: height × width, each row a sum of weighted source rows from zero.
        destination.Clear();
        int rowValues = width * c;
        for (int y = 0; y < height; y++)
        {
            var dst = destination.Slice(y * rowValues, rowValues);
            for (int k = 0; k < yTaps; k++)
            {
                float wgt = yWeights[(y * yTaps) + k];
                if (wgt == 0f)
                {
                    continue;
                }

                AddScaled(mid.AsSpan((yStart[y] + k) * rowValues, rowValues), wgt, dst);
            }
        }
    }

    /// <summary>dst[i] += weight · src[i] (a product, then a sum, each rounded: the same on every path), a vector at a time.</summary>
    private static void AddScaled(ReadOnlySpan<float> src, float weight, Span<float> dst)
    {
        int i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            var w = new System.Numerics.Vector<float>(weight);
            int lanes = System.Numerics.Vector<float>.Count;
            for (; i <= src.Length - lanes; i += lanes)
            {
                var product = w * new System.Numerics.Vector<float>(src[i..]);
                (new System.Numerics.Vector<float>(dst[i..]) + product).CopyTo(dst[i..]);
            }
        }

        for (; i < src.Length; i++)
        {
            dst[i] += weight * src[i];
        }
    }

    /// <summary>Per output index: first source index, then a fixed number of normalised weights (zero-padded).</summary>
    private static (int[] Start, float[] Weights, int Taps) Weights(int sourceSize, int targetSize)
    {
        double scale = (double)sourceSize / targetSize;
        double support = Math.Max(1.0, scale);
        int taps = Math.Min(sourceSize, (int)Math.Ceiling(support * 2) + 1);
        var start = new int[targetSize];
        var weights = new float[targetSize * taps];
        var raw = new double[taps];
        for (int i = 0; i < targetSize; i++)
        {
            double centre = ((i + 0.5) * scale) - 0.5;
            int first = Math.Clamp((int)Math.Floor(centre - support) + 1, 0, sourceSize - taps);
            double total = 0;
            for (int k = 0; k < taps; k++)
            {
                double d = Math.Abs(first + k - centre) / support;
                raw[k] = d < 1 ? 1 - d : 0;
                total += raw[k];
            }

            if (total <= 0)
            {
                // Degenerate (centre beyond an edge): take the nearest pixel.
                int nearest = Math.Clamp((int)Math.Round(centre), first, first + taps - 1);
                raw.AsSpan().Clear();
                raw[nearest - first] = 1;
                total = 1;
            }

            start[i] = first;
            for (int k = 0; k < taps; k++)
            {
                weights[(i * taps) + k] = (float)(raw[k] / total);
            }
        }

        return (start, weights, taps);
    }
}
