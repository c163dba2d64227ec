using Scrawl.Imaging;
using Scrawl.Imaging.Geometry;
using Scrawl.Numerics;

namespace Scrawl.Ocr.Tests;

/// <summary>Synthetic photos with known geometry: a rendered page turned, tilted, shrunk onto a dark, grainy desk.</summary>
internal static class PageScenes
{
    public static readonly string[] Lines = ["THE QUICK BROWN FOX", "JUMPS OVER 12 DOGS", "PACK MY BOX WITH 5", "LIQUOR JUGS TODAY"];

    /// <summary>The page turned by <paramref name="degrees"/> about its centre on a canvas big enough to hold it (paper-coloured corners).</summary>
    public static FloatImage Turned(FloatImage page, double degrees)
    {
        double a = degrees * Math.PI / 180, c = Math.Abs(Math.Cos(a)), s = Math.Abs(Math.Sin(a));
        int w = (int)Math.Ceiling((page.Width * c) + (page.Height * s)), h = (int)Math.Ceiling((page.Width * s) + (page.Height * c));
        var toPage = Homography.Translation(-w / 2.0, -h / 2.0).Then(Homography.Rotation(-degrees, 0, 0)).Then(Homography.Translation(page.Width / 2.0, page.Height / 2.0));
        return Warp.Image(page, toPage, h, w, Median(page));
    }

    /// <summary>The page shrunk to <paramref name="fraction"/> of a <paramref name="height"/>×<paramref name="width"/> frame, tilted, on a dark grainy desk; returns the photo and the page corners.</summary>
    public static (FloatImage Photo, (double X, double Y)[] Corners) OnDesk(FloatImage page, int height, int width, double fraction, double degrees, long seed)
    {
        double scale = fraction * Math.Min((double)height / page.Height, (double)width / page.Width);
        var toPage = Homography.Translation(-width / 2.0, -height / 2.0).Then(Homography.Rotation(-degrees, 0, 0)).Then(Homography.Scaling(1 / scale, 1 / scale))
            .Then(Homography.Translation(page.Width / 2.0, page.Height / 2.0));
        var onDesk = Warp.Image(page, toPage, height, width, -1f);
        var random = new SeededRandom(seed);
        var pixels = onDesk.Pixels;
        for (int i = 0; i < pixels.Length; i++)
        {
            if (pixels[i] < -0.5f)
            {
                int x = i % width, y = i / width;
                double grain = 0.5 + (0.5 * Math.Sin((x * 0.02) + (3 * Math.Sin(y * 0.013))));
                pixels[i] = (float)(0.18 + (0.12 * grain) + (0.04 * random.NextDouble()));
            }
        }

        var toPhoto = toPage.Inverse();
        var corners = new[] { (0.0, 0.0), (page.Width, 0.0), (page.Width, page.Height), (0.0, page.Height) }.Select(p => toPhoto.Map(p.Item1, p.Item2)).ToArray();
        return (new FloatImage(pixels, height, width), corners);
    }

    private static float Median(FloatImage image)
    {
        var sorted = image.Pixels.ToArray();
        Array.Sort(sorted);
        return sorted[sorted.Length / 2];
    }
}
