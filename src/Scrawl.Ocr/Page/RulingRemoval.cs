using Scrawl.Imaging;

namespace Scrawl.Ocr;

/// <summary>
/// Takes the paper's printed lines out of an ink mask (ruled and grid paper): a run of ink along a row (or column) longer than
/// <c>lengthFactor</c> × the typical character height is a ruling candidate, and each of its pixels is removed where the ink
/// across it is thin (a vertical run no longer than <c>thicknessFactor</c> × the character height), so that a stroke crossing
/// the line keeps its pixels. The character height is measured on the mask itself, from components no wider than a quarter
/// of it. Pure; O(pixels).
/// </summary>
public static class RulingRemoval
{
    /// <summary>
    /// <paramref name="ink"/> without long thin horizontal and vertical lines; the same instance when there are none.
    /// <paramref name="lengthFactor"/> (&gt; 0) and <paramref name="thicknessFactor"/> (&gt; 0) are multiples of the typical character height.
    /// </summary>
    public static BinaryImage Remove(BinaryImage ink, double lengthFactor = 2.5, double thicknessFactor = 0.15)
    {
        ArgumentNullException.ThrowIfNull(ink);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lengthFactor);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(thicknessFactor);
        // Printed lines cross most of the page: without a run an eighth of the mask long there is nothing to remove, and the
        // labelling that measures the character height (the costly part) is skipped.
        if (!HasLongRun(ink.Pixels, ink.Height, ink.Width, Math.Max(8, ink.Width / 8), true) && !HasLongRun(ink.Pixels, ink.Height, ink.Width, Math.Max(8, ink.Height / 8), false))
        {
            return ink;
        }

        double? height = CharacterHeight(ink);
        if (height is not { } h)
        {
            return ink;
        }

        int length = Math.Max(8, (int)Math.Round(lengthFactor * h));
        int thickness = Math.Max(1, (int)Math.Round(thicknessFactor * h));
        int rows = ink.Height, cols = ink.Width;
        // Rows first, then columns on what is left, so that where a grid's lines cross, the crossing goes with the second pass.
        var result = ink.Pixels.ToArray();
        using var remove = new PooledArray<bool>(result.Length);
        bool any = RemovePass(result, rows, cols, length, thickness, remove.Span, horizontal: true);
        any |= RemovePass(result, rows, cols, length, thickness, remove.Span, horizontal: false);
        return any ? new BinaryImage(rows, cols, result) : ink;
    }

    /// <summary>One pass of <see cref="Mark"/> and the removal of what it marked; <paramref name="remove"/> is scratch of the mask's size.</summary>
    private static bool RemovePass(byte[] pixels, int rows, int cols, int length, int thickness, Span<bool> remove, bool horizontal)
    {
        remove.Clear();
        if (!Mark(pixels, rows, cols, length, thickness, remove, horizontal))
        {
            return false;
        }

        for (int i = 0; i < pixels.Length; i++)
        {
            if (remove[i])
            {
                pixels[i] = 0;
            }
        }

        return true;
    }

    /// <summary>True when some row (or column) holds a run of at least <paramref name="length"/> ink pixels, bridging gaps of up to 3 pixels.</summary>
    private static bool HasLongRun(ReadOnlySpan<byte> src, int rows, int cols, int length, bool horizontal)
    {
        int lines = horizontal ? rows : cols, along = horizontal ? cols : rows;
        for (int line = 0; line < lines; line++)
        {
            int start = -1, last = -10;
            for (int k = 0; k < along; k++)
            {
                if (src[horizontal ? (line * cols) + k : (k * cols) + line] == 0)
                {
                    continue;
                }

                if (k - last > 4)
                {
                    start = k;
                }

                last = k;
                if (k - start + 1 >= length)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Marks the thin pixels of long runs along rows (or columns); true when any was marked.</summary>
    private static bool Mark(ReadOnlySpan<byte> src, int rows, int cols, int length, int thickness, Span<bool> remove, bool horizontal)
    {
        int lines = horizontal ? rows : cols, along = horizontal ? cols : rows;
        int Index(int line, int k) => horizontal ? (line * cols) + k : (k * cols) + line;
        bool any = false;
        for (int line = 0; line < lines; line++)
        {
            int k = 0;
            while (k < along)
            {
                if (src[Index(line, k)] == 0)
                {
                    k++;
                    continue;
                }

                // A run may bridge gaps of up to `thickness` pixels: a faint printed line breaks up when binarised.
                int start = k, end = k;
                while (k < along)
                {
                    if (src[Index(line, k)] != 0)
                    {
                        end = ++k;
                    }
                    else if (k - end < thickness)
                    {
                        k++;
                    }
                    else
                    {
                        break;
                    }
                }

                k = end;
                if (end - start < length)
                {
                    continue;
                }

                for (int j = start; j < end; j++)
                {
                    if (src[Index(line, j)] != 0 && CrossRun(src, rows, cols, line, j, horizontal, thickness) <= thickness)
                    {
                        remove[Index(line, j)] = true;
                        any = true;
                    }
                }
            }
        }

        return any;
    }

    /// <summary>The length of the ink run across the line through the pixel (line, j), counted up to thickness + 1.</summary>
    private static int CrossRun(ReadOnlySpan<byte> src, int rows, int cols, int line, int j, bool horizontal, int thickness)
    {
        int across = horizontal ? rows : cols;
        int run = 1;
        for (int d = 1; d <= thickness && line - d >= 0 && src[horizontal ? ((line - d) * cols) + j : (j * cols) + line - d] != 0; d++)
        {
            run++;
        }

        for (int d = 1; d <= thickness && line + d < across && src[horizontal ? ((line + d) * cols) + j : (j * cols) + line + d] != 0; d++)
        {
            run++;
        }

        return run;
    }

    /// <summary>The typical character height of the mask's components no wider or taller than a quarter of it, or null.</summary>
    private static double? CharacterHeight(BinaryImage ink)
    {
        using var scratch = new PooledArray<int>(ink.Height * ink.Width);
        var (labels, count) = Labeling.Label(ink, scratch.Array, connectivity: 8);
        if (count == 0)
        {
            return null;
        }

        var heights = Regions.Measure(labels)
            .Where(r => r.BoxWidth <= ink.Width / 4 && r.BoxHeight <= ink.Height / 4 && r.BoxHeight >= 3)
            .Select(r => (double)r.BoxHeight).ToList();
        return heights.Count == 0 ? null : CharacterFinder.TypicalHeight(heights);
    }
}
