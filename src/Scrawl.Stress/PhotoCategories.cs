using Scrawl.Data.Images;
using Scrawl.Imaging;
using Scrawl.Numerics;
using Scrawl.Stress.Transforms;

namespace Scrawl.Stress;

/// <summary>
/// The photo categories of the robustness benchmark (issue #15): each draws its parameters from the seeded generator
/// first, then applies pure transforms (<see cref="Raster"/>, <see cref="Paint"/>, <see cref="Textures"/>) to the page.
/// </summary>
internal static class PhotoCategories
{
    /// <summary>The longest side (pixels) of a composed frame, so that a page shrunk into a desk photo stays a sensible size.</summary>
    private const int MaxFrameSide = 2000;

    public static StressVariant Clean(StressPage p, SeededRandom r, int k) => new(p.Image);

    public static StressVariant Rotate(StressPage p, SeededRandom r, int k) => new(Raster.RotateQuarters(p.Image, 1 + ((k + r.NextInt(3)) % 3)));

    public static StressVariant Tilt(StressPage p, SeededRandom r, int k)
    {
        double degrees = (r.NextDouble() < 0.5 ? -1 : 1) * r.Uniform(3, 15);
        return new(Raster.Rotate(p.Image, degrees, Paint.BorderTone(p.Image).ToArray()));
    }

    public static StressVariant Perspective(StressPage p, SeededRandom r, int k)
    {
        int h = p.Image.Height, w = p.Image.Width;
        double keystone = r.Uniform(0.08, 0.25);
        int side = r.NextInt(4); // which edge is farther from the phone: top, right, bottom, left
        var corners = new (double Y, double X)[] { (0, 0), (0, w - 1), (h - 1, w - 1), (h - 1, 0) };
        var moved = ((double Y, double X)[])corners.Clone();
        int a = side, b = (side + 1) % 4;
        var (ay, ax) = corners[a];
        var (by, bx) = corners[b];
        (moved[a], moved[b]) = ((ay + ((by - ay) * keystone / 2), ax + ((bx - ax) * keystone / 2)), (by + ((ay - by) * keystone / 2), bx + ((ax - bx) * keystone / 2)));
        for (int i = 0; i < 4; i++)
        {
            moved[i] = (moved[i].Y + (r.Uniform(-0.03, 0.03) * h), moved[i].X + (r.Uniform(-0.03, 0.03) * w));
        }

        var desk = new Rgb((float)r.Uniform(0.3, 0.55), (float)r.Uniform(0.25, 0.45), (float)r.Uniform(0.2, 0.4));
        return new(Raster.Warp(p.Image, h, w, Homography.FromPoints(moved, corners), desk.ToArray()));
    }

    public static StressVariant Background(StressPage p, SeededRandom r, int k)
    {
        double fraction = r.Uniform(0.4, 0.8);
        var (page, frameH, frameW) = Shrunk(p.Image, fraction, r.Uniform(0.9, 1.1));
        int top = r.NextInt(frameH - page.Height + 1), left = r.NextInt(frameW - page.Width + 1);
        var background = Surface((k + r.NextInt(4)) % 4, frameH, frameW, r);
        int frame = Math.Max(frameH, frameW);
        var (image, _) = Paint.Place(background, page, top, left, r.Uniform(0.005, 0.02) * frame, r.Uniform(0.01, 0.03) * frame, r.Uniform(0.3, 0.6));
        return new(image);
    }

    public static StressVariant Pen(StressPage p, SeededRandom r, int k)
    {
        int h = p.Image.Height, w = p.Image.Width, longer = Math.Max(h, w);
        double angle = (r.Uniform(-35, 35) + (r.NextDouble() < 0.3 ? 90 : 0)) * Math.PI / 180;
        double length = r.Uniform(0.5, 0.9) * longer, radius = r.Uniform(0.008, 0.015) * longer;
        double cy = r.Uniform(0.2, 0.8) * h, cx = r.Uniform(0.2, 0.8) * w;
        var a = (cy - (Math.Sin(angle) * length / 2), cx - (Math.Cos(angle) * length / 2));
        var b = (cy + (Math.Sin(angle) * length / 2), cx + (Math.Cos(angle) * length / 2));
        bool pencil = (k + r.NextInt(2)) % 2 == 1;
        var body = pencil ? new Rgb(0.95f, 0.75f, 0.15f) : new Rgb((float)r.Uniform(0.05, 0.15), (float)r.Uniform(0.05, 0.15), (float)r.Uniform(0.1, 0.35));
        var tip = pencil ? new Rgb(0.85f, 0.7f, 0.5f) : new Rgb(0.6f, 0.6f, 0.62f);
        var withShadow = Paint.Over(p.Image, (y, x) =>
        {
            var (d, _) = Paint.ToSegment(y - (radius * 0.8), x - (radius * 0.8), a, b);
            return (new Rgb(0, 0, 0), (float)(0.35 * Math.Clamp(((radius * 1.6) - d) / (radius * 1.2), 0, 1)));
        });
        return new(Paint.Over(withShadow, (y, x) => Cylinder(y, x, a, b, radius, t => t > 0.9 ? (pencil && t > 0.97 ? new Rgb(0.2f, 0.2f, 0.2f) : tip) : body, taper: 0.9)));
    }

    public static StressVariant Fingers(StressPage p, SeededRandom r, int k)
    {
        var (page, frameH, frameW) = Shrunk(p.Image, r.Uniform(0.88, 0.96), 1);
        int top = r.NextInt(frameH - page.Height + 1), left = r.NextInt(frameW - page.Width + 1);
        var background = Surface(r.NextInt(2), frameH, frameW, r);
        var (image, _) = Paint.Place(background, page, top, left, 0.005 * frameW, 0.01 * frameW, 0.4);
        int count = 1 + r.NextInt(3), edge = r.NextInt(3); // fingers come in from the bottom, left or right edge
        double radius = r.Uniform(0.035, 0.05) * Math.Min(frameH, frameW), along = r.Uniform(0.15, 0.75);
        double gap = edge == 0 ? frameH - (top + page.Height) : edge == 1 ? left : frameW - (left + page.Width);
        double reach = gap + (r.Uniform(0.08, 0.2) * (edge == 0 ? frameH : frameW));
        var skin = new Rgb((float)r.Uniform(0.75, 0.95), (float)r.Uniform(0.55, 0.7), (float)r.Uniform(0.45, 0.6));
        for (int f = 0; f < count; f++)
        {
            double angle = r.Uniform(-25, 25) * Math.PI / 180, length = reach * r.Uniform(0.85, 1.1), offset = f * radius * 2.1;
            // (inward, sideways) unit directions and the base point on the chosen edge, just outside the frame.
            var (inY, inX, sideY, sideX) = edge switch { 0 => (-1.0, 0.0, 0.0, 1.0), 1 => (0.0, 1.0, 1.0, 0.0), _ => (0.0, -1.0, 1.0, 0.0) };
            var b = edge == 0 ? (frameH + radius, (along * frameW) + offset) : ((along * frameH) + offset, edge == 1 ? -radius : frameW + radius);
            double dy = (inY * Math.Cos(angle)) + (sideY * Math.Sin(angle)), dx = (inX * Math.Cos(angle)) + (sideX * Math.Sin(angle));
            var a = (b.Item1 + (dy * length), b.Item2 + (dx * length));
            image = Paint.Over(image, (y, x) => Cylinder(y, x, b, a, radius, t => t > 0.85 ? new Rgb(0.95f, 0.8f, 0.78f) : skin, taper: 1));
        }

        return new(image);
    }

    public static StressVariant Small(StressPage p, SeededRandom r, int k) =>
        new(Raster.Scale(p.Image, r.Uniform(300, 800) / Math.Max(p.Image.Height, p.Image.Width)));

    public static StressVariant Jpeg(StressPage p, SeededRandom r, int k) => new(p.Image, Quality: 20 + r.NextInt(31));

    public static StressVariant Light(StressPage p, SeededRandom r, int k)
    {
        int h = p.Image.Height, w = p.Image.Width;
        double dir = r.Uniform(0, 2 * Math.PI), low = r.Uniform(0.5, 0.8), diag = Math.Sqrt((h * h) + (w * w));
        double by = r.Uniform(0, h), bx = r.Uniform(0, w), sigma = r.Uniform(0.15, 0.35) * diag, depth = r.Uniform(0.25, 0.5);
        float warm = (float)r.Uniform(0.9, 1);
        return new(Paint.Multiply(p.Image, (y, x) =>
        {
            double along = 0.5 + ((((y - (h / 2.0)) * Math.Sin(dir)) + ((x - (w / 2.0)) * Math.Cos(dir))) / diag);
            double blob = Math.Exp(-(((y - by) * (y - by)) + ((x - bx) * (x - bx))) / (2 * sigma * sigma));
            float f = (float)((low + ((1 - low) * Math.Clamp(along, 0, 1))) * (1 - (depth * blob)));
            return new Rgb(f, f, f * warm);
        }));
    }

    public static StressVariant Ghost(StressPage p, SeededRandom r, int k)
    {
        var ghost = Handwriting.Page(Handwriting.RandomLines(r, 4 + r.NextInt(4)), r.NextInt(int.MaxValue), (int)r.Uniform(28, 60));
        var coverage = Paint.InkCoverage(Raster.Resize(ghost, p.Image.Height, p.Image.Width));
        return new(Paint.FaintInk(p.Image, coverage, r.Uniform(0.1, 0.22)));
    }

    public static StressVariant Alpha(StressPage p, SeededRandom r, int k)
    {
        var (page, frameH, frameW) = Shrunk(p.Image, r.Uniform(0.6, 0.9), r.Uniform(0.9, 1.1));
        int top = r.NextInt(frameH - page.Height + 1), left = r.NextInt(frameW - page.Width + 1);
        var (image, mask) = Paint.Place(new FloatImage(frameH, frameW, 3), page, top, left, 0, 1, 0);
        return new(image, StressFormat.Png, Alpha: mask);
    }

    /// <summary>The page scaled so that it fills <paramref name="fraction"/> of a frame whose longer side is at most <see cref="MaxFrameSide"/>, and the frame's size (aspect varied by <paramref name="stretch"/>).</summary>
    private static (FloatImage Page, int FrameHeight, int FrameWidth) Shrunk(FloatImage page, double fraction, double stretch)
    {
        int longer = Math.Max(page.Height, page.Width);
        double scale = Math.Min(1, MaxFrameSide * fraction / longer);
        var scaled = scale < 1 ? Raster.Scale(page, scale) : page;
        int frameH = Math.Max(scaled.Height + 2, (int)Math.Round(scaled.Height / fraction * stretch));
        int frameW = Math.Max(scaled.Width + 2, (int)Math.Round(scaled.Width / fraction / stretch));
        return (scaled, frameH, frameW);
    }

    /// <summary>A procedural surface: 0 wood, 1 fabric, 2 a keyboard edge on a desk, 3 another sheet on a desk.</summary>
    private static FloatImage Surface(int kind, int h, int w, SeededRandom r)
    {
        long seed = r.NextInt(int.MaxValue);
        var desk = new Rgb((float)r.Uniform(0.2, 0.45), (float)r.Uniform(0.15, 0.35), (float)r.Uniform(0.1, 0.3));
        return kind switch
        {
            0 => Textures.Wood(h, w, new Rgb((float)r.Uniform(0.35, 0.6), (float)r.Uniform(0.22, 0.38), (float)r.Uniform(0.1, 0.22)), r.Uniform(-20, 20) + (r.NextInt(2) * 90), r.Uniform(8, 25), seed),
            1 => Textures.Fabric(h, w, new Rgb((float)r.Uniform(0.1, 0.5), (float)r.Uniform(0.1, 0.5), (float)r.Uniform(0.1, 0.5)), r.Uniform(3, 7), seed),
            2 => Textures.Keyboard(h, w, desk, (int)(r.Uniform(0.15, 0.3) * h), r.Uniform(0.05, 0.08) * Math.Max(h, w), seed),
            _ => Textures.OtherSheet(h, w, desk, Sheet(h, w, r), r.Uniform(12, 24), seed),
        };
    }

    private static (double Y, double X)[] Sheet(int h, int w, SeededRandom r)
    {
        double cy = r.Uniform(0, h), cx = r.Uniform(0, w), a = r.Uniform(-0.5, 0.5), hh = r.Uniform(0.3, 0.5) * h, hw = r.Uniform(0.3, 0.5) * w;
        double c = Math.Cos(a), s = Math.Sin(a);
        return [.. new[] { (-1, -1), (-1, 1), (1, 1), (1, -1) }.Select(o => (cy + (o.Item1 * hh * c) - (o.Item2 * hw * s), cx + (o.Item1 * hh * s) + (o.Item2 * hw * c)))];
    }

    /// <summary>A shaded cylinder (pen, pencil, finger) from a to b with <paramref name="radius"/>, narrowing to a point after <paramref name="taper"/> (0–1) of its length; colour by position along it.</summary>
    private static (Rgb Colour, float Coverage) Cylinder(int y, int x, (double Y, double X) a, (double Y, double X) b, double radius, Func<double, Rgb> colour, double taper)
    {
        var (d, t) = Paint.ToSegment(y, x, a, b);
        double rr = t > taper ? radius * (1 - (0.8 * (t - taper) / (1 - taper))) : radius;
        if (d > rr + 1)
        {
            return (default, 0);
        }

        double across = Math.Min(d / rr, 1);
        double shade = 0.55 + (0.45 * Math.Sqrt(1 - (across * across))) + (0.25 * Math.Exp(-Math.Pow((across - 0.4) / 0.12, 2)));
        return (colour(t).Times(shade), Paint.Coverage(rr - d));
    }
}
