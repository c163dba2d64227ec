using Scrawl.Imaging;

namespace Scrawl.Ocr;

/// <summary>How deep in the ink each pixel lies, per component and typically: what <see cref="ThickBlobs"/> judges by.</summary>
/// <param name="Depth">Every pixel's chessboard distance to paper (0 on paper).</param>
/// <param name="Deepest">Per label (index = label), the largest depth of its pixels.</param>
/// <param name="TypicalStroke">The median of <paramref name="Deepest"/> over components at least 3 pixels tall: about half a stroke width (0 when there are none).</param>
public sealed record InkDepth(int[] Depth, int[] Deepest, int TypicalStroke);

/// <summary>
/// Writing is made of strokes of about one width; a pen lying on the page, a punched hole, a thumb or a blot is a solid blob
/// much thicker than that. A component is a thick blob when its thickest point — its largest chessboard distance to paper
/// (<see cref="DistanceTransform.Chessboard(BinaryImage)"/>) — exceeds <c>factor</c> × the page's typical stroke half-width (the median of
/// that largest distance over all components at least 3 pixels tall) + 1. Pure.
/// </summary>
public static class ThickBlobs
{
    /// <summary>The default factor (&gt; 1): with strokes 4–5 pixels wide, blobs thicker than about 13 pixels go.</summary>
    public const double DefaultFactor = 2.5;

    /// <summary>The labels (of <paramref name="regions"/> in <paramref name="labels"/> of <paramref name="ink"/>) that are thick blobs; <paramref name="factor"/> &gt; 1.</summary>
    public static HashSet<int> Find(BinaryImage ink, LabelImage labels, IReadOnlyList<RegionProperties> regions, double factor = DefaultFactor)
    {
        ArgumentNullException.ThrowIfNull(ink);
        using var scratch = new PooledArray<int>(ink.Height * ink.Width);
        var depth = Measure(ink, labels, regions, scratch.Array);
        double limit = Limit(depth, factor);
        return [.. regions.Where(r => depth.Deepest[r.Label] > limit).Select(r => r.Label)];
    }

    /// <summary>The depth of every pixel of <paramref name="ink"/> and of its components (<paramref name="labels"/>, <paramref name="regions"/>).</summary>
    public static InkDepth Measure(BinaryImage ink, LabelImage labels, IReadOnlyList<RegionProperties> regions)
    {
        ArgumentNullException.ThrowIfNull(ink);
        return Measure(ink, labels, regions, new int[ink.Height * ink.Width]);
    }

    /// <summary>As <see cref="Measure(BinaryImage, LabelImage, IReadOnlyList{RegionProperties})"/>, the depths written into the first H·W values of <paramref name="depthBuffer"/> (pooled scratch), which the result holds.</summary>
    internal static InkDepth Measure(BinaryImage ink, LabelImage labels, IReadOnlyList<RegionProperties> regions, int[] depthBuffer)
    {
        ArgumentNullException.ThrowIfNull(ink);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(regions);
        int n = ink.Height * ink.Width;
        var depth = depthBuffer;
        DistanceTransform.Chessboard(ink, depth.AsSpan(0, n));
        var deepest = new int[labels.Count + 1];
        var all = labels.Labels;
        for (int i = 0; i < n; i++)
        {
            int label = all[i];
            if (label != 0 && depth[i] > deepest[label])
            {
                deepest[label] = depth[i];
            }
        }

        var strokes = regions.Where(r => r.BoxHeight >= 3).Select(r => deepest[r.Label]).Order().ToArray();
        return new InkDepth(depth, deepest, strokes.Length == 0 ? 0 : strokes[strokes.Length / 2]);
    }

    /// <summary>The depth above which a component is a thick blob: <paramref name="factor"/> (&gt; 1) × the typical stroke depth + 1 (infinite when no strokes were measured).</summary>
    public static double Limit(InkDepth depth, double factor = DefaultFactor)
    {
        ArgumentNullException.ThrowIfNull(depth);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(factor, 1);
        return depth.TypicalStroke == 0 ? double.PositiveInfinity : (factor * depth.TypicalStroke) + 1;
    }

    /// <summary>How many times longer than wide a thick blob must be (area ÷ (2 × depth)², a bar's length over its width) to count as a pen.</summary>
    public const double PenElongation = 6;

    /// <summary>True when the thick component <paramref name="region"/> is elongated like a pen or pencil (see <see cref="PenElongation"/>) rather than compact like a hole, a thumb or a blot.</summary>
    public static bool IsPenLike(RegionProperties region, InkDepth depth)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(depth);
        double width = 2.0 * depth.Deepest[region.Label];
        return region.Area / (width * width) >= PenElongation;
    }

    /// <summary>
    /// <paramref name="ink"/> with the solid bodies of the components <paramref name="labels"/> cut out: every pixel of theirs deeper than
    /// <paramref name="seedDepth"/> (≥ 0) takes away the largest square of ink centred on it, grown by <paramref name="grow"/> (≥ 0) pixels (the body's
    /// rounded ends and fringe). What such a body touches (letters that touch a pen) stays, as pieces of its own. Other components are untouched.
    /// </summary>
    public static BinaryImage Carve(BinaryImage ink, LabelImage labelImage, InkDepth depth, double seedDepth, IReadOnlySet<int> labels, int grow)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(grow);
        ArgumentNullException.ThrowIfNull(ink);
        ArgumentNullException.ThrowIfNull(labelImage);
        ArgumentNullException.ThrowIfNull(depth);
        ArgumentNullException.ThrowIfNull(labels);
        // reach(p) = max over deep pixels q of depth(q) − chessboard(p, q): a max-plus dilation by a cone, exact in two raster passes for
        // the chessboard metric; p lies in some deep pixel's square (radius depth − 1) grown by `grow` pixels when reach(p) ≥ 1 − grow.
        int h = ink.Height, w = ink.Width, n = h * w;
        using var scratch = new PooledArray<int>(n);
        var reach = scratch.Array;
        var all = labelImage.Labels;
        for (int i = 0; i < n; i++)
        {
            reach[i] = depth.Depth[i] > seedDepth && labels.Contains(all[i]) ? depth.Depth[i] : int.MinValue / 2;
        }

        Propagate(reach, h, w, forward: true);
        Propagate(reach, h, w, forward: false);
        var pixels = ink.Pixels.ToArray();
        for (int i = 0; i < pixels.Length; i++)
        {
            if (reach[i] >= 1 - grow && labels.Contains(all[i]))
            {
                pixels[i] = 0;
            }
        }

        return new BinaryImage(h, w, pixels);
    }

    /// <summary>One raster pass of the cone dilation: each pixel takes the larger of itself and its already visited 8-neighbours minus one.</summary>
    private static void Propagate(int[] reach, int h, int w, bool forward)
    {
        int step = forward ? 1 : -1;
        for (int y = forward ? 0 : h - 1; y >= 0 && y < h; y += step)
        {
            int py = y - step;
            for (int x = forward ? 0 : w - 1; x >= 0 && x < w; x += step)
            {
                int i = (y * w) + x, best = reach[i];
                if (x - step >= 0 && x - step < w)
                {
                    best = Math.Max(best, reach[i - step] - 1);
                }

                if (py >= 0 && py < h)
                {
                    for (int dx = Math.Max(-1, -x); dx <= Math.Min(1, w - 1 - x); dx++)
                    {
                        best = Math.Max(best, reach[(py * w) + x + dx] - 1);
                    }
                }

                reach[i] = best;
            }
        }
    }

    /// <summary><paramref name="ink"/> without its thick blobs (8-connected components; see the class); the same instance when there are none.</summary>
    public static BinaryImage Remove(BinaryImage ink, double factor = DefaultFactor)
    {
        ArgumentNullException.ThrowIfNull(ink);
        using var scratch = new PooledArray<int>(ink.Height * ink.Width);
        var (labels, _) = Labeling.Label(ink, scratch.Array, connectivity: 8);
        var thick = Find(ink, labels, Regions.Measure(labels), factor);
        return thick.Count == 0 ? ink : LabelMasks.Without(ink, labels, thick);
    }
}
