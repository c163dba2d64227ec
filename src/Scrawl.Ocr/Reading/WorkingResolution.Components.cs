using Scrawl.Imaging;

namespace Scrawl.Ocr;

public static partial class WorkingResolution
{
    /// <summary>
    /// The components of <paramref name="smooth"/> (<paramref name="h"/>×<paramref name="w"/>, grey, dark ink) that may be writing, for measuring its
    /// height: Otsu's ink, 8-connected, without solid blobs (much thicker than the typical stroke, <see cref="ThickBlobs"/>, or thick for their
    /// own size: punched holes, a pen, a thumb) and without the dots of a
    /// dot grid (<see cref="DotGrid"/>), which are compact, solid and may outnumber the letters many times over. When solid blobs hold most of the
    /// ink, Otsu's threshold only separated them from everything else — faint pencil beside dark holes falls on the paper side — so the threshold
    /// is taken again on the image without them (their pixels and a 3-pixel fringe, the thumbnail blur's reach, count as neither).
    /// <paramref name="mask"/> and <paramref name="labels"/> are scratch of at least H·W values; the mask ends as the ink measured.
    /// </summary>
    private static List<RegionProperties> WritingComponents(ReadOnlySpan<float> smooth, int h, int w, byte[] mask, int[] labels)
    {
        int n = h * w;
        Threshold(smooth, Thresholds.Otsu(smooth), mask);
        var (labelImage, regions) = Components(h, w, mask, labels);
        using var depthScratch = new PooledArray<int>(n);
        var thick = ThickLabels(h, w, mask, labelImage, regions, depthScratch.Array);
        long thickInk = regions.Where(r => thick.Contains(r.Label)).Sum(r => (long)r.Area);
        if (thick.Count > 0 && 2 * thickInk > regions.Sum(r => (long)r.Area))
        {
            // Outside the blobs and their fringe: blob pixels become "ink" of a mask whose dilation marks what is left out.
            using var blobs = new PooledArray<byte>(n);
            using var fringe = new PooledArray<byte>(n);
            var all = labelImage.Labels;
            for (int i = 0; i < n; i++)
            {
                blobs.Array[i] = thick.Contains(all[i]) ? (byte)1 : (byte)0;
            }

            Morphology.Dilate(blobs.Span, fringe.Span, h, w, Footprint.Square(7));
            using var rest = new PooledArray<float>(n);
            int kept = 0;
            for (int i = 0; i < n; i++)
            {
                if (fringe.Array[i] == 0)
                {
                    rest.Array[kept++] = smooth[i];
                }
            }

            if (kept > 0)
            {
                Threshold(smooth, Thresholds.Otsu(rest.Span[..kept]), mask);
                for (int i = 0; i < n; i++)
                {
                    mask[i] &= (byte)(fringe.Array[i] ^ 1);
                }

                (labelImage, regions) = Components(h, w, mask, labels);
                thick = ThickLabels(h, w, mask, labelImage, regions, depthScratch.Array);
            }
        }

        var ink = BinaryImage.Wrap(h, w, mask);
        var dotless = DotGrid.Remove(ink);
        if (!ReferenceEquals(dotless, ink))
        {
            dotless.Pixels.CopyTo(mask);
            (labelImage, regions) = Components(h, w, mask, labels);
            thick = ThickLabels(h, w, mask, labelImage, regions, depthScratch.Array);
        }

        return [.. regions.Where(r => !thick.Contains(r.Label))];
    }

    /// <summary>Ink (1) where <paramref name="smooth"/> is at or below <paramref name="threshold"/>, as <see cref="FloatImage.AtOrBelow(float)"/>.</summary>
    private static void Threshold(ReadOnlySpan<float> smooth, float threshold, byte[] mask)
    {
        for (int i = 0; i < smooth.Length; i++)
        {
            mask[i] = smooth[i] > threshold ? (byte)0 : (byte)1;
        }
    }

    private static (LabelImage Labels, IReadOnlyList<RegionProperties> Regions) Components(int h, int w, byte[] mask, int[] labels)
    {
        var (labelImage, _) = Labeling.Label(BinaryImage.Wrap(h, w, mask), labels, connectivity: 8);
        return (labelImage, Regions.Measure(labelImage));
    }

    /// <summary>
    /// True for a component whose thickest point lies at least 3 pixels and 0.3 of its longer box side deep: a disc or a square
    /// (about 0.5), a blot — not a letter, whose strokes are thin against its size (an I's bar is thin against its height). This holds
    /// when there is no writing to compare against: dark holes may be all that Otsu's threshold finds beside faint pencil.
    /// </summary>
    private static bool IsSolid(RegionProperties region, int deepest) => deepest >= 3 && deepest >= 0.3 * Math.Max(region.BoxHeight, region.BoxWidth);

    private static HashSet<int> ThickLabels(int h, int w, byte[] mask, LabelImage labels, IReadOnlyList<RegionProperties> regions, int[] depthScratch)
    {
        var depth = ThickBlobs.Measure(BinaryImage.Wrap(h, w, mask), labels, regions, depthScratch);
        double limit = ThickBlobs.Limit(depth);
        return [.. regions.Where(r => depth.Deepest[r.Label] > limit || IsSolid(r, depth.Deepest[r.Label])).Select(r => r.Label)];
    }
}
