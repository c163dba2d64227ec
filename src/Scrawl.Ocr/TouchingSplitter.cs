using Scrawl.Imaging;

namespace Scrawl.Ocr;

/// <summary>
/// Splits a box that is far wider than a typical character (touching characters) into
/// n = round(width / typical width) parts, cutting each time at the column with the least ink
/// within a quarter of a part's width of the even cut position (nearest to it on ties).
/// </summary>
internal static class TouchingSplitter
{
    /// <summary>The parts of <paramref name="box"/> (its <paramref name="mask"/> covers it), each with its tight box and mask; the box itself when it is not too wide.</summary>
    public static List<(PixelBox Box, BinaryImage Mask)> Split(PixelBox box, BinaryImage mask, double typicalWidth, double splitWidth)
    {
        if (box.Width <= splitWidth * typicalWidth)
        {
            return [(box, mask)];
        }

        int parts = Math.Max(2, (int)Math.Round(box.Width / typicalWidth));
        var profile = new int[box.Width];
        for (int y = 0; y < box.Height; y++)
        {
            for (int x = 0; x < box.Width; x++)
            {
                profile[x] += mask[y, x] ? 1 : 0;
            }
        }

        var cuts = Cuts(profile, parts);
        var result = new List<(PixelBox, BinaryImage)>();
        int from = 0;
        foreach (int to in cuts.Append(box.Width))
        {
            if (Tight(mask, from, to) is { } tight)
            {
                var sub = new byte[tight.Height * tight.Width];
                for (int y = 0; y < tight.Height; y++)
                {
                    for (int x = 0; x < tight.Width; x++)
                    {
                        sub[(y * tight.Width) + x] = mask[tight.Top + y, tight.Left + x] ? (byte)1 : (byte)0;
                    }
                }

                var shifted = new PixelBox(box.Top + tight.Top, box.Left + tight.Left, box.Top + tight.Bottom, box.Left + tight.Right);
                result.Add((shifted, new BinaryImage(tight.Height, tight.Width, sub)));
            }

            from = to;
        }

        return result;
    }

    /// <summary>The <paramref name="parts"/> − 1 cut columns (increasing, each in 1..length−1) of a column ink <paramref name="profile"/>.</summary>
    public static int[] Cuts(IReadOnlyList<int> profile, int parts)
    {
        int n = profile.Count;
        double step = (double)n / parts;
        int reach = Math.Max(1, (int)(step / 4));
        var cuts = new int[parts - 1];
        int previous = 0;
        for (int k = 1; k < parts; k++)
        {
            int expected = (int)Math.Round(k * step);
            int best = -1;
            for (int x = Math.Max(previous + 1, expected - reach); x <= Math.Min(n - 1, expected + reach); x++)
            {
                if (best < 0 || profile[x] < profile[best] || (profile[x] == profile[best] && Math.Abs(x - expected) < Math.Abs(best - expected)))
                {
                    best = x;
                }
            }

            cuts[k - 1] = previous = best < 0 ? Math.Min(n - 1, previous + 1) : best;
        }

        return cuts;
    }

    /// <summary>The tight box (in mask coordinates) of the ink in columns [from, to), or null when there is none.</summary>
    private static PixelBox? Tight(BinaryImage mask, int from, int to)
    {
        int top = int.MaxValue, left = int.MaxValue, bottom = -1, right = -1;
        for (int y = 0; y < mask.Height; y++)
        {
            for (int x = from; x < to; x++)
            {
                if (mask[y, x])
                {
                    top = Math.Min(top, y);
                    bottom = Math.Max(bottom, y + 1);
                    left = Math.Min(left, x);
                    right = Math.Max(right, x + 1);
                }
            }
        }

        return bottom < 0 ? null : new PixelBox(top, left, bottom, right);
    }
}
