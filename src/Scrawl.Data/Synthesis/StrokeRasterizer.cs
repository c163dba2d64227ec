using System.Numerics;
using Scrawl.Imaging;

namespace Scrawl.Data.Synthesis;

/// <summary>
/// Draws pen strokes as anti-aliased thick lines onto a float canvas (row-major, width × height,
/// ink = 1). Each segment is a capsule — every point within the pen radius of the segment — with a
/// one-pixel linear edge: a pixel whose centre lies at distance d from the segment gets
/// clamp(r − d + ½, 0, 1), about the fraction of the pixel the pen covers. Overlapping strokes
/// combine with max, so crossings do not get darker than the pen. Pixel (x, y) covers
/// [x, x+1) × [y, y+1) in canvas coordinates, so its centre is (x + ½, y + ½).
/// </summary>
public static class StrokeRasterizer
{
    /// <summary>
    /// Draws the segment a→b with a pen radius varying linearly from <paramref name="radiusA"/> to
    /// <paramref name="radiusB"/> (pixels, ≥ 0; width = 2·radius). Parts outside the canvas are clipped.
    /// </summary>
    public static void DrawSegment(Span<float> canvas, int width, int height, Vector2 a, Vector2 b, float radiusA, float radiusB)
    {
        CheckCanvas(canvas, width, height);
        float rMax = MathF.Max(MathF.Max(radiusA, radiusB), 0f) + 0.5f;
        int x0 = Math.Max(0, (int)MathF.Floor(MathF.Min(a.X, b.X) - rMax - 0.5f));
        int x1 = Math.Min(width - 1, (int)MathF.Ceiling(MathF.Max(a.X, b.X) + rMax - 0.5f));
        int y0 = Math.Max(0, (int)MathF.Floor(MathF.Min(a.Y, b.Y) - rMax - 0.5f));
        int y1 = Math.Min(height - 1, (int)MathF.Ceiling(MathF.Max(a.Y, b.Y) + rMax - 0.5f));
        if (x0 > x1 || y0 > y1)
        {
            return;
        }

        Vector2 ab = b - a;
        float lengthSquared = ab.LengthSquared();
        float inverse = lengthSquared > 1e-12f ? 1f / lengthSquared : 0f;
        float dr = radiusB - radiusA;
        for (int y = y0; y <= y1; y++)
        {
            float py = y + 0.5f;
            var row = canvas.Slice(y * width, width);
            for (int x = x0; x <= x1; x++)
            {
                if (row[x] >= 1f)
                {
                    continue;
                }

                var ap = new Vector2(x + 0.5f - a.X, py - a.Y);
                float t = Math.Clamp(Vector2.Dot(ap, ab) * inverse, 0f, 1f);
                float distanceSquared = (ap - (t * ab)).LengthSquared();
                float reach = radiusA + (t * dr) + 0.5f;
                if (reach <= 0f || distanceSquared >= reach * reach)
                {
                    continue;
                }

                float coverage = reach - MathF.Sqrt(distanceSquared);
                if (coverage > row[x])
                {
                    row[x] = MathF.Min(coverage, 1f);
                }
            }
        }
    }

    /// <summary>Draws a polyline with a constant pen radius (pixels, ≥ 0); a single point draws a dot.</summary>
    public static void DrawPolyline(Span<float> canvas, int width, int height, ReadOnlySpan<Vector2> points, float radius)
    {
        if (points.Length == 1)
        {
            DrawSegment(canvas, width, height, points[0], points[0], radius, radius);
        }

        for (int i = 1; i < points.Length; i++)
        {
            DrawSegment(canvas, width, height, points[i - 1], points[i], radius, radius);
        }
    }

    /// <summary>Draws a polyline with a per-point pen radius (pixels, ≥ 0; same length as the points), interpolated along each segment.</summary>
    public static void DrawPolyline(Span<float> canvas, int width, int height, ReadOnlySpan<Vector2> points, ReadOnlySpan<float> radii)
    {
        if (radii.Length != points.Length)
        {
            throw new ArgumentException($"{points.Length} points but {radii.Length} radii.", nameof(radii));
        }

        if (points.Length == 1)
        {
            DrawSegment(canvas, width, height, points[0], points[0], radii[0], radii[0]);
        }

        for (int i = 1; i < points.Length; i++)
        {
            DrawSegment(canvas, width, height, points[i - 1], points[i], radii[i - 1], radii[i]);
        }
    }

    private static void CheckCanvas(Span<float> canvas, int width, int height) => PixelGrid.Check(height, width, canvas.Length, nameof(canvas));
}
