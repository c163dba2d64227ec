using Scrawl.Imaging;

namespace Scrawl.Data.Synthesis;

/// <summary>
/// Writes grey images as binary PGM (P5, 8-bit) files for quick inspection without any imaging
/// library: single images or a grid ("montage") of an <see cref="ImageSet"/>'s samples. Ink (1) is
/// drawn dark on white paper (0) so the result reads like writing on paper.
/// </summary>
public static class PgmMontage
{
    /// <summary>Writes one grey image (row-major, values clamped to [0, 1], width and height ≥ 1) as a P5 PGM file.</summary>
    public static void WriteImage(string path, ReadOnlySpan<float> pixels, int width, int height)
    {
        PixelGrid.Check(height, width, pixels.Length, nameof(pixels));

        var header = System.Text.Encoding.ASCII.GetBytes($"P5\n{width} {height}\n255\n");
        var bytes = new byte[header.Length + pixels.Length];
        header.CopyTo(bytes, 0);
        for (int i = 0; i < pixels.Length; i++)
        {
            bytes[header.Length + i] = (byte)MathF.Round(255f * (1f - Math.Clamp(pixels[i], 0f, 1f)));
        }

        File.WriteAllBytes(path, bytes);
    }

    /// <summary>
    /// Writes the first <paramref name="count"/> samples (≥ 1, clipped to the set's size) of a grey set
    /// as a grid of <paramref name="columns"/> (≥ 1) columns, each cell enlarged <paramref name="zoom"/>
    /// (1–16) times by pixel repetition, with a 1-pixel mid-grey gap between cells.
    /// </summary>
    public static void WriteMontage(string path, ImageSet set, int columns, int count, int zoom = 2)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(zoom, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(zoom, 16);
        if (set.Channels != 1)
        {
            throw new ArgumentException($"{set.Name}: a montage needs grey images, got {set.Channels} channels.", nameof(set));
        }

        count = Math.Min(count, set.Count);
        columns = Math.Min(columns, count);
        int rows = (count + columns - 1) / columns;
        int cellW = (set.Width * zoom) + 1, cellH = (set.Height * zoom) + 1;
        int width = (columns * cellW) + 1, height = (rows * cellH) + 1;
        var canvas = new float[width * height];
        canvas.AsSpan().Fill(0.5f);
        for (int n = 0; n < count; n++)
        {
            var image = set.Images.Row(n);
            int left = ((n % columns) * cellW) + 1, top = ((n / columns) * cellH) + 1;
            for (int y = 0; y < set.Height * zoom; y++)
            {
                for (int x = 0; x < set.Width * zoom; x++)
                {
                    canvas[((top + y) * width) + left + x] = image[((y / zoom) * set.Width) + (x / zoom)];
                }
            }
        }

        WriteImage(path, canvas, width, height);
    }
}
