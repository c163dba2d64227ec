namespace Scrawl.Imaging;

/// <summary>
/// A label image: H×W int32 values, row-major; 0 is background, 1..<see cref="Count"/> name the
/// connected components (as <see cref="Labeling.Label(BinaryImage, int)"/> numbers them: raster order of each
/// component's first pixel). Immutable by convention.
/// </summary>
public sealed class LabelImage
{
    private readonly int[] _labels;

    /// <summary>Wraps <paramref name="labels"/> (not copied) as a <paramref name="height"/>×<paramref name="width"/> label image; sizes ≥ 1, H·W values, each ≥ 0.</summary>
    public LabelImage(int height, int width, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        PixelGrid.Check(height, width, labels.Length, nameof(labels));
        int max = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0)
            {
                throw new ArgumentException($"Label at ({i / width}, {i % width}) is {labels[i]}; labels are ≥ 0 (0 = background).", nameof(labels));
            }

            max = Math.Max(max, labels[i]);
        }

        Height = height;
        Width = width;
        Count = max;
        _labels = labels;
    }

    /// <summary>Internal constructor for results already known to be valid; <paramref name="labels"/> may be longer than H·W (pooled scratch), only its first H·W values count.</summary>
    internal LabelImage(int[] labels, int height, int width, int count)
    {
        Height = height;
        Width = width;
        Count = count;
        _labels = labels;
    }

    /// <summary>Number of rows (≥ 1).</summary>
    public int Height { get; }

    /// <summary>Number of columns (≥ 1).</summary>
    public int Width { get; }

    /// <summary>The largest label (0 when the image is all background); labels run 1..Count.</summary>
    public int Count { get; }

    /// <summary>All H·W labels, row-major.</summary>
    public ReadOnlySpan<int> Labels => _labels.AsSpan(0, Height * Width);

    /// <summary>The label at row <paramref name="row"/> (0..H−1), column <paramref name="column"/> (0..W−1).</summary>
    public int this[int row, int column] => _labels[PixelGrid.Index(row, column, Height, Width)];
}
