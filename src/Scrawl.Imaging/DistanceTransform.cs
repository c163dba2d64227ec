namespace Scrawl.Imaging;

/// <summary>Distance transforms of binary images (scipy's <c>ndimage.distance_transform_cdt</c>).</summary>
public static class DistanceTransform
{
    /// <summary>
    /// For every set pixel, the chessboard distance (max of |Δrow|, |Δcolumn|) to the nearest unset pixel; 0 on unset pixels.
    /// Like <c>scipy.ndimage.distance_transform_cdt(image, metric='chessboard')</c>: pixels beyond the border do not count as unset,
    /// and an image with no unset pixel gets −1 everywhere. Two raster passes over the 8 neighbours (Rosenfeld and Pfaltz 1966),
    /// exact for this metric. Half the thickest stroke of a component is its largest value.
    /// </summary>
    /// <example><c>int[] depth = DistanceTransform.Chessboard(ink); // depth[y * ink.Width + x]</c></example>
    public static int[] Chessboard(BinaryImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var d = new int[image.Height * image.Width];
        Chessboard(image, d);
        return d;
    }

    /// <summary>As <see cref="Chessboard(BinaryImage)"/>, into <paramref name="destination"/> (H·W values, row-major; every one is written), with no page-sized allocation.</summary>
    public static void Chessboard(BinaryImage image, Span<int> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        int h = image.Height, w = image.Width;
        PixelGrid.Check(h, w, destination.Length, nameof(destination));
        var pixels = image.Pixels;
        const int Far = int.MaxValue / 2;
        var d = destination;
        bool anyUnset = false;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = pixels[i] == 0 ? 0 : Far;
            anyUnset |= pixels[i] == 0;
        }

        if (!anyUnset)
        {
            d.Fill(-1);
            return;
        }

        // Forward: neighbours above and to the left; backward: below and to the right.
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                int i = (y * w) + x;
                if (d[i] == 0)
                {
                    continue;
                }

                int best = d[i];
                if (x > 0) best = Math.Min(best, d[i - 1] + 1);
                if (y > 0)
                {
                    best = Math.Min(best, d[i - w] + 1);
                    if (x > 0) best = Math.Min(best, d[i - w - 1] + 1);
                    if (x < w - 1) best = Math.Min(best, d[i - w + 1] + 1);
                }

                d[i] = best;
            }
        }

        for (int y = h - 1; y >= 0; y--)
        {
            for (int x = w - 1; x >= 0; x--)
            {
                int i = (y * w) + x;
                if (d[i] == 0)
                {
                    continue;
                }

                int best = d[i];
                if (x < w - 1) best = Math.Min(best, d[i + 1] + 1);
                if (y < h - 1)
                {
                    best = Math.Min(best, d[i + w] + 1);
                    if (x < w - 1) best = Math.Min(best, d[i + w + 1] + 1);
                    if (x > 0) best = Math.Min(best, d[i + w - 1] + 1);
                }

                d[i] = best;
            }
        }
    }
}
