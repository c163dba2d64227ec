namespace Scrawl.Imaging;

/// <summary>Shared size checks with messages that name the problem.</summary>
internal static class ImageShape
{
    public static void Check(int height, int width, int length, string paramName)
    {
        if (height < 1 || width < 1)
        {
            throw new ArgumentException($"An image needs at least one row and one column; got {height}×{width}.", paramName);
        }

        if ((long)height * width != length)
        {
            throw new ArgumentException($"A {height}×{width} image needs {(long)height * width} values; got {length}.", paramName);
        }
    }

    public static void CheckSame(int height, int width, int otherHeight, int otherWidth, string paramName)
    {
        if (height != otherHeight || width != otherWidth)
        {
            throw new ArgumentException($"The images differ in size: {height}×{width} vs {otherHeight}×{otherWidth}.", paramName);
        }
    }

    public static int Index(int row, int column, int height, int width)
    {
        if ((uint)row >= (uint)height || (uint)column >= (uint)width)
        {
            throw new ArgumentOutOfRangeException(nameof(row), $"Pixel ({row}, {column}) is outside the {height}×{width} image.");
        }

        return (row * width) + column;
    }
}
