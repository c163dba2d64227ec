namespace Scrawl.Imaging;

/// <summary>
/// A structuring element for binary morphology: an odd- or even-sized mask whose centre is cell
/// (H/2, W/2) (integer division, as scipy.ndimage places the origin). Immutable.
/// </summary>
public sealed class Footprint
{
    private readonly bool[] _cells;

    /// <summary>A footprint from H·W cells (row-major), sizes ≥ 1, with at least one cell set.</summary>
    public Footprint(int height, int width, bool[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        PixelGrid.Check(height, width, cells.Length, nameof(cells));
        if (Array.IndexOf(cells, true) < 0)
        {
            throw new ArgumentException("A footprint needs at least one cell set.", nameof(cells));
        }

        Height = height;
        Width = width;
        _cells = (bool[])cells.Clone();
        IsRectangle = Array.IndexOf(_cells, false) < 0;
    }

    /// <summary>Number of rows (≥ 1).</summary>
    public int Height { get; }

    /// <summary>Number of columns (≥ 1).</summary>
    public int Width { get; }

    /// <summary>True when every cell is set (erosion and dilation then run separably, O(1) per pixel).</summary>
    public bool IsRectangle { get; }

    /// <summary>Whether cell (<paramref name="row"/>, <paramref name="column"/>) is part of the footprint.</summary>
    public bool this[int row, int column] => _cells[PixelGrid.Index(row, column, Height, Width)];

    /// <summary>An n×n square of ones, n ≥ 1 (as <c>skimage.morphology.square(n)</c>).</summary>
    public static Footprint Square(int size) => Rectangle(size, size);

    /// <summary>A full rectangle, <paramref name="height"/> and <paramref name="width"/> ≥ 1.</summary>
    public static Footprint Rectangle(int height, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        var cells = new bool[height * width];
        Array.Fill(cells, true);
        return new Footprint(height, width, cells);
    }

    /// <summary>A (2r+1)×(2r+1) disk, r ≥ 0: cells with dy² + dx² ≤ r² (as <c>skimage.morphology.disk(r)</c>).</summary>
    public static Footprint Disk(int radius)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        int n = (2 * radius) + 1;
        var cells = new bool[n * n];
        for (int dy = -radius; dy <= radius; dy++)
        {
            for (int dx = -radius; dx <= radius; dx++)
            {
                cells[((dy + radius) * n) + dx + radius] = (dy * dy) + (dx * dx) <= radius * radius;
            }
        }

        return new Footprint(n, n, cells);
    }

    /// <summary>The footprint's horizontal runs as (row offset, first column offset, last column offset) from the centre.</summary>
    internal List<(int Dy, int X0, int X1)> Runs()
    {
        var runs = new List<(int, int, int)>();
        int cy = Height / 2, cx = Width / 2;
        for (int y = 0; y < Height; y++)
        {
            int x = 0;
            while (x < Width)
            {
                if (!_cells[(y * Width) + x])
                {
                    x++;
                    continue;
                }

                int start = x;
                while (x < Width && _cells[(y * Width) + x])
                {
                    x++;
                }

                runs.Add((y - cy, start - cx, x - 1 - cx));
            }
        }

        return runs;
    }
}
