using Scrawl.Data.Images;
using Scrawl.Imaging;

namespace Scrawl.Stress.Transforms;

/// <summary>
/// Pure compositing of RGB float images: multiplying by a light or colour field, painting over with a colour and a
/// coverage, placing a page on a background with a soft shadow, faint ink overlays, and the measures they derive
/// from a page (paper and ink tones, text line pitch). Inputs are never modified.
/// </summary>
public static class Paint
{
    /// <summary>Each pixel times <paramref name="field"/>(y, x) per channel (a light, shadow or colour field; factors ≥ 0), clamped to [0, 1].</summary>
    public static FloatImage Multiply(FloatImage image, Func<int, int, Rgb> field)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(field);
        return PerPixel(image, (y, x, p) =>
        {
            var f = field(y, x);
            return new Rgb(p.R * f.R, p.G * f.G, p.B * f.B);
        });
    }

    /// <summary>Each pixel blended towards a colour with a coverage in [0, 1] (0: untouched, 1: replaced) given by <paramref name="paint"/>(y, x).</summary>
    public static FloatImage Over(FloatImage image, Func<int, int, (Rgb Colour, float Coverage)> paint)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(paint);
        return PerPixel(image, (y, x, p) =>
        {
            var (c, a) = paint(y, x);
            return a <= 0 ? p : new Rgb(p.R + (a * (c.R - p.R)), p.G + (a * (c.G - p.G)), p.B + (a * (c.B - p.B)));
        });
    }

    /// <summary>
    /// <paramref name="page"/> placed with its top-left corner at (<paramref name="top"/>, <paramref name="left"/>) on <paramref name="background"/>
    /// (which may extend past the page on any side), after darkening the background by a soft shadow of the page shifted by
    /// <paramref name="shadowOffset"/> pixels with edge softness <paramref name="shadowBlur"/> (&gt; 0 px) and depth <paramref name="shadowDepth"/> (0–1).
    /// Also returns the page's coverage mask (1 on the page, 0 off it; length H·W).
    /// </summary>
    public static (FloatImage Image, float[] PageMask) Place(FloatImage background, FloatImage page, int top, int left, double shadowOffset, double shadowBlur, double shadowDepth)
    {
        ArgumentNullException.ThrowIfNull(background);
        ArgumentNullException.ThrowIfNull(page);
        double b = Math.Max(shadowBlur, 0.5);
        var shadowed = Multiply(background, (y, x) =>
        {
            double s = Edge(y - top - shadowOffset, page.Height, b) * Edge(x - left - shadowOffset, page.Width, b);
            float f = (float)(1 - (shadowDepth * s));
            return new Rgb(f, f, f);
        });
        var mask = new float[background.Height * background.Width];
        var result = shadowed.Clone();
        for (int y = Math.Max(0, top); y < Math.Min(background.Height, top + page.Height); y++)
        {
            for (int x = Math.Max(0, left); x < Math.Min(background.Width, left + page.Width); x++)
            {
                Array.Copy(page.Pixels, (((y - top) * page.Width) + x - left) * 3, result.Pixels, ((y * background.Width) + x) * 3, 3);
                mask[(y * background.Width) + x] = 1;
            }
        }

        return (result, mask);
    }

    /// <summary>Darkens the image where <paramref name="coverage"/> (length H·W, 0–1) is high by up to <paramref name="strength"/> (0–1): faint ink of another writing.</summary>
    public static FloatImage FaintInk(FloatImage image, float[] coverage, double strength)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(coverage);
        return Multiply(image, (y, x) =>
        {
            float f = (float)(1 - (strength * coverage[(y * image.Width) + x]));
            return new Rgb(f, f, f);
        });
    }

    /// <summary>
    /// How much ink each pixel holds, in [0, 1]: 0 at the paper's tone (80th percentile of luminance), 1 at the ink's
    /// tone (1st percentile), linear between; measured from the page itself.
    /// </summary>
    public static float[] InkCoverage(FloatImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var lum = Luminance(image);
        var sorted = (float[])lum.Clone();
        Array.Sort(sorted);
        float paper = sorted[(int)(0.8 * (sorted.Length - 1))], ink = sorted[(int)(0.01 * (sorted.Length - 1))];
        float span = Math.Max(paper - ink, 0.05f);
        return [.. lum.Select(v => Math.Clamp((paper - v) / span, 0f, 1f))];
    }

    /// <summary>
    /// The text's character height, line pitch and first baseline in pixels, measured from the rows that hold ink (coverage
    /// &gt; 0.5 on at least 0.3 % of the row): the median height of the runs of such rows, the median distance between run
    /// centres (the character height × 1.9 when only one run is found) and the row below the first run. Falls back to 1/20
    /// of the shorter side (baseline: that height) with no runs.
    /// </summary>
    public static (double CharacterHeight, double LinePitch, double FirstBaseline) MeasureText(FloatImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var coverage = InkCoverage(image);
        var runs = new List<(int Start, int End)>();
        int start = -1, gap = 0;
        for (int y = 0; y <= image.Height; y++)
        {
            int count = 0;
            for (int x = 0; y < image.Height && x < image.Width; x++)
            {
                count += coverage[(y * image.Width) + x] > 0.5f ? 1 : 0;
            }

            bool ink = y < image.Height && count >= Math.Max(2, image.Width * 0.003);
            if (ink)
            {
                start = start < 0 ? y : start;
                gap = 0;
            }
            else if (start >= 0 && ++gap > 2)
            {
                if (y - gap - start + 1 >= 4)
                {
                    runs.Add((start, y - gap));
                }

                start = -1;
            }
        }

        if (runs.Count == 0)
        {
            double h = Math.Min(image.Height, image.Width) / 20.0;
            return (h, h * 1.9, h);
        }

        double height = Median(runs.Select(r => (double)(r.End - r.Start + 1)));
        double pitch = runs.Count > 1 ? Median(runs.Zip(runs.Skip(1), (a, b) => ((b.Start + b.End) - (a.Start + a.End)) / 2.0)) : height * 1.9;
        return (height, Math.Max(pitch, height), runs[0].End + 1);
    }

    /// <summary>Luminance 0.299 R + 0.587 G + 0.114 B per pixel (the value itself for grey images).</summary>
    public static float[] Luminance(FloatImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var p = image.Pixels;
        return image.Channels == 1 ? (float[])p.Clone()
            : [.. Enumerable.Range(0, image.Height * image.Width).Select(i => (0.299f * p[i * 3]) + (0.587f * p[(i * 3) + 1]) + (0.114f * p[(i * 3) + 2]))];
    }

    /// <summary>The mean colour of the outermost 2 % of rows and columns (at least one): the page's own border tone, used to fill around it.</summary>
    public static Rgb BorderTone(FloatImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        int band = Math.Max(1, Math.Min(image.Height, image.Width) / 50);
        double r = 0, g = 0, b = 0;
        int n = 0;
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                if (y < band || x < band || y >= image.Height - band || x >= image.Width - band)
                {
                    int i = ((y * image.Width) + x) * 3;
                    (r, g, b, n) = (r + image.Pixels[i], g + image.Pixels[i + 1], b + image.Pixels[i + 2], n + 1);
                }
            }
        }

        return new Rgb((float)(r / n), (float)(g / n), (float)(b / n));
    }

    /// <summary>Distance from (y, x) to the segment a–b, and the position t in [0, 1] of the nearest point along it.</summary>
    public static (double Distance, double T) ToSegment(double y, double x, (double Y, double X) a, (double Y, double X) b)
    {
        double dy = b.Y - a.Y, dx = b.X - a.X, len2 = Math.Max((dy * dy) + (dx * dx), 1e-12);
        double t = Math.Clamp((((y - a.Y) * dy) + ((x - a.X) * dx)) / len2, 0, 1);
        double py = a.Y + (t * dy) - y, px = a.X + (t * dx) - x;
        return (Math.Sqrt((py * py) + (px * px)), t);
    }

    /// <summary>Antialiased coverage (0–1) of a shape at a signed distance <paramref name="inside"/> pixels inside its edge.</summary>
    public static float Coverage(double inside) => (float)Math.Clamp(inside + 0.5, 0, 1);

    /// <summary>A soft 0–1 window: ≈ 1 for 0 ≤ v ≤ length, falling off over ≈ <paramref name="blur"/> pixels outside.</summary>
    public static double Edge(double v, double length, double blur) => Logistic(v / blur) * Logistic((length - v) / blur);

    private static double Logistic(double t) => 1 / (1 + Math.Exp(-2 * t));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static FloatImage PerPixel(FloatImage image, Func<int, int, Rgb, Rgb> f)
    {
        if (image.Channels != 3)
        {
            throw new ArgumentException($"An RGB image is needed, got {image.Channels} channel(s).", nameof(image));
        }

        return Textures.Fill(image.Height, image.Width, (y, x) =>
        {
            int i = ((y * image.Width) + x) * 3;
            return f(y, x, new Rgb(image.Pixels[i], image.Pixels[i + 1], image.Pixels[i + 2]));
        });
    }
}
