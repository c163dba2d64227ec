using Scrawl.Imaging;

namespace Scrawl.Ocr;

/// <summary>
/// Writing is made of strokes of about one width; a pen lying on the page, a punched hole, a thumb or a blot is a solid blob
/// much thicker than that. A component is a thick blob when its thickest point — its largest chessboard distance to paper
/// (<see cref="DistanceTransform.Chessboard"/>) — exceeds <c>factor</c> × the page's typical stroke half-width (the median of
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
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(factor, 1);
        var thick = new HashSet<int>();
        if (regions.Count == 0)
        {
            return thick;
        }

        var depth = DistanceTransform.Chessboard(ink);
        var deepest = new int[labels.Count + 1];
        var all = labels.Labels;
        for (int i = 0; i < depth.Length; i++)
        {
            int label = all[i];
            if (label != 0 && depth[i] > deepest[label])
            {
                deepest[label] = depth[i];
            }
        }

        var strokes = regions.Where(r => r.BoxHeight >= 3).Select(r => deepest[r.Label]).Order().ToArray();
        if (strokes.Length == 0)
        {
            return thick;
        }

        double limit = (factor * strokes[strokes.Length / 2]) + 1;
        foreach (var r in regions)
        {
            if (deepest[r.Label] > limit)
            {
                thick.Add(r.Label);
            }
        }

        return thick;
    }

    /// <summary><paramref name="ink"/> without its thick blobs (8-connected components; see the class); the same instance when there are none.</summary>
    public static BinaryImage Remove(BinaryImage ink, double factor = DefaultFactor)
    {
        ArgumentNullException.ThrowIfNull(ink);
        var (labels, _) = Labeling.Label(ink, connectivity: 8);
        var thick = Find(ink, labels, Regions.Measure(labels), factor);
        if (thick.Count == 0)
        {
            return ink;
        }

        var pixels = ink.Pixels.ToArray();
        var all = labels.Labels;
        for (int i = 0; i < pixels.Length; i++)
        {
            if (all[i] != 0 && thick.Contains(all[i]))
            {
                pixels[i] = 0;
            }
        }

        return new BinaryImage(ink.Height, ink.Width, pixels);
    }
}
