using Scrawl.Imaging;
using Scrawl.Numerics;

namespace Scrawl.Data.Augmentation;

/// <summary>Pen lifts and breaks in a character image: narrow bands of paper cut across its strokes (ink 1 on paper 0).</summary>
public static class StrokeGaps
{
    /// <summary>
    /// A copy of <paramref name="image"/> (grey, ink 1 on paper 0) with one gap, or two with probability 0.3: each a band 1–2.2 pixels wide and
    /// 0.25–0.5 <paramref name="side"/> (&gt; 0, the character's size in pixels) long, centred on a pixel of ink (≥ 0.5) drawn from
    /// <paramref name="random"/>, at an angle drawn uniformly, set to paper. An image without ink comes back unchanged.
    /// </summary>
    public static FloatImage Cut(FloatImage image, SeededRandom random, int side)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(side);
        if (image.Channels != 1)
        {
            throw new ArgumentException($"Stroke gaps need a grey image; this one has {image.Channels} channels.", nameof(image));
        }

        var ink = Enumerable.Range(0, image.Pixels.Length).Where(i => image.Pixels[i] >= 0.5f).ToArray();
        var result = new FloatImage((float[])image.Pixels.Clone(), image.Height, image.Width);
        if (ink.Length == 0)
        {
            return result;
        }

        int gaps = random.NextDouble() < 0.3 ? 2 : 1;
        for (int g = 0; g < gaps; g++)
        {
            int at = ink[random.NextInt(ink.Length)];
            double cy = at / image.Width, cx = at % image.Width;
            double angle = random.Uniform(0, Math.PI), half = random.Uniform(0.125, 0.25) * side, width = random.Uniform(1, 2.2);
            Erase(result, cy, cx, Math.Sin(angle), Math.Cos(angle), half, width / 2);
        }

        return result;
    }

    /// <summary>Sets to paper every pixel within <paramref name="halfWidth"/> of the segment through (cy, cx) along (dy, dx) reaching <paramref name="halfLength"/> each way.</summary>
    private static void Erase(FloatImage image, double cy, double cx, double dy, double dx, double halfLength, double halfWidth)
    {
        double reach = halfLength + halfWidth;
        int top = Math.Max(0, (int)Math.Floor(cy - reach)), bottom = Math.Min(image.Height - 1, (int)Math.Ceiling(cy + reach));
        int left = Math.Max(0, (int)Math.Floor(cx - reach)), right = Math.Min(image.Width - 1, (int)Math.Ceiling(cx + reach));
        for (int y = top; y <= bottom; y++)
        {
            for (int x = left; x <= right; x++)
            {
                double py = y - cy, px = x - cx;
                double along = (py * dy) + (px * dx), across = Math.Abs((py * dx) - (px * dy));
                if (Math.Abs(along) <= halfLength && across <= halfWidth)
                {
                    image.Pixels[(y * image.Width) + x] = 0;
                }
            }
        }
    }
}
