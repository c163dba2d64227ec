using Scrawl.Imaging;

namespace Scrawl.Ocr.Segmentation;

/// <summary>
/// Candidate cuts of a blob of touching characters, and the pieces between them. A cut starts at a column of the blob and runs top to bottom
/// as a seam: the 8-connected path (one column step per row at most, within a reach of its start column) that crosses the least ink, so a
/// cut follows the gap between slanted or overlapping strokes instead of slicing through them.
/// </summary>
public static class InkCuts
{
    /// <summary>
    /// Candidate start columns (increasing, each in [margin, width − margin)) of cuts through <paramref name="mask"/>: the local minima of its
    /// column ink profile (smoothed over a stroke width, minima at least <paramref name="spacing"/> (≥ 1) columns apart), then further columns
    /// wherever no candidate lies within <paramref name="spacing"/>, so candidates are never farther apart than that. <paramref name="margin"/> ≥ 1
    /// keeps cuts off the blob's edges.
    /// </summary>
    public static int[] Columns(BinaryImage mask, int spacing, int margin)
    {
        ArgumentNullException.ThrowIfNull(mask);
        spacing = Math.Max(1, spacing);
        margin = Math.Max(1, margin);
        int w = mask.Width;
        var profile = new double[w];
        for (int y = 0; y < mask.Height; y++)
        {
            for (int x = 0; x < w; x++)
            {
                profile[x] += mask[y, x] ? 1 : 0;
            }
        }

        int half = Math.Max(1, (int)Math.Round(CropPreparation.StrokeWidth(mask) / 2));
        var smooth = new double[w];
        for (int x = 0; x < w; x++)
        {
            int from = Math.Max(0, x - half), to = Math.Min(w - 1, x + half);
            for (int k = from; k <= to; k++)
            {
                smooth[x] += profile[k] / (to - from + 1);
            }
        }

        var cuts = new List<int>();
        for (int x = margin; x < w - margin; x++)
        {
            bool minimum = true;
            for (int k = Math.Max(0, x - spacing); k <= Math.Min(w - 1, x + spacing) && minimum; k++)
            {
                minimum = smooth[k] > smooth[x] || (smooth[k] == smooth[x] && k >= x);
            }

            if (minimum)
            {
                cuts.Add(x);
            }
        }

        // Overlapping letters need not leave a minimum where they meet (an O's middle columns hold less ink than an O touching a K):
        // fill the stretches without a minimum so that candidates lie at most `spacing` apart, and let recognition choose.
        var all = new List<int>();
        int last = margin - spacing, next = 0;
        for (int x = margin; x < w - margin; x++)
        {
            bool minimum = next < cuts.Count && cuts[next] == x;
            next += minimum ? 1 : 0;
            if (minimum || x - last >= spacing)
            {
                all.Add(x);
                last = x;
            }
        }

        return [.. all];
    }

    /// <summary>The seam from column <paramref name="column"/>: for each row the first column of the right-hand side (in [1, width − 1]), staying within <paramref name="reach"/> (≥ 0) columns of the start.</summary>
    public static int[] Seam(BinaryImage mask, int column, int reach)
    {
        ArgumentNullException.ThrowIfNull(mask);
        int h = mask.Height, w = mask.Width;
        int lo = Math.Clamp(column - reach, 1, w - 1), hi = Math.Clamp(column + reach, 1, w - 1);
        int span = hi - lo + 1;
        var cost = new double[h, span];
        var from = new int[h, span];
        for (int y = 0; y < h; y++)
        {
            for (int i = 0; i < span; i++)
            {
                // Crossing ink costs 1 per pixel (the pixel left of the boundary and the one right of it); drifting from the start costs a little.
                int x = lo + i;
                double own = (mask[y, x] && mask[y, x - 1] ? 1 : 0) + (0.01 * Math.Abs(x - column));
                if (y == 0)
                {
                    cost[y, i] = own;
                    continue;
                }

                int best = i;
                for (int d = -1; d <= 1; d++)
                {
                    if (i + d >= 0 && i + d < span && cost[y - 1, i + d] < cost[y - 1, best])
                    {
                        best = i + d;
                    }
                }

                cost[y, i] = cost[y - 1, best] + own;
                from[y, i] = best;
            }
        }

        int end = 0;
        for (int i = 1; i < span; i++)
        {
            end = cost[h - 1, i] < cost[h - 1, end] ? i : end;
        }

        var seam = new int[h];
        for (int y = h - 1; y >= 0; y--)
        {
            seam[y] = lo + end;
            end = from[y, end];
        }

        return seam;
    }

    /// <summary>
    /// The ink of <paramref name="mask"/> (covering <paramref name="box"/>) cut along <paramref name="seams"/> (ordered left to right; crossing
    /// seams are made to follow each other): the pieces between consecutive seams that hold ink, left to right, each with its tight box (in the
    /// box's frame) and mask.
    /// </summary>
    public static List<(PixelBox Box, BinaryImage Mask)> Pieces(PixelBox box, BinaryImage mask, IReadOnlyList<int[]> seams)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(seams);
        int h = mask.Height, w = mask.Width;
        var bounds = new int[seams.Count + 2][];
        bounds[0] = new int[h];
        bounds[^1] = Enumerable.Repeat(w, h).ToArray();
        for (int k = 0; k < seams.Count; k++)
        {
            bounds[k + 1] = [.. seams[k].Select((x, y) => Math.Max(x, bounds[k][y]))];
        }

        var pieces = new List<(PixelBox, BinaryImage)>();
        for (int k = 0; k + 1 < bounds.Length; k++)
        {
            int top = int.MaxValue, left = int.MaxValue, bottom = -1, right = -1;
            for (int y = 0; y < h; y++)
            {
                for (int x = bounds[k][y]; x < bounds[k + 1][y]; x++)
                {
                    if (mask[y, x])
                    {
                        (top, bottom, left, right) = (Math.Min(top, y), Math.Max(bottom, y + 1), Math.Min(left, x), Math.Max(right, x + 1));
                    }
                }
            }

            if (bottom < 0)
            {
                continue;
            }

            var bits = new byte[(bottom - top) * (right - left)];
            for (int y = top; y < bottom; y++)
            {
                for (int x = Math.Max(left, bounds[k][y]); x < Math.Min(right, bounds[k + 1][y]); x++)
                {
                    bits[((y - top) * (right - left)) + x - left] = mask[y, x] ? (byte)1 : (byte)0;
                }
            }

            pieces.Add((new PixelBox(box.Top + top, box.Left + left, box.Top + bottom, box.Left + right), new BinaryImage(bottom - top, right - left, bits)));
        }

        return pieces;
    }

    /// <summary>The union of pieces (boxes in one frame, each mask covering its box): the enclosing box and the mask of all their ink.</summary>
    public static (PixelBox Box, BinaryImage Mask) Union(IReadOnlyList<(PixelBox Box, BinaryImage Mask)> pieces)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        ArgumentOutOfRangeException.ThrowIfZero(pieces.Count);
        var box = PixelBox.Enclosing(pieces.Select(p => p.Box));
        var bits = new byte[box.Height * box.Width];
        foreach (var (b, m) in pieces)
        {
            for (int y = 0; y < m.Height; y++)
            {
                for (int x = 0; x < m.Width; x++)
                {
                    if (m[y, x])
                    {
                        bits[((b.Top - box.Top + y) * box.Width) + b.Left - box.Left + x] = 1;
                    }
                }
            }
        }

        return (box, new BinaryImage(box.Height, box.Width, bits));
    }
}
