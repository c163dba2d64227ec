using Scrawl.Numerics;

namespace Scrawl.Data.Images;

/// <summary>
/// One image as float32 values, row-major H×W (grey, 1 channel) or H×W×3 (RGB, channels interleaved).
/// Values are normally in [0, 1]; whether 1 means ink or light depends on the stage (a decoder returns
/// the file's own intensities, a loader converts them to Scrawl's ink = 1).
/// </summary>
public sealed class FloatImage
{
    /// <summary>A zero-filled image; height, width ≥ 1 and channels 1 (grey) or 3 (RGB).</summary>
    public FloatImage(int height, int width, int channels = 1)
        : this(new float[CheckedCount(height, width, channels)], height, width, channels)
    {
    }

    /// <summary>Wraps <paramref name="pixels"/> (length H·W·C, row-major, channels interleaved) without copying.</summary>
    public FloatImage(float[] pixels, int height, int width, int channels = 1)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        int count = CheckedCount(height, width, channels);
        if (pixels.Length != count)
        {
            throw new ArgumentException($"A {height}×{width}×{channels} image has {count} values, got {pixels.Length}.", nameof(pixels));
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

    /// <summary>The values, row-major with channels interleaved (length H·W·C).</summary>
    public float[] Pixels { get; }

    /// <summary>Value at row <paramref name="y"/> (0..H−1), column <paramref name="x"/> (0..W−1), channel <paramref name="c"/> (0..C−1).</summary>
    public float this[int y, int x, int c = 0]
    {
        get => Pixels[Index(y, x, c)];
        set => Pixels[Index(y, x, c)] = value;
    }

    /// <summary>A deep copy.</summary>
    public FloatImage Clone() => new((float[])Pixels.Clone(), Height, Width, Channels);

    /// <summary>A new image with every value v replaced by 1 − v (dark-on-light ↔ light-on-dark).</summary>
    public FloatImage Inverted()
    {
        var result = new float[Pixels.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = 1f - Pixels[i];
        }

        return new FloatImage(result, Height, Width, Channels);
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
    /// ones pad — and <paramref name="fill"/> wherever this image does not reach.
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

    /// <summary>The image as a tensor [H×W] (grey) or [H×W×3] (RGB), copied.</summary>
    public Tensor ToTensor() => Channels == 1 ? Tensor.FromSpan(Pixels, Height, Width) : Tensor.FromSpan(Pixels, Height, Width, Channels);

    /// <summary>Image <paramref name="index"/> (0..Count−1) of a set, copied.</summary>
    public static FloatImage FromSet(ImageSet set, int index)
    {
        ArgumentNullException.ThrowIfNull(set);
        return new FloatImage(set.Images.Row(index).ToArray(), set.Height, set.Width, set.Channels);
    }

    private int Index(int y, int x, int c)
    {
        if ((uint)y >= (uint)Height || (uint)x >= (uint)Width || (uint)c >= (uint)Channels)
        {
            throw new ArgumentOutOfRangeException(nameof(y), $"Pixel ({y}, {x}, {c}) is outside the {Height}×{Width}×{Channels} image.");
        }

        return (((y * Width) + x) * Channels) + c;
    }

    private static int CheckedCount(int height, int width, int channels)
    {
        if (height < 1 || width < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(height), $"Image size must be at least 1×1, got {height}×{width}.");
        }

        if (channels is not (1 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), $"Channels must be 1 (grey) or 3 (RGB), got {channels}.");
        }

        return checked(height * width * channels);
    }
}
