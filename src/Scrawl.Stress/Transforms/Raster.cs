using Scrawl.Data.Images;
using Scrawl.Imaging;

namespace Scrawl.Stress.Transforms;

/// <summary>Pure geometric transforms of RGB (or grey) float images: quarter turns, rotation, projective warps, resizing, mirroring. Inputs are never modified.</summary>
public static class Raster
{
    /// <summary>The image turned clockwise by <paramref name="quarters"/> × 90° (any integer; taken modulo 4); 90° and 270° swap height and width.</summary>
    public static FloatImage RotateQuarters(FloatImage image, int quarters)
    {
        ArgumentNullException.ThrowIfNull(image);
        int q = ((quarters % 4) + 4) % 4;
        if (q == 0)
        {
            return image.Clone();
        }

        int h = image.Height, w = image.Width, c = image.Channels;
        var result = q == 2 ? new FloatImage(h, w, c) : new FloatImage(w, h, c);
        int rw = result.Width;
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                var (ty, tx) = q switch { 1 => (x, h - 1 - y), 2 => (h - 1 - y, w - 1 - x), _ => (w - 1 - x, y) };
                Array.Copy(image.Pixels, ((y * w) + x) * c, result.Pixels, ((ty * rw) + tx) * c, c);
            }
        }

        return result;
    }

    /// <summary>The image mirrored left to right.</summary>
    public static FloatImage MirrorHorizontally(FloatImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var result = new FloatImage(image.Height, image.Width, image.Channels);
        int c = image.Channels;
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                Array.Copy(image.Pixels, ((y * image.Width) + x) * c, result.Pixels, ((y * image.Width) + image.Width - 1 - x) * c, c);
            }
        }

        return result;
    }

    /// <summary>
    /// The image turned by <paramref name="degrees"/> (any angle, positive = clockwise on screen) about its centre on a canvas
    /// grown to hold all of it, sampled bilinearly; uncovered pixels get <paramref name="fill"/> (one value per channel).
    /// </summary>
    public static FloatImage Rotate(FloatImage image, double degrees, ReadOnlySpan<float> fill)
    {
        ArgumentNullException.ThrowIfNull(image);
        double a = degrees * Math.PI / 180, cos = Math.Cos(a), sin = Math.Sin(a);
        int h = (int)Math.Ceiling((Math.Abs(image.Height * cos) + Math.Abs(image.Width * sin)) - 1e-9);
        int w = (int)Math.Ceiling((Math.Abs(image.Width * cos) + Math.Abs(image.Height * sin)) - 1e-9);
        double cy = (image.Height - 1) / 2.0, cx = (image.Width - 1) / 2.0, oy = (h - 1) / 2.0, ox = (w - 1) / 2.0;
        // Output (y, x) → source: rotate back by −a about the centres.
        return Map(image, h, w, fill, (y, x) => (cy + ((y - oy) * cos) - ((x - ox) * sin), cx + ((y - oy) * sin) + ((x - ox) * cos)));
    }

    /// <summary>
    /// An <paramref name="height"/>×<paramref name="width"/> image whose pixel (y, x) is the source sampled bilinearly at
    /// <paramref name="inverse"/>(y, x) (source row, column); points outside the source get <paramref name="fill"/>.
    /// </summary>
    public static FloatImage Warp(FloatImage image, int height, int width, Homography inverse, ReadOnlySpan<float> fill)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(inverse);
        return Map(image, height, width, fill, inverse.Apply);
    }

    /// <summary>The image resized to <paramref name="height"/>×<paramref name="width"/> (≥ 1): box-averaged when shrinking, bilinear when growing.</summary>
    public static FloatImage Resize(FloatImage image, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        if (height >= image.Height || width >= image.Width)
        {
            double sy = (double)image.Height / height, sx = (double)image.Width / width;
            return Map(image, height, width, new float[image.Channels], (y, x) => (Math.Clamp(((y + 0.5) * sy) - 0.5, 0, image.Height - 1), Math.Clamp(((x + 0.5) * sx) - 0.5, 0, image.Width - 1)));
        }

        int c = image.Channels;
        var result = new FloatImage(height, width, c);
        var sums = new double[c];
        for (int y = 0; y < height; y++)
        {
            int y0 = y * image.Height / height, y1 = Math.Max(y0 + 1, (y + 1) * image.Height / height);
            for (int x = 0; x < width; x++)
            {
                int x0 = x * image.Width / width, x1 = Math.Max(x0 + 1, (x + 1) * image.Width / width);
                Array.Clear(sums);
                for (int yy = y0; yy < y1; yy++)
                {
                    for (int xx = x0; xx < x1; xx++)
                    {
                        for (int k = 0; k < c; k++)
                        {
                            sums[k] += image.Pixels[(((yy * image.Width) + xx) * c) + k];
                        }
                    }
                }

                double n = (y1 - y0) * (x1 - x0);
                for (int k = 0; k < c; k++)
                {
                    result.Pixels[(((y * width) + x) * c) + k] = (float)(sums[k] / n);
                }
            }
        }

        return result;
    }

    /// <summary>The image scaled by <paramref name="scale"/> (&gt; 0) in both directions, at least 1×1.</summary>
    public static FloatImage Scale(FloatImage image, double scale)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        return Resize(image, Math.Max(1, (int)Math.Round(image.Height * scale)), Math.Max(1, (int)Math.Round(image.Width * scale)));
    }

    /// <summary>Bilinear sample of channel-interleaved <paramref name="image"/> at (y, x) into <paramref name="into"/>; false (into untouched) outside the image.</summary>
    public static bool Sample(FloatImage image, double y, double x, Span<float> into)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!(y > -0.5 && x > -0.5 && y < image.Height - 0.5 && x < image.Width - 0.5))
        {
            return false;
        }

        y = Math.Clamp(y, 0, image.Height - 1);
        x = Math.Clamp(x, 0, image.Width - 1);
        int y0 = Math.Min((int)y, image.Height - 2 < 0 ? 0 : image.Height - 2), x0 = Math.Min((int)x, image.Width - 2 < 0 ? 0 : image.Width - 2);
        int y1 = Math.Min(y0 + 1, image.Height - 1), x1 = Math.Min(x0 + 1, image.Width - 1);
        float fy = (float)(y - y0), fx = (float)(x - x0);
        int c = image.Channels, w = image.Width;
        var p = image.Pixels;
        for (int k = 0; k < c; k++)
        {
            float top = p[(((y0 * w) + x0) * c) + k] + (fx * (p[(((y0 * w) + x1) * c) + k] - p[(((y0 * w) + x0) * c) + k]));
            float bottom = p[(((y1 * w) + x0) * c) + k] + (fx * (p[(((y1 * w) + x1) * c) + k] - p[(((y1 * w) + x0) * c) + k]));
            into[k] = top + (fy * (bottom - top));
        }

        return true;
    }

    private static FloatImage Map(FloatImage image, int height, int width, ReadOnlySpan<float> fill, Func<double, double, (double Y, double X)> source)
    {
        if (fill.Length != image.Channels)
        {
            throw new ArgumentException($"The fill needs {image.Channels} values, got {fill.Length}.", nameof(fill));
        }

        int c = image.Channels;
        var result = new FloatImage(height, width, c);
        var fillCopy = fill.ToArray();
        Parallel.For(0, height, y =>
        {
            Span<float> value = stackalloc float[c];
            for (int x = 0; x < width; x++)
            {
                var (sy, sx) = source(y, x);
                var target = result.Pixels.AsSpan(((y * width) + x) * c, c);
                if (!Sample(image, sy, sx, target))
                {
                    fillCopy.CopyTo(target);
                }
            }
        });
        return result;
    }
}
