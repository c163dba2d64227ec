namespace Scrawl.Ocr;

/// <summary>
/// An axis-aligned box of pixels, half-open like scikit-image's <c>bbox</c>: rows
/// <see cref="Top"/>..<see cref="Bottom"/>−1, columns <see cref="Left"/>..<see cref="Right"/>−1.
/// </summary>
/// <param name="Top">First row (≥ 0).</param>
/// <param name="Left">First column (≥ 0).</param>
/// <param name="Bottom">One past the last row (&gt; Top).</param>
/// <param name="Right">One past the last column (&gt; Left).</param>
public readonly record struct PixelBox(int Top, int Left, int Bottom, int Right)
{
    /// <summary>Height in pixels (≥ 1 for a valid box).</summary>
    public int Height => Bottom - Top;

    /// <summary>Width in pixels (≥ 1 for a valid box).</summary>
    public int Width => Right - Left;

    /// <summary>Column of the box centre.</summary>
    public double CentreX => (Left + Right) / 2.0;

    /// <summary>Row of the box centre.</summary>
    public double CentreY => (Top + Bottom) / 2.0;

    /// <summary>The smallest box holding both boxes.</summary>
    public PixelBox Union(PixelBox other) =>
        new(Math.Min(Top, other.Top), Math.Min(Left, other.Left), Math.Max(Bottom, other.Bottom), Math.Max(Right, other.Right));

    /// <summary>Number of columns both boxes cover (≤ 0 when they are apart: minus the gap).</summary>
    public int HorizontalOverlap(PixelBox other) => Math.Min(Right, other.Right) - Math.Max(Left, other.Left);

    /// <summary>Number of rows both boxes cover (≤ 0 when they are apart: minus the gap).</summary>
    public int VerticalOverlap(PixelBox other) => Math.Min(Bottom, other.Bottom) - Math.Max(Top, other.Top);

    /// <summary>The box in a frame <paramref name="factor"/> (&gt; 0) times larger, rounded outwards and clipped to <paramref name="height"/>×<paramref name="width"/>.</summary>
    public PixelBox Scaled(double factor, int height, int width) => new(
        Math.Clamp((int)Math.Floor(Top * factor), 0, height - 1),
        Math.Clamp((int)Math.Floor(Left * factor), 0, width - 1),
        Math.Clamp((int)Math.Ceiling(Bottom * factor), 1, height),
        Math.Clamp((int)Math.Ceiling(Right * factor), 1, width));

    /// <summary>The smallest box holding all of <paramref name="boxes"/> (at least one).</summary>
    public static PixelBox Enclosing(IEnumerable<PixelBox> boxes)
    {
        ArgumentNullException.ThrowIfNull(boxes);
        return boxes.Aggregate((a, b) => a.Union(b));
    }
}
