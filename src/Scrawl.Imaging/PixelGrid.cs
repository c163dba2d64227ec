namespace Scrawl.Imaging;

/// <summary>
/// The one size check of Scrawl's 2-D pixel arrays (<see cref="FloatImage"/>, <see cref="BinaryImage"/>,
/// <see cref="LabelImage"/>, <see cref="Footprint"/>, and raw row-major buffers elsewhere): messages that name the problem.
/// </summary>
public static class PixelGrid
{
    /// <summary>Throws <see cref="ArgumentException"/> unless height, width ≥ 1 and <paramref name="length"/> = H·W.</summary>
    public static void Check(int height, int width, int length, string paramName) => Check(height, width, 1, length, paramName);

    /// <summary>Throws <see cref="ArgumentException"/> unless height, width, channels ≥ 1 and <paramref name="length"/> = H·W·C.</summary>
    public static void Check(int height, int width, int channels, int length, string paramName)
    {
        if (height < 1 || width < 1 || channels < 1)
        {
            throw new ArgumentException($"An image needs at least one row, column and channel; got {Size(height, width, channels)}.", paramName);
        }

        long count = (long)height * width * channels;
        if (count != length)
        {
            throw new ArgumentException($"A {Size(height, width, channels)} image needs {count} values; got {length}.", paramName);
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless the two sizes are equal.</summary>
    public static void CheckSame(int height, int width, int otherHeight, int otherWidth, string paramName)
    {
        if (height != otherHeight || width != otherWidth)
        {
            throw new ArgumentException($"The images differ in size: {height}×{width} vs {otherHeight}×{otherWidth}.", paramName);
        }
    }

    /// <summary>The row-major index of (<paramref name="row"/>, <paramref name="column"/>); throws <see cref="ArgumentOutOfRangeException"/> outside 0..H−1 × 0..W−1.</summary>
    public static int Index(int row, int column, int height, int width)
    {
        if ((uint)row >= (uint)height || (uint)column >= (uint)width)
        {
            throw new ArgumentOutOfRangeException(nameof(row), $"Pixel ({row}, {column}) is outside the {height}×{width} image.");
        }

        return (row * width) + column;
    }

    private static string Size(int height, int width, int channels) => channels == 1 ? $"{height}×{width}" : $"{height}×{width}×{channels}";
}
