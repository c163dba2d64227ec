namespace Scrawl.Imaging;

/// <summary>Settings of <see cref="CharacterNormalizer.Normalize(FloatImage, CharacterNormalizeOptions?)"/>.</summary>
public sealed record CharacterNormalizeOptions
{
    /// <summary>Output side in pixels (≥ 4); the output is Side×Side.</summary>
    public int Side { get; init; } = 32;

    /// <summary>Fraction of the side that the character's longer side spans, in (0, 1] (NIST-like data: ≈ 0.78).</summary>
    public double Span { get; init; } = 0.78;

    /// <summary>True: map the paper level (a low percentile) to 0 and the ink level (a high percentile) to 1 before finding the ink.</summary>
    public bool StretchContrast { get; init; } = true;

    /// <summary>Percentile in [0, 1) taken as the paper level when stretching (most of a crop is paper).</summary>
    public double PaperPercentile { get; init; } = 0.3;

    /// <summary>Percentile in (0, 1] taken as the ink level when stretching; must exceed <see cref="PaperPercentile"/>.</summary>
    public double InkPercentile { get; init; } = 0.99;

    /// <summary>Values at or above this (after stretching), in (0, 1), count as ink when finding the ink box.</summary>
    public double InkThreshold { get; init; } = 0.5;

    /// <summary>Ink blobs smaller than this fraction (in [0, 1)) of the largest blob are specks: ignored for the box and erased.</summary>
    public double SpeckFraction { get; init; } = 0.05;
}

/// <summary>
/// Brings a character crop (grey, Scrawl's ink = 1) to the NIST-like frame: optional contrast stretch,
/// crop to the ink's bounding box ignoring specks, scale (keeping the aspect ratio) so the longer side spans
/// <see cref="CharacterNormalizeOptions.Span"/> of the frame, and centre it on a Side×Side paper (0) canvas.
/// Pure and thread-safe; resampling by <see cref="Resampler"/> (area-like when shrinking).
/// </summary>
public static class CharacterNormalizer
{
    /// <summary>The normalised Side×Side grey image of <paramref name="ink"/> (grey, ink = 1). A crop with no ink comes back blank.</summary>
    public static FloatImage Normalize(FloatImage ink, CharacterNormalizeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ink);
        options ??= new CharacterNormalizeOptions();
        Validate(options);
        if (ink.Channels != 1)
        {
            throw new ArgumentException($"Character normalisation needs a grey image, got {ink.Channels} channels.", nameof(ink));
        }

        var result = new float[options.Side * options.Side];
        Normalize(ink.Pixels, ink.Height, ink.Width, result, options);
        return FloatImage.Trusted(result, options.Side, options.Side);
    }

    /// <summary>
    /// As <see cref="Normalize(FloatImage, CharacterNormalizeOptions?)"/> on a grey <paramref name="height"/>×<paramref name="width"/> (≥ 1) row-major
    /// crop, into <paramref name="destination"/> (Side×Side values, every one written): the same values, every intermediate in pooled scratch.
    /// </summary>
    public static void Normalize(ReadOnlySpan<float> ink, int height, int width, Span<float> destination, CharacterNormalizeOptions? options = null)
    {
        options ??= new CharacterNormalizeOptions();
        Validate(options);
        PixelGrid.Check(height, width, ink.Length, nameof(ink));
        int side = options.Side;
        PixelGrid.Check(side, side, destination.Length, nameof(destination));
        using var work = new PooledArray<float>(ink.Length);
        if (options.StretchContrast)
        {
            Stretch(ink, work.Span, options.PaperPercentile, options.InkPercentile);
        }
        else
        {
            ink.CopyTo(work.Span);
        }

        destination.Clear();
        if (InkBox(work.Span, height, width, 1, options.InkThreshold, options.SpeckFraction, erase: true) is not { } box)
        {
            return;
        }

        using var crop = new PooledArray<float>(box.Height * box.Width);
        for (int y = 0; y < box.Height; y++)
        {
            work.Span.Slice(((box.Top + y) * width) + box.Left, box.Width).CopyTo(crop.Span.Slice(y * box.Width, box.Width));
        }

        double scale = Math.Max(1.0, Math.Round(side * options.Span)) / Math.Max(box.Height, box.Width);
        int h = Math.Clamp((int)Math.Round(box.Height * scale), 1, side);
        int w = Math.Clamp((int)Math.Round(box.Width * scale), 1, side);
        using var scaled = new PooledArray<float>(h * w);
        Resampler.Resize(crop.Span, scaled.Span, box.Height, box.Width, h, w);

        // Centred on the blank (paper, 0) frame; h, w ≤ Side, so the whole scaled crop lands inside.
        int top = (side - h) / 2, left = (side - w) / 2;
        for (int y = 0; y < h; y++)
        {
            scaled.Span.Slice(y * w, w).CopyTo(destination.Slice(((top + y) * side) + left, w));
        }
    }

    /// <summary>
    /// The bounding box of the ink (values ≥ <paramref name="threshold"/>) over 8-connected blobs at least
    /// <paramref name="speckFraction"/> of the largest blob's area, or null when there is no ink.
    /// With <paramref name="erase"/>, the smaller blobs' pixels are set to 0 in <paramref name="image"/>.
    /// </summary>
    public static (int Top, int Left, int Height, int Width)? InkBox(FloatImage image, double threshold, double speckFraction, bool erase = false)
    {
        ArgumentNullException.ThrowIfNull(image);
        return InkBox(image.Pixels, image.Height, image.Width, image.Channels, threshold, speckFraction, erase);
    }

    /// <summary>As <see cref="InkBox(FloatImage, double, double, bool)"/> on the H·W·C values of <paramref name="pixels"/> (the first channel counts; erasing clears all).</summary>
    private static (int Top, int Left, int Height, int Width)? InkBox(Span<float> pixels, int h, int w, int channels, double threshold, double speckFraction, bool erase)
    {
        using var blobs = new PooledArray<int>(h * w, clear: true);
        var blob = blobs.Span; // 0 = paper, k ≥ 1 = blob id
        var areas = new List<int> { 0 };
        var stack = new Stack<int>();
        for (int start = 0; start < blob.Length; start++)
        {
            if (blob[start] != 0 || pixels[start * channels] < threshold)
            {
                continue;
            }

            int id = areas.Count, area = 0;
            blob[start] = id;
            stack.Push(start);
            while (stack.Count > 0)
            {
                int p = stack.Pop();
                area++;
                int py = p / w, px = p % w;
                for (int y = Math.Max(0, py - 1); y <= Math.Min(h - 1, py + 1); y++)
                {
                    for (int x = Math.Max(0, px - 1); x <= Math.Min(w - 1, px + 1); x++)
                    {
                        int q = (y * w) + x;
                        if (blob[q] == 0 && pixels[q * channels] >= threshold)
                        {
                            blob[q] = id;
                            stack.Push(q);
                        }
                    }
                }
            }

            areas.Add(area);
        }

        if (areas.Count == 1)
        {
            return null;
        }

        double minArea = Math.Max(1, speckFraction * areas.Max());
        int top = h, left = w, bottom = -1, right = -1;
        for (int p = 0; p < blob.Length; p++)
        {
            if (blob[p] == 0)
            {
                continue;
            }

            if (areas[blob[p]] < minArea)
            {
                if (erase)
                {
                    pixels.Slice(p * channels, channels).Clear();
                }

                continue;
            }

            int y = p / w, x = p % w;
            top = Math.Min(top, y);
            bottom = Math.Max(bottom, y);
            left = Math.Min(left, x);
            right = Math.Max(right, x);
        }

        return (top, left, bottom - top + 1, right - left + 1);
    }

    /// <summary>A copy with the <paramref name="paperPercentile"/> level mapped to 0 and the <paramref name="inkPercentile"/> level to 1, clamped; unchanged when the two levels are closer than 0.05.</summary>
    public static FloatImage Stretch(FloatImage image, double paperPercentile, double inkPercentile)
    {
        ArgumentNullException.ThrowIfNull(image);
        var result = new float[image.Pixels.Length];
        Stretch(image.Pixels, result, paperPercentile, inkPercentile);
        return FloatImage.Trusted(result, image.Height, image.Width, image.Channels);
    }

    /// <summary>The values of <see cref="Stretch(FloatImage, double, double)"/> for <paramref name="values"/>, written into <paramref name="destination"/> (the same length).</summary>
    private static void Stretch(ReadOnlySpan<float> values, Span<float> destination, double paperPercentile, double inkPercentile)
    {
        using var sortedScratch = new PooledArray<float>(values.Length);
        var sorted = sortedScratch.Span;
        values.CopyTo(sorted);
        sorted.Sort(); // the same introsort as Array.Sort
        float paper = sorted[(int)Math.Floor(paperPercentile * (sorted.Length - 1))];
        float ink = sorted[(int)Math.Ceiling(inkPercentile * (sorted.Length - 1))];
        values.CopyTo(destination);
        if (ink - paper < 0.05f)
        {
            return;
        }

        float inv = 1f / (ink - paper);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = Math.Clamp((destination[i] - paper) * inv, 0f, 1f);
        }
    }

    private static void Validate(CharacterNormalizeOptions o)
    {
        if (o.Side < 4 || !(o.Span > 0 && o.Span <= 1) || !(o.InkThreshold > 0 && o.InkThreshold < 1)
            || !(o.SpeckFraction >= 0 && o.SpeckFraction < 1)
            || !(o.PaperPercentile >= 0 && o.PaperPercentile < o.InkPercentile && o.InkPercentile <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(o), $"Invalid character normalisation options: {o}.");
        }
    }
}
