namespace Scrawl.Imaging;

/// <summary>
/// Scrawl's one image type: float32 values, row-major H×W (grey, 1 channel) or H×W×3 (RGB, channels
/// interleaved), row 0 the top. Values are finite, normally in [0, 1]; whether 1 means ink or light depends
/// on the stage (a decoder returns the file's own intensities, a loader converts them to Scrawl's ink = 1;
/// threshold maps such as <see cref="Thresholds.Sauvola(FloatImage, int, float, float)"/>'s may leave [0, 1]). The imaging primitives take
/// grey images (Channels = 1) and never write into an image they were given; each returns a new one.
/// </summary>
public sealed class FloatImage
{
    /// <summary>A zero-filled image; height, width ≥ 1 and channels 1 (grey) or 3 (RGB).</summary>
    public FloatImage(int height, int width, int channels = 1)
        : this(new float[Count(height, width, channels)], height, width, channels, validate: false)
    {
    }

    /// <summary>Wraps <paramref name="pixels"/> (not copied; length H·W·C, row-major, channels interleaved, all finite); height, width ≥ 1, channels 1 or 3.</summary>
    public FloatImage(float[] pixels, int height, int width, int channels = 1)
        : this(pixels, height, width, channels, validate: true)
    {
    }

    private FloatImage(float[] pixels, int height, int width, int channels, bool validate)
    {
        if (validate)
        {
            ArgumentNullException.ThrowIfNull(pixels);
            CheckChannels(channels);
            PixelGrid.Check(height, width, channels, pixels.Length, nameof(pixels));
            for (int i = 0; i < pixels.Length; i++)
            {
                if (!float.IsFinite(pixels[i]))
                {
                    int p = i / channels;
                    throw new ArgumentException($"Pixel ({p / width}, {p % width}) is {pixels[i]}; images hold finite values only.", nameof(pixels));
                }
            }
        }

        Pixels = pixels;
        Height = height;
        Width = width;
        Channels = channels;
    }

    /// <summary>Height in pixels (≥ 1).</summary>
    public int Height { get; }

    /// <summary>Width in pixels (≥ 1).</summary>
    public int Width { get; }

    /// <summary>Values per pixel: 1 (grey) or 3 (RGB).</summary>
    public int Channels { get; }

    /// <summary>The values, row-major with channels interleaved (length H·W·C); writers keep them finite.</summary>
    public float[] Pixels { get; }

    /// <summary>Value at row <paramref name="y"/> (0..H−1), column <paramref name="x"/> (0..W−1), channel <paramref name="c"/> (0..C−1).</summary>
    public float this[int y, int x, int c = 0]
    {
        get => Pixels[Index(y, x, c)];
        set => Pixels[Index(y, x, c)] = value;
    }

    /// <summary>Row <paramref name="row"/> (0..H−1) as a span of W·C values.</summary>
    public ReadOnlySpan<float> Row(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Height);
        return Pixels.AsSpan(row * Width * Channels, Width * Channels);
    }

    /// <summary>A deep copy.</summary>
    public FloatImage Clone() => Trusted((float[])Pixels.Clone(), Height, Width, Channels);

    /// <summary>A new image with every value v replaced by 1 − v (dark-on-light ↔ light-on-dark).</summary>
    public FloatImage Inverted()
    {
        var result = new float[Pixels.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = 1f - Pixels[i];
        }

        return Trusted(result, Height, Width, Channels);
    }

    /// <summary>A new W×H image with rows and columns swapped (pixel (y, x) moves to (x, y)).</summary>
    public FloatImage Transposed()
    {
        var result = new FloatImage(Width, Height, Channels);
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                for (int c = 0; c < Channels; c++)
                {
                    result.Pixels[(((x * Height) + y) * Channels) + c] = Pixels[(((y * Width) + x) * Channels) + c];
                }
            }
        }

        return result;
    }

    /// <summary>
    /// A new <paramref name="height"/>×<paramref name="width"/> image (both ≥ 1) holding this image with its
    /// top-left corner at (<paramref name="top"/>, <paramref name="left"/>) — negative offsets crop, positive
    /// ones pad — and <paramref name="fill"/> (finite) wherever this image does not reach.
    /// </summary>
    public FloatImage Place(int height, int width, int top, int left, float fill = 0f)
    {
        var result = new FloatImage(height, width, Channels);
        if (fill != 0f)
        {
            Array.Fill(result.Pixels, fill);
        }

        int y0 = Math.Max(0, top), y1 = Math.Min(height, top + Height);
        int x0 = Math.Max(0, left), x1 = Math.Min(width, left + Width);
        if (x1 <= x0)
        {
            return result;
        }

        int rowValues = (x1 - x0) * Channels;
        for (int y = y0; y < y1; y++)
        {
            int src = (((y - top) * Width) + (x0 - left)) * Channels;
            int dst = ((y * width) + x0) * Channels;
            Array.Copy(Pixels, src, result.Pixels, dst, rowValues);
        }

        return result;
    }

    /// <summary>The sub-image of <paramref name="height"/>×<paramref name="width"/> pixels at (<paramref name="top"/>, <paramref name="left"/>), which must lie inside this image.</summary>
    public FloatImage Crop(int top, int left, int height, int width)
    {
        if (top < 0 || left < 0 || height < 1 || width < 1 || top + height > Height || left + width > Width)
        {
            throw new ArgumentOutOfRangeException(nameof(top), $"Crop {height}×{width} at ({top}, {left}) is outside the {Height}×{Width} image.");
        }

        return Place(height, width, -top, -left);
    }

    /// <summary>A one-channel copy: grey stays as is, RGB becomes luminance 0.299·R + 0.587·G + 0.114·B.</summary>
    public FloatImage ToGrey()
    {
        if (Channels == 1)
        {
            return Clone();
        }

        var result = new FloatImage(Height, Width);
        for (int i = 0; i < result.Pixels.Length; i++)
        {
            int j = i * 3;
            result.Pixels[i] = (0.299f * Pixels[j]) + (0.587f * Pixels[j + 1]) + (0.114f * Pixels[j + 2]);
        }

        return result;
    }

    /// <summary>A binary image of this grey image, true where the value is strictly greater than <paramref name="threshold"/> (skimage's <c>image &gt; t</c>).</summary>
    public BinaryImage Above(float threshold) => Compare(threshold, above: true);

    /// <summary>A binary image of this grey image, true where the value is ≤ <paramref name="threshold"/> (dark ink on light paper).</summary>
    public BinaryImage AtOrBelow(float threshold) => Compare(threshold, above: false);

    /// <summary>A binary image of this grey image, true where the value is strictly greater than the same pixel of <paramref name="thresholds"/> (grey, same size).</summary>
    public BinaryImage Above(FloatImage thresholds) => Compare(thresholds, above: true);

    /// <summary>A binary image of this grey image, true where the value is ≤ the same pixel of <paramref name="thresholds"/> (grey, same size).</summary>
    public BinaryImage AtOrBelow(FloatImage thresholds) => Compare(thresholds, above: false);

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="image"/> is grey (one channel): the imaging primitives work on grey images.</summary>
    internal static void RequireGrey(FloatImage image, string paramName)
    {
        ArgumentNullException.ThrowIfNull(image, paramName);
        if (image.Channels != 1)
        {
            throw new ArgumentException($"This operation needs a grey (1-channel) image, got {image.Height}×{image.Width}×{image.Channels}.", paramName);
        }
    }

    /// <summary>Wraps a result already known to be valid (no copy, no scan).</summary>
    internal static FloatImage Trusted(float[] pixels, int height, int width, int channels = 1) => new(pixels, height, width, channels, validate: false);

    private BinaryImage Compare(float threshold, bool above)
    {
        RequireGrey(this, "this");
        var mask = new byte[Pixels.Length];
        for (int i = 0; i < mask.Length; i++)
        {
            mask[i] = (byte)((Pixels[i] > threshold) == above ? 1 : 0);
        }

        return new BinaryImage(mask, Height, Width);
    }

    private BinaryImage Compare(FloatImage thresholds, bool above)
    {
        RequireGrey(this, "this");
        RequireGrey(thresholds, nameof(thresholds));
        PixelGrid.CheckSame(Height, Width, thresholds.Height, thresholds.Width, nameof(thresholds));
        var t = thresholds.Pixels;
        var mask = new byte[Pixels.Length];
        for (int i = 0; i < mask.Length; i++)
        {
            mask[i] = (byte)((Pixels[i] > t[i]) == above ? 1 : 0);
        }

        return new BinaryImage(mask, Height, Width);
    }

    private int Index(int y, int x, int c)
    {
        if ((uint)y >= (uint)Height || (uint)x >= (uint)Width || (uint)c >= (uint)Channels)
        {
            throw new ArgumentOutOfRangeException(nameof(y), $"Pixel ({y}, {x}, {c}) is outside the {Height}×{Width}×{Channels} image.");
        }

        return (((y * Width) + x) * Channels) + c;
    }

    private static void CheckChannels(int channels)
    {
        if (channels is not (1 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), $"Channels must be 1 (grey) or 3 (RGB), got {channels}.");
        }
    }

    private static int Count(int height, int width, int channels)
    {
        CheckChannels(channels);
        if (height < 1 || width < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(height), $"Image size must be at least 1×1, got {height}×{width}.");
        }

        return checked(height * width * channels);
    }
}
