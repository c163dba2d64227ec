using Scrawl.Data.Images;
using Scrawl.Imaging;

namespace Scrawl.Stress.Transforms;

/// <summary>A colour as red, green, blue in [0, 1].</summary>
/// <param name="R">Red (0–1).</param>
/// <param name="G">Green (0–1).</param>
/// <param name="B">Blue (0–1).</param>
public readonly record struct Rgb(float R, float G, float B)
{
    /// <summary>This colour times <paramref name="f"/> (≥ 0), per channel.</summary>
    public Rgb Times(double f) => new((float)(R * f), (float)(G * f), (float)(B * f));

    /// <summary>The three channels as an array (for fills).</summary>
    public float[] ToArray() => [R, G, B];
}

/// <summary>
/// Procedural RGB backgrounds (no image files): wood grain, woven fabric, a keyboard edge on a desk, another sheet of
/// paper on a desk. Each is a pure function of its size and parameters; <c>seed</c> parameters pick the noise.
/// </summary>
public static class Textures
{
    /// <summary>Smooth value noise in [0, 1] at (y, x) with lattice spacing <paramref name="cell"/> (&gt; 0 pixels) for <paramref name="seed"/>.</summary>
    public static double Noise(double y, double x, double cell, long seed)
    {
        double gy = y / cell, gx = x / cell;
        long iy = (long)Math.Floor(gy), ix = (long)Math.Floor(gx);
        double fy = Smooth(gy - iy), fx = Smooth(gx - ix);
        double a = Hash(iy, ix, seed), b = Hash(iy, ix + 1, seed), c = Hash(iy + 1, ix, seed), d = Hash(iy + 1, ix + 1, seed);
        return a + ((b - a) * fx) + ((c - a) * fy) + ((a - b - c + d) * fx * fy);
    }

    /// <summary>Wood grain: bands of <paramref name="tone"/> along <paramref name="angleDegrees"/>, <paramref name="period"/> (≥ 2) pixels apart, bent by noise, with fine dark streaks.</summary>
    public static FloatImage Wood(int height, int width, Rgb tone, double angleDegrees, double period, long seed)
    {
        double a = angleDegrees * Math.PI / 180, cos = Math.Cos(a), sin = Math.Sin(a);
        return Fill(height, width, (y, x) =>
        {
            double along = (x * cos) + (y * sin), across = (-x * sin) + (y * cos);
            double bend = 2.5 * Noise(along * 0.15, across, period * 6, seed);
            double ring = 0.5 + (0.5 * Math.Sin((2 * Math.PI * across / period) + (2 * Math.PI * bend)));
            double streak = Noise(along * 0.05, across, 1.5, seed + 1);
            double f = 0.75 + (0.3 * ring) - (0.25 * Math.Pow(streak, 6)) + (0.1 * (Noise(y, x, period * 3, seed + 2) - 0.5));
            return tone.Times(f);
        });
    }

    /// <summary>Woven fabric: threads <paramref name="thread"/> (≥ 2) pixels wide crossing over and under, in <paramref name="tone"/>, with slub noise.</summary>
    public static FloatImage Fabric(int height, int width, Rgb tone, double thread, long seed) => Fill(height, width, (y, x) =>
    {
        int cy = (int)Math.Floor(y / thread), cx = (int)Math.Floor(x / thread);
        bool warpOnTop = ((cy + cx) & 1) == 0;
        double u = (y / thread) - cy, v = (x / thread) - cx;
        double shade = warpOnTop ? Math.Sin(Math.PI * v) : Math.Sin(Math.PI * u);
        double f = 0.7 + (0.35 * shade) + (0.15 * (Noise(y, x, thread * 4, seed) - 0.5));
        return tone.Times(f);
    });

    /// <summary>A desk of <paramref name="desk"/> with a dark keyboard (key pitch <paramref name="key"/> ≥ 8 pixels, light legends) covering the rows above <paramref name="edge"/> (0 ≤ edge ≤ height).</summary>
    public static FloatImage Keyboard(int height, int width, Rgb desk, int edge, double key, long seed) => Fill(height, width, (y, x) =>
    {
        if (y >= edge)
        {
            return desk.Times(0.9 + (0.2 * Noise(y, x, 40, seed)));
        }

        double row = (edge - y) / key, col = (x + ((int)row * key * 0.3)) / key;
        double u = row - Math.Floor(row), v = col - Math.Floor(col);
        bool onKey = u is > 0.1 and < 0.9 && v is > 0.08 and < 0.92;
        bool legend = onKey && u is > 0.3 and < 0.45 && v is > 0.3 and < 0.5 && Hash((long)row, (long)col, seed) > 0.3;
        float g = legend ? 0.75f : onKey ? 0.2f + (float)(0.05 * (1 - u)) : 0.07f;
        return new Rgb(g, g, g * 1.05f);
    });

    /// <summary>A desk of <paramref name="desk"/> with another white sheet (rows of faint printed text) whose corners are <paramref name="corners"/> (y, x; a convex quadrilateral in order).</summary>
    public static FloatImage OtherSheet(int height, int width, Rgb desk, (double Y, double X)[] corners, double textPitch, long seed)
    {
        ArgumentNullException.ThrowIfNull(corners);
        return Fill(height, width, (y, x) =>
        {
            if (!Inside(corners, y, x))
            {
                return desk.Times(0.9 + (0.2 * Noise(y, x, 30, seed)));
            }

            double line = y / textPitch;
            bool print = line - Math.Floor(line) < 0.22 && Noise(line, x, 25, seed + 1) > 0.35;
            return print ? new Rgb(0.45f, 0.45f, 0.47f) : new Rgb(0.86f, 0.86f, 0.84f);
        });
    }

    /// <summary>True when (y, x) lies inside the convex polygon <paramref name="polygon"/> (vertices in order, either winding).</summary>
    public static bool Inside(ReadOnlySpan<(double Y, double X)> polygon, double y, double x)
    {
        int sign = 0;
        for (int i = 0; i < polygon.Length; i++)
        {
            var (ay, ax) = polygon[i];
            var (by, bx) = polygon[(i + 1) % polygon.Length];
            double cross = ((bx - ax) * (y - ay)) - ((by - ay) * (x - ax));
            int s = Math.Sign(cross);
            if (s != 0 && sign != 0 && s != sign)
            {
                return false;
            }

            sign = s != 0 ? s : sign;
        }

        return true;
    }

    /// <summary>An RGB image whose pixel (y, x) is <paramref name="colour"/>(y, x), clamped to [0, 1].</summary>
    public static FloatImage Fill(int height, int width, Func<int, int, Rgb> colour)
    {
        ArgumentNullException.ThrowIfNull(colour);
        var image = new FloatImage(height, width, 3);
        Parallel.For(0, height, y =>
        {
            for (int x = 0; x < width; x++)
            {
                var c = colour(y, x);
                int i = ((y * width) + x) * 3;
                image.Pixels[i] = Math.Clamp(c.R, 0f, 1f);
                image.Pixels[i + 1] = Math.Clamp(c.G, 0f, 1f);
                image.Pixels[i + 2] = Math.Clamp(c.B, 0f, 1f);
            }
        });
        return image;
    }

    private static double Smooth(double t) => t * t * (3 - (2 * t));

    private static double Hash(long y, long x, long seed)
    {
        ulong h = unchecked(((ulong)y * 0x9E3779B97F4A7C15UL) ^ ((ulong)x * 0xC2B2AE3D27D4EB4FUL) ^ ((ulong)seed * 0x165667B19E3779F9UL));
        h ^= h >> 33;
        h = unchecked(h * 0xFF51AFD7ED558CCDUL);
        h ^= h >> 33;
        return (h >> 11) * (1.0 / (1UL << 53));
    }
}
