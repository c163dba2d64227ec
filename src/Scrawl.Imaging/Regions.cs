namespace Scrawl.Imaging;

/// <summary>
/// The measurements of one labelled region (scikit-image's <c>regionprops</c> names in brackets).
/// The bounding box is half-open like skimage's <c>bbox</c>: rows <see cref="Top"/>..<see cref="Bottom"/>−1,
/// columns <see cref="Left"/>..<see cref="Right"/>−1.
/// </summary>
/// <param name="Label">The region's label (≥ 1).</param>
/// <param name="Area">Number of pixels (≥ 1) [area].</param>
/// <param name="Top">First row (0..H−1) [bbox[0]].</param>
/// <param name="Left">First column (0..W−1) [bbox[1]].</param>
/// <param name="Bottom">One past the last row (1..H) [bbox[2]].</param>
/// <param name="Right">One past the last column (1..W) [bbox[3]].</param>
/// <param name="CentroidRow">Mean row of the pixels [centroid[0]].</param>
/// <param name="CentroidColumn">Mean column of the pixels [centroid[1]].</param>
public sealed record RegionProperties(int Label, int Area, int Top, int Left, int Bottom, int Right, double CentroidRow, double CentroidColumn)
{
    /// <summary>Bounding-box height in pixels (≥ 1).</summary>
    public int BoxHeight => Bottom - Top;

    /// <summary>Bounding-box width in pixels (≥ 1).</summary>
    public int BoxWidth => Right - Left;

    /// <summary>Area / bounding-box area, in (0, 1] [extent].</summary>
    public double FillFraction => Area / ((double)BoxHeight * BoxWidth);
}

/// <summary>Region measurements for all labels at once.</summary>
public static class Regions
{
    /// <summary>
    /// Measures every label 1..<see cref="LabelImage.Count"/> in one raster pass; returns them in label
    /// order, skipping labels with no pixels (possible only in hand-made label images).
    /// </summary>
    public static IReadOnlyList<RegionProperties> Measure(LabelImage labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        int n = labels.Count + 1, h = labels.Height, w = labels.Width;
        // Per-label accumulators in pooled scratch (a page has thousands of components and is measured several times).
        using var areaScratch = new PooledArray<int>(n, clear: true);
        using var topScratch = new PooledArray<int>(n);
        using var leftScratch = new PooledArray<int>(n);
        using var bottomScratch = new PooledArray<int>(n, clear: true);
        using var rightScratch = new PooledArray<int>(n, clear: true);
        using var rowScratch = new PooledArray<long>(n, clear: true);
        using var columnScratch = new PooledArray<long>(n, clear: true);
        Span<int> area = areaScratch.Span, top = topScratch.Span, left = leftScratch.Span, bottom = bottomScratch.Span, right = rightScratch.Span;
        Span<long> rowSum = rowScratch.Span, columnSum = columnScratch.Span;
        top.Fill(int.MaxValue);
        left.Fill(int.MaxValue);
        var values = labels.Labels;
        for (int y = 0; y < h; y++)
        {
            var row = values.Slice(y * w, w);
            for (int x = 0; x < w; x++)
            {
                int l = row[x];
                if (l == 0)
                {
                    continue;
                }

                area[l]++;
                rowSum[l] += y;
                columnSum[l] += x;
                top[l] = Math.Min(top[l], y);
                bottom[l] = Math.Max(bottom[l], y + 1);
                left[l] = Math.Min(left[l], x);
                right[l] = Math.Max(right[l], x + 1);
            }
        }

        var regions = new List<RegionProperties>(n - 1);
        for (int l = 1; l < n; l++)
        {
            if (area[l] > 0)
            {
                regions.Add(new RegionProperties(l, area[l], top[l], left[l], bottom[l], right[l],
                    (double)rowSum[l] / area[l], (double)columnSum[l] / area[l]));
            }
        }

        return regions;
    }
}
