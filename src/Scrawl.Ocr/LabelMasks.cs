using Scrawl.Imaging;

namespace Scrawl.Ocr;

/// <summary>Whole components taken out of an ink mask by their labels. Pure.</summary>
internal static class LabelMasks
{
    /// <summary>A copy of <paramref name="ink"/> without the pixels whose label (in <paramref name="labels"/>, of the same size) is in <paramref name="drop"/>.</summary>
    public static BinaryImage Without(BinaryImage ink, LabelImage labels, IReadOnlySet<int> drop)
    {
        var pixels = ink.Pixels.ToArray();
        var all = labels.Labels;
        for (int i = 0; i < pixels.Length; i++)
        {
            if (all[i] != 0 && drop.Contains(all[i]))
            {
                pixels[i] = 0;
            }
        }

        return new BinaryImage(ink.Height, ink.Width, pixels);
    }

    /// <summary>The (y, x) pixels labelled as <paramref name="region"/> in <paramref name="labels"/>, row by row.</summary>
    public static List<(int Y, int X)> Points(LabelImage labels, RegionProperties region)
    {
        var points = new List<(int, int)>(region.Area);
        var all = labels.Labels;
        for (int y = region.Top; y < region.Bottom; y++)
        {
            for (int x = region.Left; x < region.Right; x++)
            {
                if (all[(y * labels.Width) + x] == region.Label)
                {
                    points.Add((y, x));
                }
            }
        }

        return points;
    }
}
