using Scrawl.Imaging;

namespace Scrawl.Ocr;

/// <summary>A sheet of paper found in a photo: its corners (x = column, y = row, in the photo's pixels) clockwise from the top left.</summary>
/// <param name="Corners">Top left, top right, bottom right, bottom left.</param>
/// <param name="AreaFraction">The part of the photo the sheet covers, in (0, 1].</param>
public sealed record PageQuad(IReadOnlyList<(double X, double Y)> Corners, double AreaFraction)
{
    /// <summary>The width (mean of the top and bottom edges) and height (mean of the left and right edges) of the sheet in photo pixels.</summary>
    public (double Width, double Height) Size
    {
        get
        {
            static double D((double X, double Y) a, (double X, double Y) b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
            var c = Corners;
            return ((D(c[0], c[1]) + D(c[3], c[2])) / 2, (D(c[0], c[3]) + D(c[1], c[2])) / 2);
        }
    }
}

/// <summary>
/// Finds the sheet of paper in a photo of a page lying on something darker (a desk, cloth, a keyboard): on a thumbnail blurred
/// until handwriting fades, Otsu's threshold splits bright from dark; the largest bright region with its holes filled (the
/// writing, a pen across it) is the sheet candidate. It is accepted only when it is clearly a quadrilateral seen in the frame:
/// the four-corner fit covers it (area ratio within <see cref="PageFinderOptions.MinQuadFit"/>), at least two corners lie inside the
/// frame or the desk is seen all round it (a lighting gradient splits a frame-filling page along the border, never with corners inside), and the rest of the photo
/// is a real part of it. Otherwise there is no page to find and the whole photo is read. Pure.
/// </summary>
public static class PageFinder
{
    /// <summary>The sheet in <paramref name="photo"/> (grey in [0, 1]), or null when the paper fills the frame or no clear sheet is seen.</summary>
    public static PageQuad? Find(FloatImage photo, PageFinderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(photo);
        options ??= new PageFinderOptions();
        if (photo.Channels != 1)
        {
            throw new ArgumentException($"The sheet is looked for in a grey photo; this one has {photo.Channels} channels.", nameof(photo));
        }

        // The thumbnail of CharacterFinder.ToWorkingSize, its blur, the bright mask and the sheet live in pooled scratch.
        var (h, w, scale) = CharacterFinder.WorkingSize(photo.Height, photo.Width, options.ThumbnailSide);
        int n = h * w;
        using var thumbScratch = new PooledArray<float>(n);
        using var smoothScratch = new PooledArray<float>(n);
        ReadOnlySpan<float> thumb = photo.Pixels;
        if ((h, w) != (photo.Height, photo.Width))
        {
            Resampler.Resize(photo.Pixels, thumbScratch.Span, photo.Height, photo.Width, h, w);
            thumb = thumbScratch.Span;
        }

        var smooth = smoothScratch.Span;
        Filters.GaussianBlur(thumb, smooth, h, w, (float)(options.BlurFraction * Math.Max(h, w)));
        float otsu = Thresholds.Otsu(smooth);
        using var bright = new PooledArray<byte>(n);
        for (int i = 0; i < n; i++)
        {
            bright.Array[i] = smooth[i] > otsu ? (byte)1 : (byte)0; // FloatImage.Above
        }

        using var sheet = new PooledArray<bool>(n);
        if (FilledLargest(BinaryImage.Wrap(h, w, bright.Array), sheet.Span) is not { } area)
        {
            return null;
        }

        double fraction = area / (double)(h * w);
        if (fraction < options.MinAreaFraction || fraction > options.MaxAreaFraction)
        {
            return null;
        }

        if (!DarkerAround(smooth, sheet.Span, options.MaxSurroundRatio))
        {
            return null;
        }

        var quad = BestQuad(sheet.Span, w);
        double fit = PolygonArea(quad) / area;
        double margin = options.BorderFraction * Math.Max(h, w);
        int inside = quad.Count(p => p.X > margin && p.Y > margin && p.X < w - margin && p.Y < h - margin);
        if (fit < options.MinQuadFit || fit > 2 - options.MinQuadFit || (inside < 2 && BorderShare(sheet.Span, h, w) > options.MaxBorderShare))
        {
            return null;
        }

        // Thumbnail pixel centres back to photo coordinates.
        var corners = quad.Select(p => (p.X * scale, p.Y * scale)).ToList();
        return new PageQuad(corners, fraction);
    }

    /// <summary>
    /// Writes into <paramref name="mask"/> (H·W values) the largest 4-connected region of <paramref name="bright"/> with its holes (dark regions
    /// not touching the border) filled, and returns its area; null when there is none.
    /// </summary>
    private static int? FilledLargest(BinaryImage bright, Span<bool> mask)
    {
        int h = bright.Height, w = bright.Width, n = h * w;
        using var labelScratch = new PooledArray<int>(n);
        var (labels, count) = Labeling.Label(bright, labelScratch.Array, connectivity: 4);
        if (count == 0)
        {
            return null;
        }

        var regions = Regions.Measure(labels);
        int largest = regions.MaxBy(r => r.Area)!.Label;
        var lab = labels.Labels;
        using var outside = new PooledArray<byte>(n);
        for (int i = 0; i < n; i++)
        {
            mask[i] = lab[i] == largest;
            outside.Array[i] = mask[i] ? (byte)0 : (byte)1;
        }

        // The region's labels are no longer needed: the holes' labels take their scratch.
        var (holes, _) = Labeling.Label(BinaryImage.Wrap(h, w, outside.Array), labelScratch.Array, connectivity: 4);
        var touching = new HashSet<int>();
        var hl = holes.Labels;
        for (int x = 0; x < w; x++)
        {
            touching.Add(hl[x]);
            touching.Add(hl[((h - 1) * w) + x]);
        }

        for (int y = 0; y < h; y++)
        {
            touching.Add(hl[y * w]);
            touching.Add(hl[(y * w) + w - 1]);
        }

        int area = 0;
        for (int i = 0; i < n; i++)
        {
            mask[i] |= hl[i] != 0 && !touching.Contains(hl[i]);
            area += mask[i] ? 1 : 0;
        }

        return area;
    }

    /// <summary>The part of the frame's border pixels that lie on <paramref name="sheet"/> (<paramref name="h"/>×<paramref name="w"/>).</summary>
    private static double BorderShare(ReadOnlySpan<bool> sheet, int h, int w)
    {
        int on = 0;
        for (int x = 0; x < w; x++)
        {
            on += (sheet[x] ? 1 : 0) + (sheet[((h - 1) * w) + x] ? 1 : 0);
        }

        for (int y = 1; y < h - 1; y++)
        {
            on += (sheet[y * w] ? 1 : 0) + (sheet[(y * w) + w - 1] ? 1 : 0);
        }

        return on / (double)Math.Max(1, (2 * w) + (2 * (h - 2)));
    }

    /// <summary>True when the mean grey outside the sheet is at most <paramref name="ratio"/> of the mean inside it: a desk, not a light gradient or a grid.</summary>
    private static bool DarkerAround(ReadOnlySpan<float> grey, ReadOnlySpan<bool> sheet, double ratio)
    {
        double inside = 0, outside = 0;
        int nIn = 0, nOut = 0;
        for (int i = 0; i < grey.Length; i++)
        {
            if (sheet[i])
            {
                inside += grey[i];
                nIn++;
            }
            else
            {
                outside += grey[i];
                nOut++;
            }
        }

        return nIn > 0 && nOut > 0 && outside / nOut <= ratio * (inside / nIn);
    }

    /// <summary>The four-corner fit of a region: its extreme points along the diagonals or along the axes, whichever encloses more.</summary>
    private static List<(double X, double Y)> BestQuad(ReadOnlySpan<bool> mask, int width)
    {
        var diagonal = Extremes(mask, width, [(1, 1), (-1, 1), (-1, -1), (1, -1)], [(-1, -1), (1, -1), (1, 1), (-1, 1)]);
        var axes = Extremes(mask, width, [(0, 1), (-1, 0), (0, -1), (1, 0)], [(0, -1), (1, 0), (0, 1), (-1, 0)]);
        return PolygonArea(diagonal) >= PolygonArea(axes) ? diagonal : axes;
    }

    /// <summary>For each direction (unit steps, clockwise from the top left), the region point furthest along it (pixel centres); ties broken by the secondary direction.</summary>
    private static List<(double X, double Y)> Extremes(ReadOnlySpan<bool> mask, int width, (int X, int Y)[] tie, (int X, int Y)[] main)
    {
        var best = new (double X, double Y)[4];
        var score = new double[4];
        Array.Fill(score, double.MinValue);
        for (int i = 0; i < mask.Length; i++)
        {
            if (!mask[i])
            {
                continue;
            }

            double x = (i % width) + 0.5, y = (i / width) + 0.5;
            for (int k = 0; k < 4; k++)
            {
                double s = (main[k].X * x) + (main[k].Y * y) + (1e-6 * ((tie[k].X * x) + (tie[k].Y * y)));
                if (s > score[k])
                {
                    score[k] = s;
                    best[k] = (x, y);
                }
            }
        }

        return [.. best];
    }

    /// <summary>The area of a polygon by the shoelace formula.</summary>
    internal static double PolygonArea(IReadOnlyList<(double X, double Y)> p)
    {
        double sum = 0;
        for (int i = 0; i < p.Count; i++)
        {
            var (a, b) = (p[i], p[(i + 1) % p.Count]);
            sum += (a.X * b.Y) - (b.X * a.Y);
        }

        return Math.Abs(sum) / 2;
    }
}

/// <summary>Settings of <see cref="PageFinder"/>; sizes as fractions of the thumbnail so that they follow each photo.</summary>
public sealed record PageFinderOptions
{
    /// <summary>Longer side (≥ 32) of the thumbnail the sheet is looked for in.</summary>
    public int ThumbnailSide { get; init; } = 256;

    /// <summary>Gaussian σ as a fraction (&gt; 0) of the thumbnail's longer side: enough to blur handwriting into the paper, not the sheet's edge.</summary>
    public double BlurFraction { get; init; } = 0.008;

    /// <summary>The smallest part (in (0, 1)) of the photo a sheet may cover.</summary>
    public double MinAreaFraction { get; init; } = 0.05;

    /// <summary>Above this part (in (0, 1]) of the photo the paper fills the frame and nothing is cropped.</summary>
    public double MaxAreaFraction { get; init; } = 0.93;

    /// <summary>The least ratio (in (0, 1]) between the four-corner fit's area and the region's area for the region to count as a sheet.</summary>
    public double MinQuadFit { get; init; } = 0.9;

    /// <summary>The surround's mean grey may be at most this fraction (in (0, 1)) of the sheet's: a sheet lies on something clearly darker.</summary>
    public double MaxSurroundRatio { get; init; } = 0.7;

    /// <summary>A corner closer than this fraction of the longer side to the frame's border counts as on the border.</summary>
    public double BorderFraction { get; init; } = 0.02;

    /// <summary>
    /// A sheet with fewer than two corners clear of the border still counts when it touches at most this part (in [0, 1]) of the frame's
    /// border: the desk is seen all round it, only close to the frame (a paper lit unevenly and split by the threshold runs along the border).
    /// </summary>
    public double MaxBorderShare { get; init; } = 0.05;
}
