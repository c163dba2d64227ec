namespace Scrawl.Imaging.Geometry;

/// <summary>Resampling an image through a <see cref="Homography"/>.</summary>
public static class Warp
{
    /// <summary>
    /// A <paramref name="height"/>×<paramref name="width"/> (≥ 1) image whose pixel (r, c) takes the value of <paramref name="source"/>
    /// at <paramref name="toSource"/>(c + ½, r + ½), bilinearly interpolated between pixel centres; points outside the source take
    /// <paramref name="fill"/> (finite). Rows run in parallel; the result does not depend on the number of cores.
    /// </summary>
    public static FloatImage Image(FloatImage source, Homography toSource, int height, int width, float fill)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        var result = new float[(long)height * width];
        Image(source, toSource, result, height, width, fill);
        return new FloatImage(result, height, width);
    }

    /// <summary>
    /// As <see cref="Image(FloatImage, Homography, int, int, float)"/>, into <paramref name="destination"/> (H·W values, row-major, every one
    /// written; e.g. pooled scratch; it may not overlap the source): the same values, with no page-sized allocation.
    /// </summary>
    public static void Image(FloatImage source, Homography toSource, Memory<float> destination, int height, int width, float fill)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(toSource);
        if (source.Channels != 1)
        {
            throw new ArgumentException($"Warp takes grey images; got {source.Channels} channels.", nameof(source));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        PixelGrid.Check(height, width, destination.Length, nameof(destination));
        if (destination.Span.Overlaps(source.Pixels))
        {
            throw new ArgumentException("The destination may not overlap the source.", nameof(destination));
        }

        if (!float.IsFinite(fill))
        {
            throw new ArgumentOutOfRangeException(nameof(fill), fill, "The fill value must be finite.");
        }

        var src = source.Pixels;
        int sh = source.Height, sw = source.Width;
        var m = toSource.Matrix.ToArray();
        Parallel.For(0, height, r =>
        {
            double y = r + 0.5;
            var row = destination.Span.Slice(r * width, width);
            for (int c = 0; c < width; c++)
            {
                double x = c + 0.5;
                double w = (m[6] * x) + (m[7] * y) + m[8];
                double sx = (((m[0] * x) + (m[1] * y) + m[2]) / w) - 0.5, sy = (((m[3] * x) + (m[4] * y) + m[5]) / w) - 0.5;
                row[c] = Sample(src, sh, sw, sx, sy, fill);
            }
        });
    }

    /// <summary>The bilinear value at (x, y) in pixel-centre coordinates; <paramref name="fill"/> beyond half a pixel outside the image.</summary>
    private static float Sample(float[] src, int h, int w, double x, double y, float fill)
    {
        if (!(x >= -0.5 && y >= -0.5 && x <= w - 0.5 && y <= h - 0.5))
        {
            return fill;
        }

        x = Math.Clamp(x, 0, w - 1);
        y = Math.Clamp(y, 0, h - 1);
        int x0 = (int)x, y0 = (int)y;
        int x1 = Math.Min(x0 + 1, w - 1), y1 = Math.Min(y0 + 1, h - 1);
        float fx = (float)(x - x0), fy = (float)(y - y0);
        float top = src[(y0 * w) + x0] + (fx * (src[(y0 * w) + x1] - src[(y0 * w) + x0]));
        float bottom = src[(y1 * w) + x0] + (fx * (src[(y1 * w) + x1] - src[(y1 * w) + x0]));
        return top + (fy * (bottom - top));
    }
}
