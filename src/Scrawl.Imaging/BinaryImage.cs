namespace Scrawl.Imaging;

/// <summary>
/// A binary (mask) image: H×W bytes, row-major, each 0 (false, background) or 1 (true, foreground).
/// Bytes rather than bools so kernels can count and vectorise. Immutable by convention.
/// </summary>
public sealed class BinaryImage
{
    private readonly byte[] _pixels;

    /// <summary>Wraps <paramref name="pixels"/> (not copied) as a <paramref name="height"/>×<paramref name="width"/> mask; sizes ≥ 1, H·W values, each 0 or 1.</summary>
    public BinaryImage(int height, int width, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        PixelGrid.Check(height, width, pixels.Length, nameof(pixels));
        int bad = pixels.AsSpan().IndexOfAnyExcept((byte)0, (byte)1);
        if (bad >= 0)
        {
            throw new ArgumentException($"Pixel ({bad / width}, {bad % width}) is {pixels[bad]}; a binary image holds 0 or 1 only.", nameof(pixels));
        }

        Height = height;
        Width = width;
        _pixels = pixels;
    }

    /// <summary>Internal constructor for results already known to be valid (no copy, no scan).</summary>
    internal BinaryImage(byte[] pixels, int height, int width)
    {
        Height = height;
        Width = width;
        _pixels = pixels;
    }

    /// <summary>Number of rows (≥ 1).</summary>
    public int Height { get; }

    /// <summary>Number of columns (≥ 1).</summary>
    public int Width { get; }

    /// <summary>All H·W values (0 or 1), row-major.</summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    /// <summary>Whether the pixel at row <paramref name="row"/> (0..H−1), column <paramref name="column"/> (0..W−1) is set.</summary>
    public bool this[int row, int column] => _pixels[PixelGrid.Index(row, column, Height, Width)] != 0;

    /// <summary>Number of set pixels (0..H·W).</summary>
    public int Count() => _pixels.Length - _pixels.AsSpan().Count((byte)0);

    /// <summary>A mask from a predicate-like bool array (H·W values, row-major); sizes ≥ 1.</summary>
    public static BinaryImage FromBools(int height, int width, bool[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        PixelGrid.Check(height, width, values.Length, nameof(values));
        var pixels = new byte[values.Length];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = values[i] ? (byte)1 : (byte)0;
        }

        return new BinaryImage(pixels, height, width);
    }
}
