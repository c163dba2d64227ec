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

    /// <summary>
    /// A <paramref name="height"/>×<paramref name="width"/> mask over the first H·W values of <paramref name="buffer"/> (length ≥ H·W, each of
    /// those 0 or 1; not copied), such as a <see cref="PooledArray{T}"/>'s array: valid only while the caller leaves that memory alone.
    /// </summary>
    public static BinaryImage Wrap(int height, int width, byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (height < 1 || width < 1 || (long)height * width > buffer.Length)
        {
            throw new ArgumentException($"A {height}×{width} mask needs at least one row and column and {(long)height * width} values; the buffer holds {buffer.Length}.", nameof(buffer));
        }

        int bad = buffer.AsSpan(0, height * width).IndexOfAnyExcept((byte)0, (byte)1);
        if (bad >= 0)
        {
            throw new ArgumentException($"Pixel ({bad / width}, {bad % width}) is {buffer[bad]}; a binary image holds 0 or 1 only.", nameof(buffer));
        }

        return new BinaryImage(buffer, height, width);
    }

    /// <summary>Internal constructor for results already known to be valid (no copy, no scan); <paramref name="pixels"/> may be longer than H·W, only its first H·W values count.</summary>
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
    public ReadOnlySpan<byte> Pixels => _pixels.AsSpan(0, Height * Width);

    /// <summary>Whether the pixel at row <paramref name="row"/> (0..H−1), column <paramref name="column"/> (0..W−1) is set.</summary>
    public bool this[int row, int column] => _pixels[PixelGrid.Index(row, column, Height, Width)] != 0;

    /// <summary>Number of set pixels (0..H·W).</summary>
    public int Count() => (Height * Width) - Pixels.Count((byte)0);

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
