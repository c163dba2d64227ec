namespace Scrawl.Imaging;

/// <summary>
/// A grey image: H×W float32 values, row-major (row 0 is the top). Pixel images hold intensities in
/// [0, 1]; threshold maps (e.g. from <see cref="Thresholds.Sauvola"/>) may leave that range, so only
/// finiteness is enforced. Immutable by convention: no function of this library writes into an
/// image it was given; each returns a new one.
/// </summary>
public sealed class GrayImage
{
    private readonly float[] _pixels;

    /// <summary>Wraps <paramref name="pixels"/> (not copied) as a <paramref name="height"/>×<paramref name="width"/> image; sizes ≥ 1, H·W values, all finite.</summary>
    public GrayImage(int height, int width, float[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ImageShape.Check(height, width, pixels.Length, nameof(pixels));
        for (int i = 0; i < pixels.Length; i++)
        {
            if (!float.IsFinite(pixels[i]))
            {
                throw new ArgumentException($"Pixel ({i / width}, {i % width}) is {pixels[i]}; grey images hold finite values only.", nameof(pixels));
            }
        }

        Height = height;
        Width = width;
        _pixels = pixels;
    }

    /// <summary>Internal constructor for results already known to be valid (no copy, no scan).</summary>
    internal GrayImage(float[] pixels, int height, int width)
    {
        Height = height;
        Width = width;
        _pixels = pixels;
    }

    /// <summary>Number of rows (≥ 1).</summary>
    public int Height { get; }

    /// <summary>Number of columns (≥ 1).</summary>
    public int Width { get; }

    /// <summary>All H·W values, row-major.</summary>
    public ReadOnlySpan<float> Pixels => _pixels;

    /// <summary>The value at row <paramref name="row"/> (0..H−1), column <paramref name="column"/> (0..W−1).</summary>
    public float this[int row, int column] => _pixels[ImageShape.Index(row, column, Height, Width)];

    /// <summary>One row (0..H−1) as a span of W values.</summary>
    public ReadOnlySpan<float> Row(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Height);
        return _pixels.AsSpan(row * Width, Width);
    }

    /// <summary>A binary image, true where the value is strictly greater than <paramref name="threshold"/> (skimage's <c>image &gt; t</c>).</summary>
    public BinaryImage Above(float threshold) => Compare(threshold, above: true);

    /// <summary>A binary image, true where the value is ≤ <paramref name="threshold"/> (dark ink on light paper).</summary>
    public BinaryImage AtOrBelow(float threshold) => Compare(threshold, above: false);

    /// <summary>A binary image, true where the value is strictly greater than the same pixel of <paramref name="thresholds"/> (same size).</summary>
    public BinaryImage Above(GrayImage thresholds) => Compare(thresholds, above: true);

    /// <summary>A binary image, true where the value is ≤ the same pixel of <paramref name="thresholds"/> (same size).</summary>
    public BinaryImage AtOrBelow(GrayImage thresholds) => Compare(thresholds, above: false);

    private BinaryImage Compare(float threshold, bool above)
    {
        var mask = new byte[_pixels.Length];
        for (int i = 0; i < mask.Length; i++)
        {
            mask[i] = (byte)((_pixels[i] > threshold) == above ? 1 : 0);
        }

        return new BinaryImage(mask, Height, Width);
    }

    private BinaryImage Compare(GrayImage thresholds, bool above)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        ImageShape.CheckSame(Height, Width, thresholds.Height, thresholds.Width, nameof(thresholds));
        var t = thresholds._pixels;
        var mask = new byte[_pixels.Length];
        for (int i = 0; i < mask.Length; i++)
        {
            mask[i] = (byte)((_pixels[i] > t[i]) == above ? 1 : 0);
        }

        return new BinaryImage(mask, Height, Width);
    }
}
