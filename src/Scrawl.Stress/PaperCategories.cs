using Scrawl.Imaging;
using Scrawl.Numerics;
using Scrawl.Stress.Transforms;

namespace Scrawl.Stress;

/// <summary>
/// The paper categories of the robustness benchmark (issue #22): the printed structure of notebook paper and the light
/// on it. Sizes follow the page's own measured text (<see cref="Paint.MeasureText"/>), never fixed pixel counts.
/// </summary>
internal static class PaperCategories
{
    private static readonly Rgb[] Rulings = [new(0.55f, 0.7f, 0.92f), new(0.62f, 0.66f, 0.72f), new(0.7f, 0.78f, 0.9f)];

    public static StressVariant Ruled(StressPage p, SeededRandom r, int k)
    {
        // Rulings 1.1–1.9 character heights apart, a whole number of them per text line; on "written on the lines" variants
        // a ruling runs along the measured baselines (the bottom strokes of E, L, Z lie on it), else at a random phase.
        var (height, pitch, baseline) = Paint.MeasureText(p.Image);
        double spacing = pitch / Math.Max(1, Math.Round(pitch / (r.Uniform(1.1, 1.9) * height)));
        double phase = r.NextDouble() < 0.5 ? baseline : r.Uniform(0, spacing), thick = Math.Max(1, spacing / r.Uniform(18, 30));
        var colour = Rulings[r.NextInt(Rulings.Length)];
        bool margin = (k + r.NextInt(2)) % 2 == 0;
        double marginX = r.Uniform(0.05, 0.12) * p.Image.Width;
        return new(Paint.Multiply(p.Image, (y, x) =>
        {
            if (margin && Math.Abs(x - marginX) < thick)
            {
                return new Rgb(0.95f, 0.5f, 0.5f);
            }

            return Mix(colour, Paint.Coverage((thick / 2) - Distance(y - phase, spacing)));
        }));
    }

    public static StressVariant Grid(StressPage p, SeededRandom r, int k)
    {
        var (height, _, _) = Paint.MeasureText(p.Image);
        double spacing = r.Uniform(0.6, 1.1) * height, py = r.Uniform(0, spacing), px = r.Uniform(0, spacing), thick = Math.Max(1, spacing / r.Uniform(15, 25));
        var colour = Rulings[r.NextInt(Rulings.Length)];
        return new(Paint.Multiply(p.Image, (y, x) =>
            Mix(colour, Paint.Coverage((thick / 2) - Math.Min(Distance(y - py, spacing), Distance(x - px, spacing))))));
    }

    public static StressVariant DotGrid(StressPage p, SeededRandom r, int k)
    {
        var (height, _, _) = Paint.MeasureText(p.Image);
        double spacing = r.Uniform(0.6, 1.1) * height, py = r.Uniform(0, spacing), px = r.Uniform(0, spacing), radius = Math.Max(1, spacing / r.Uniform(8, 14));
        var colour = Rulings[r.NextInt(Rulings.Length)].Times(0.8);
        return new(Paint.Multiply(p.Image, (y, x) =>
        {
            double dy = Distance(y - py, spacing), dx = Distance(x - px, spacing);
            return Mix(colour, Paint.Coverage(radius - Math.Sqrt((dy * dy) + (dx * dx))));
        }));
    }

    public static StressVariant Holes(StressPage p, SeededRandom r, int k)
    {
        int h = p.Image.Height, w = p.Image.Width;
        bool spiral = (k + r.NextInt(2)) % 2 == 1;
        double radius = r.Uniform(0.012, 0.022) * Math.Max(h, w), cx = r.Uniform(1.6, 2.4) * radius;
        var hole = new Rgb((float)r.Uniform(0.1, 0.3), (float)r.Uniform(0.08, 0.25), (float)r.Uniform(0.06, 0.2));
        var centres = spiral
            ? Enumerable.Range(0, (int)(h / (radius * 3))).Select(i => (radius * (1.5 + (3 * i)), cx)).ToArray()
            : Enumerable.Range(0, 2 + r.NextInt(3)).Select(i => (h * (i + 1) / 5.0, cx)).ToArray();
        var metal = new Rgb(0.35f, 0.36f, 0.4f);
        return new(Paint.Over(p.Image, (y, x) =>
        {
            foreach (var (hy, hx) in centres)
            {
                double d = Math.Sqrt(((y - hy) * (y - hy)) + ((x - hx) * (x - hx)));
                if (d < radius + 1)
                {
                    return (hole, Paint.Coverage(radius - d));
                }

                if (spiral && x < hx && Math.Abs(y - hy + ((hx - x) * 0.3)) < radius * 0.35)
                {
                    return (metal, 1f); // the coil from the edge to the hole
                }
            }

            return (default, 0f);
        }));
    }

    public static StressVariant HardShadow(StressPage p, SeededRandom r, int k)
    {
        int h = p.Image.Height, w = p.Image.Width;
        double angle = r.Uniform(0, 2 * Math.PI), oy = r.Uniform(0.25, 0.75) * h, ox = r.Uniform(0.25, 0.75) * w;
        double depth = r.Uniform(0.3, 0.55), softness = r.Uniform(0.5, 2);
        return new(Paint.Multiply(p.Image, (y, x) =>
        {
            double side = ((y - oy) * Math.Cos(angle)) - ((x - ox) * Math.Sin(angle));
            float f = (float)(1 - (depth * Paint.Coverage(side / softness)));
            return new Rgb(f, f, f * 1.04f);
        }));
    }

    public static StressVariant ColorCast(StressPage p, SeededRandom r, int k)
    {
        int h = p.Image.Height, w = p.Image.Width;
        var cast = (k + r.NextInt(2)) % 2 == 0 ? new Rgb((float)r.Uniform(0.55, 0.75), (float)r.Uniform(0.45, 0.6), 1f) : new Rgb(1f, (float)r.Uniform(0.72, 0.85), (float)r.Uniform(0.42, 0.6));
        double dir = r.Uniform(0, 2 * Math.PI), low = r.Uniform(0.3, 0.6), bright = r.Uniform(0.75, 1);
        double diag = Math.Sqrt((h * h) + (w * w));
        return new(Paint.Multiply(p.Image, (y, x) =>
        {
            double g = low + ((1 - low) * Math.Clamp(0.5 + ((((y - (h / 2.0)) * Math.Sin(dir)) + ((x - (w / 2.0)) * Math.Cos(dir))) / diag), 0, 1));
            return new Rgb((float)(bright * (1 - (g * (1 - cast.R)))), (float)(bright * (1 - (g * (1 - cast.G)))), (float)(bright * (1 - (g * (1 - cast.B)))));
        }));
    }

    public static StressVariant ShowThrough(StressPage p, SeededRandom r, int k)
    {
        var coverage = Paint.InkCoverage(Raster.MirrorHorizontally(p.Image));
        var blurred = new FloatImage(coverage, p.Image.Height, p.Image.Width);
        var soft = Imaging.Filters.GaussianBlur(blurred, (float)r.Uniform(1.5, 3)).Pixels.ToArray();
        return new(Paint.FaintInk(p.Image, soft, r.Uniform(0.08, 0.2)));
    }

    public static StressVariant Exif(StressPage p, SeededRandom r, int k)
    {
        int orientation = new[] { 3, 6, 8 }[(k + r.NextInt(3)) % 3];
        // Orientation 3: shown turned 180°; 6: shown turned 90° clockwise; 8: shown turned 90° anticlockwise. Store the inverse turn.
        int quarters = orientation switch { 3 => 2, 6 => 3, _ => 1 };
        return new(Raster.RotateQuarters(p.Image, quarters), Orientation: orientation);
    }

    /// <summary>Distance from v to the nearest multiple of <paramref name="period"/>.</summary>
    private static double Distance(double v, double period)
    {
        double m = v - (Math.Floor(v / period) * period);
        return Math.Min(m, period - m);
    }

    /// <summary>1 (no change) blended towards <paramref name="colour"/> by <paramref name="coverage"/> (0–1): a multiplicative tint.</summary>
    private static Rgb Mix(Rgb colour, float coverage) => new(1 + (coverage * (colour.R - 1)), 1 + (coverage * (colour.G - 1)), 1 + (coverage * (colour.B - 1)));
}
