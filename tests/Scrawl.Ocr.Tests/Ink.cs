using Scrawl.Imaging;

namespace Scrawl.Ocr.Tests;

/// <summary>Synthetic binary pages: filled rectangles of ink.</summary>
internal static class Ink
{
    /// <summary>A <paramref name="height"/>×<paramref name="width"/> mask with the given boxes set.</summary>
    public static BinaryImage Page(int height, int width, params PixelBox[] boxes)
    {
        var pixels = new byte[height * width];
        foreach (var b in boxes)
        {
            for (int y = b.Top; y < b.Bottom; y++)
            {
                pixels.AsSpan((y * width) + b.Left, b.Width).Fill(1);
            }
        }

        return new BinaryImage(height, width, pixels);
    }

    /// <summary>A character-like ring (a box outline <paramref name="stroke"/> thick) at the given box.</summary>
    public static IEnumerable<PixelBox> Ring(PixelBox b, int stroke = 3) =>
    [
        b with { Bottom = b.Top + stroke },
        b with { Top = b.Bottom - stroke },
        b with { Right = b.Left + stroke },
        b with { Left = b.Right - stroke },
    ];

    /// <summary>A row of <paramref name="count"/> ring characters 30 high and 20 wide, <paramref name="gap"/> apart, starting at (<paramref name="top"/>, <paramref name="left"/>).</summary>
    public static IEnumerable<PixelBox> Row(int top, int left, int count, int gap) =>
        Enumerable.Range(0, count).SelectMany(i => Ring(new PixelBox(top, left + (i * (20 + gap)), top + 30, left + (i * (20 + gap)) + 20)));
}
